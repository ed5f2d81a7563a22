// Helpers for the MFA suites: pools with a given MFA configuration, users with phone and email,
// sign-in, the outbox as the Service serves it, and TOTP codes computed like an authenticator
// app. Built on ServiceTest (one Service per suite, fake clock, seeded randomness).
#pragma once

#include <cctype>
#include <string>

#include "auth/totp.h"
#include "server/actions/api.h"
#include "tests/unit/actions/service_fixture.h"

namespace cognito::actions::testing {

class MfaTest : public ServiceTest {
 protected:
  static constexpr const char* kPassword = "Passw0rd!";
  static constexpr const char* kPhone = "+15551234567";
  static constexpr const char* kEmail = "ann@example.com";

  // A pool with MFA `mode` (OFF / OPTIONAL / ON) and the listed methods, and a client with the
  // password flows (extra members merged into CreateUserPoolClient).
  void MakePool(const std::string& mode, bool sms, bool totp, bool email,
                const Json& client_extra = Json::object()) {
    pool_ = CreatePool();
    Json config{{"UserPoolId", pool_}, {"MfaConfiguration", mode}};
    if (sms) {
      config["SmsMfaConfiguration"] = {
          {"SmsAuthenticationMessage", "Code: {####}"},
          {"SmsConfiguration", {{"SnsCallerArn", "arn:aws:iam::123456789012:role/sms"}}}};
    }
    if (totp) {
      config["SoftwareTokenMfaConfiguration"] = {{"Enabled", true}};
    }
    if (email) {
      config["EmailMfaConfiguration"] = {{"Message", "Your code is {####}"},
                                         {"Subject", "Sign-in code"}};
    }
    if (mode != "OFF") {
      Ok("SetUserPoolMfaConfig", config);
    }
    client_ = CreateClient(pool_,
                           {"ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                            "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"},
                           false, client_extra)["ClientId"];
  }
  // A confirmed user with a phone number and an email.
  void MakeUser(const std::string& username) {
    CreateUser(
        pool_, username, kPassword, true,
        {{{"Name", "phone_number"}, {"Value", kPhone}}, {{"Name", "email"}, {"Value", kEmail}}});
  }
  void Prefer(const std::string& username, const Json& settings) {
    Json input = settings;
    input["UserPoolId"] = pool_;
    input["Username"] = username;
    Ok("AdminSetUserMFAPreference", input);
  }
  Json InitiateInput(const std::string& username) const {
    return {{"ClientId", client_},
            {"AuthFlow", "USER_PASSWORD_AUTH"},
            {"AuthParameters", {{"USERNAME", username}, {"PASSWORD", kPassword}}}};
  }
  Json SignIn(const std::string& username) { return Ok("InitiateAuth", InitiateInput(username)); }
  std::string AccessToken(const std::string& username) {
    const Json out = SignIn(username);
    EXPECT_TRUE(out.contains("AuthenticationResult")) << out.dump();
    return out["AuthenticationResult"].value("AccessToken", "");
  }
  Json Respond(const std::string& challenge, const Json& responses, const Json& session) const {
    Json input{
        {"ClientId", client_}, {"ChallengeName", challenge}, {"ChallengeResponses", responses}};
    if (!session.is_null()) {
      input["Session"] = session;
    }
    return input;
  }
  // GET /_emulator/outbox for the user, newest first.
  Json Outbox(const std::string& username) {
    ApiRequest request;
    request.method = "GET";
    request.target = "/_emulator/outbox?poolId=" + pool_ + "&username=" + Escape(username);
    const ApiResponse r = service().Handle(request);
    EXPECT_EQ(r.status, 200u) << r.body;
    return Json::parse(r.body)["messages"];
  }
  std::string LastCode(const std::string& username) {
    const Json messages = Outbox(username);
    EXPECT_FALSE(messages.empty());
    return messages.empty() ? "" : messages[0]["code"].get<std::string>();
  }
  // Associates and verifies a software token through the access-token path; returns its key.
  std::string EnrolTotp(const std::string& username, const std::string& device = "phone") {
    const std::string token = AccessToken(username);
    const Json associated = Ok("AssociateSoftwareToken", {{"AccessToken", token}});
    const std::string key = *auth::Base32Decode(associated["SecretCode"].get<std::string>());
    Ok("VerifySoftwareToken",
       {{"AccessToken", token}, {"UserCode", Totp(key)}, {"FriendlyDeviceName", device}});
    return key;
  }
  // Percent-encodes everything but letters and digits (query parameter values).
  static std::string Escape(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
      const auto byte = static_cast<unsigned char>(c);
      if (std::isalnum(byte) != 0) {
        out.push_back(c);
      } else {
        out += {'%', kHex[byte >> 4], kHex[byte & 0x0f]};
      }
    }
    return out;
  }
  // The TOTP code `steps` steps from now.
  static std::string Totp(const std::string& key, int64_t steps = 0) {
    return auth::TotpCode(key, clock().NowSeconds() + steps * auth::kTotpStepSeconds);
  }
  // Moves the clock to the start of the next TOTP step, so codes of the current one are stale.
  static void NextStep() {
    const int64_t into = clock().NowSeconds() % auth::kTotpStepSeconds;
    clock().Advance((auth::kTotpStepSeconds - into) * 1000);
  }

  std::string pool_;
  std::string client_;
};

}  // namespace cognito::actions::testing
