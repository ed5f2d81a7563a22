// Helpers for the sign-up and password-recovery suites: a pool whose AutoVerifiedAttributes and
// other members are given, a client (optionally with a secret and PreventUserExistenceErrors),
// the self-service requests with their SecretHash, and the codes read from the outbox. Built on
// MfaTest for the outbox readers.
#pragma once

#include <string>

#include "auth/secret_hash.h"
#include "server/actions/user_codes.h"
#include "tests/unit/actions/mfa_fixture.h"

namespace cognito::actions::testing {

class LifecycleTest : public MfaTest {
 protected:
  // A pool (extra members merged into CreateUserPool) and a client with the password flows.
  void MakeLifecyclePool(const Json& pool_extra, bool hide_users = false, bool secret = false) {
    pool_ = CreatePool(pool_extra);
    Json client_extra = Json::object();
    if (hide_users) {
      client_extra["PreventUserExistenceErrors"] = "ENABLED";
    }
    const Json client = CreateClient(
        pool_, {"ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}, secret, client_extra);
    client_ = client["ClientId"];
    secret_ = client.value("ClientSecret", "");
  }
  // {ClientId, Username, SecretHash (when the client has a secret)} plus `extra`.
  Json Request(const std::string& username, const Json& extra = Json::object()) const {
    Json input = extra;
    input["ClientId"] = client_;
    input["Username"] = username;
    if (!secret_.empty()) {
      input["SecretHash"] = auth::SecretHash(username, client_, secret_);
    }
    return input;
  }
  Json SignUpInput(const std::string& username, const std::string& email = kEmail,
                   const std::string& password = kPassword) const {
    return Request(username, {{"Password", password},
                              {"UserAttributes", {{{"Name", "email"}, {"Value", email}}}}});
  }
  Json Confirm(const std::string& username, const std::string& code) const {
    return Request(username, {{"ConfirmationCode", code}});
  }
  Json NewPassword(const std::string& username, const std::string& code,
                   const std::string& password) const {
    return Request(username, {{"ConfirmationCode", code}, {"Password", password}});
  }
  Json PasswordSignIn(const std::string& username, const std::string& password) const {
    return {{"ClientId", client_},
            {"AuthFlow", "USER_PASSWORD_AUTH"},
            {"AuthParameters", {{"USERNAME", username}, {"PASSWORD", password}}}};
  }
  std::string Status(const std::string& username) {
    return Ok("AdminGetUser", {{"UserPoolId", pool_}, {"Username", username}})["UserStatus"];
  }
  std::string Attribute(const std::string& username, const std::string& name) {
    const Json user = Ok("AdminGetUser", {{"UserPoolId", pool_}, {"Username", username}});
    for (const auto& a : user["UserAttributes"]) {
      if (a["Name"] == name) {
        return a["Value"];
      }
    }
    return "";
  }

  std::string secret_;
};

}  // namespace cognito::actions::testing
