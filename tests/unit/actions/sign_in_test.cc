#include <gtest/gtest.h>

#include "auth/crypto.h"
#include "auth/jwt.h"
#include "auth/secret_hash.h"
#include "tests/unit/actions/service_fixture.h"

namespace cognito::actions {
namespace {

using testing::ServiceTest;

class SignInTest : public ServiceTest {
 protected:
  void SetUp() override {
    pool_ = CreatePool(
        {{"Schema", {{{"Name", "team"}, {"AttributeDataType", "String"}, {"Mutable", true}}}}});
    client_ = CreateClient(pool_, {"ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                                   "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"})["ClientId"];
    CreateUser(pool_, "ann", "Passw0rd!", true,
               {{{"Name", "email"}, {"Value", "ann@example.com"}},
                {{"Name", "email_verified"}, {"Value", "true"}},
                {{"Name", "custom:team"}, {"Value", "red"}}});
  }
  Json Auth(const Json& parameters, const std::string& flow = "USER_PASSWORD_AUTH") {
    return {{"ClientId", client_}, {"AuthFlow", flow}, {"AuthParameters", parameters}};
  }
  static Json Claims(const std::string& token) {
    auto decoded = auth::DecodeJwt(token);
    EXPECT_TRUE(decoded.has_value());
    return decoded ? Json::parse(decoded->payload_json) : Json();
  }

  std::string pool_;
  std::string client_;
};

TEST_F(SignInTest, UserPasswordAuthIssuesTokens) {
  Json out = Ok("InitiateAuth", Auth({{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}));
  EXPECT_EQ(out["ChallengeParameters"], Json::object());
  EXPECT_EQ(out.count("Session"), 0u);
  EXPECT_EQ(out.count("ChallengeName"), 0u);
  const Json& result = out["AuthenticationResult"];
  EXPECT_EQ(result["ExpiresIn"], 3600);
  EXPECT_EQ(result["TokenType"], "Bearer");
  const std::string refresh = result["RefreshToken"];
  EXPECT_EQ(std::count(refresh.begin(), refresh.end(), '.'), 4);

  const Json id = Claims(result["IdToken"]);
  const Json access = Claims(result["AccessToken"]);
  const std::string iss = "https://cognito-idp.us-east-1.amazonaws.com/" + pool_;
  EXPECT_EQ(id["iss"], iss);
  EXPECT_EQ(id["token_use"], "id");
  EXPECT_EQ(id["aud"], client_);
  EXPECT_EQ(id["cognito:username"], "ann");
  EXPECT_EQ(id["email"], "ann@example.com");
  EXPECT_EQ(id["email_verified"], true);
  EXPECT_EQ(id["custom:team"], "red");
  EXPECT_EQ(id["exp"].get<int64_t>() - id["iat"].get<int64_t>(), 3600);
  EXPECT_EQ(id["iat"], clock().NowSeconds());
  EXPECT_EQ(access["token_use"], "access");
  EXPECT_EQ(access["client_id"], client_);
  EXPECT_EQ(access.count("aud"), 0u);
  EXPECT_EQ(access["scope"], "aws.cognito.signin.user.admin");
  EXPECT_EQ(access["username"], "ann");
  EXPECT_EQ(access["sub"], id["sub"]);
  EXPECT_EQ(access["origin_jti"], id["origin_jti"]);
  EXPECT_NE(access["jti"], id["jti"]);

  // Each token's kid is in the pool's JWKS, and the two tokens use different keys.
  ApiRequest get{"GET", "/" + pool_ + "/.well-known/jwks.json", "", "", ""};
  ApiResponse jwks = service().Handle(get);
  ASSERT_EQ(jwks.status, 200u);
  const Json keys = Json::parse(jwks.body)["keys"];
  ASSERT_EQ(keys.size(), 2u);
  const Json id_header = Json::parse(auth::DecodeJwt(result["IdToken"].get<std::string>())->header_json);
  const Json access_header =
      Json::parse(auth::DecodeJwt(result["AccessToken"].get<std::string>())->header_json);
  EXPECT_EQ(id_header["alg"], "RS256");
  EXPECT_NE(id_header["kid"], access_header["kid"]);
  EXPECT_TRUE(id_header["kid"] == keys[0]["kid"] || id_header["kid"] == keys[1]["kid"]);
  EXPECT_TRUE(access_header["kid"] == keys[0]["kid"] || access_header["kid"] == keys[1]["kid"]);
}

TEST_F(SignInTest, AdminUserPasswordAuth) {
  Json out = Ok("AdminInitiateAuth", {{"UserPoolId", pool_},
                                      {"ClientId", client_},
                                      {"AuthFlow", "ADMIN_USER_PASSWORD_AUTH"},
                                      {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}}});
  EXPECT_TRUE(out["AuthenticationResult"].contains("AccessToken"));
  Json e = Fail("AdminInitiateAuth", {{"UserPoolId", CreatePool()},
                                      {"ClientId", client_},
                                      {"AuthFlow", "ADMIN_USER_PASSWORD_AUTH"},
                                      {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}}});
  EXPECT_EQ(e["__type"], "ResourceNotFoundException");
}

struct ErrorCase {
  const char* label;
  Json parameters;
  const char* flow;
  const char* type;
  const char* message;
};

TEST_F(SignInTest, ErrorsMatchCognito) {
  const ErrorCase cases[] = {
      {"wrong password", {{"USERNAME", "ann"}, {"PASSWORD", "Wrong-pass1"}}, "USER_PASSWORD_AUTH",
       "NotAuthorizedException", "Incorrect username or password."},
      {"unknown user (LEGACY)", {{"USERNAME", "zoe"}, {"PASSWORD", "Passw0rd!"}}, "USER_PASSWORD_AUTH",
       "UserNotFoundException", "User does not exist."},
      {"missing USERNAME", {{"PASSWORD", "Passw0rd!"}}, "USER_PASSWORD_AUTH",
       "InvalidParameterException", "Missing required parameter USERNAME"},
      {"missing PASSWORD", {{"USERNAME", "ann"}}, "USER_PASSWORD_AUTH",
       "InvalidParameterException", "Missing required parameter PASSWORD"},
      {"admin flow on public API", {{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}},
       "ADMIN_USER_PASSWORD_AUTH", "InvalidParameterException", "Initiate Auth method not supported."},
      {"custom auth not enabled", {{"USERNAME", "ann"}}, "CUSTOM_AUTH",
       "InvalidParameterException", "CUSTOM_AUTH is not enabled for the client."},
      {"USER_AUTH not enabled", {{"USERNAME", "ann"}}, "USER_AUTH", "InvalidParameterException",
       "Auth flow not enabled for this client"},
  };
  for (const auto& c : cases) {
    Json e = Fail("InitiateAuth", Auth(c.parameters, c.flow));
    EXPECT_EQ(e["__type"], c.type) << c.label;
    EXPECT_EQ(e["message"], c.message) << c.label;
  }
  Json e = Fail("InitiateAuth", {{"ClientId", "nosuchclient"}, {"AuthFlow", "USER_PASSWORD_AUTH"}});
  EXPECT_EQ(e["__type"], "ResourceNotFoundException");
  EXPECT_EQ(e["message"], "User pool client nosuchclient does not exist.");
}

TEST_F(SignInTest, FlowNotEnabledOnClient) {
  const std::string srp_only = CreateClient(pool_, {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"})["ClientId"];
  Json e = Fail("InitiateAuth", {{"ClientId", srp_only},
                                 {"AuthFlow", "USER_PASSWORD_AUTH"},
                                 {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}}});
  EXPECT_EQ(e["message"], "USER_PASSWORD_AUTH flow not enabled for this client");
  e = Fail("AdminInitiateAuth", {{"UserPoolId", pool_},
                                 {"ClientId", srp_only},
                                 {"AuthFlow", "ADMIN_USER_PASSWORD_AUTH"},
                                 {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}}});
  EXPECT_EQ(e["message"], "Auth flow not enabled for this client");
}

TEST_F(SignInTest, PreventUserExistenceErrorsHidesUnknownUsers) {
  const std::string hiding = CreateClient(pool_, {"ALLOW_USER_PASSWORD_AUTH"}, false,
                                          {{"PreventUserExistenceErrors", "ENABLED"}})["ClientId"];
  Json e = Fail("InitiateAuth", {{"ClientId", hiding},
                                 {"AuthFlow", "USER_PASSWORD_AUTH"},
                                 {"AuthParameters", {{"USERNAME", "zoe"}, {"PASSWORD", "Passw0rd!"}}}});
  EXPECT_EQ(e["__type"], "NotAuthorizedException");
  EXPECT_EQ(e["message"], "Incorrect username or password.");
}

TEST_F(SignInTest, RepeatedWrongPasswordsLockTheUserOut) {
  const Json wrong = Auth({{"USERNAME", "ann"}, {"PASSWORD", "Wrong-pass1"}});
  const Json right = Auth({{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}});
  for (int i = 1; i <= 5; ++i) {
    EXPECT_EQ(Fail("InitiateAuth", wrong)["message"], "Incorrect username or password.") << i;
  }
  // Locked for one second after the fifth failure, even with the right password.
  Json e = Fail("InitiateAuth", right);
  EXPECT_EQ(e["__type"], "NotAuthorizedException");
  EXPECT_EQ(e["message"], "Password attempts exceeded");
  // Other users are not affected; so is not the same username in another pool.
  CreateUser(pool_, "bob", "Passw0rd!", true);
  EXPECT_TRUE(Ok("InitiateAuth", Auth({{"USERNAME", "bob"}, {"PASSWORD", "Passw0rd!"}}))
                  .contains("AuthenticationResult"));
  clock().Advance(1000);
  // The sixth failure doubles the lock to two seconds.
  EXPECT_EQ(Fail("InitiateAuth", wrong)["message"], "Incorrect username or password.");
  clock().Advance(1999);
  EXPECT_EQ(Fail("InitiateAuth", right)["message"], "Password attempts exceeded");
  clock().Advance(1);
  EXPECT_TRUE(Ok("InitiateAuth", right).contains("AuthenticationResult"));
  // Success cleared the count: four more failures do not lock.
  for (int i = 0; i < 4; ++i) {
    Fail("InitiateAuth", wrong);
  }
  EXPECT_TRUE(Ok("AdminInitiateAuth", {{"UserPoolId", pool_},
                                        {"ClientId", client_},
                                        {"AuthFlow", "ADMIN_USER_PASSWORD_AUTH"},
                                        {"AuthParameters", right["AuthParameters"]}})
                  .contains("AuthenticationResult"));
}

TEST_F(SignInTest, SecretHashIsEnforced) {
  const Json client = CreateClient(pool_, {"ALLOW_USER_PASSWORD_AUTH"}, true);
  const std::string id = client["ClientId"];
  const std::string secret = client["ClientSecret"];
  Json input{{"ClientId", id},
             {"AuthFlow", "USER_PASSWORD_AUTH"},
             {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}}};
  Json e = Fail("InitiateAuth", input);
  EXPECT_EQ(e["message"], "Client " + id + " is configured for secret but secret was not received");
  input["AuthParameters"]["SECRET_HASH"] = auth::SecretHash("ann", id, "wrong-secret");
  e = Fail("InitiateAuth", input);
  EXPECT_EQ(e["message"], "Unable to verify secret hash for client " + id);
  input["AuthParameters"]["SECRET_HASH"] = auth::SecretHash("ann", id, secret);
  EXPECT_TRUE(Ok("InitiateAuth", input)["AuthenticationResult"].contains("IdToken"));
}

TEST_F(SignInTest, TemporaryPasswordNeedsNewPasswordChallenge) {
  CreateUser(pool_, "tim", "Temp-Pass1", false);
  Json e = Fail("InitiateAuth", Auth({{"USERNAME", "tim"}, {"PASSWORD", "Wrong-Pass1"}}));
  EXPECT_EQ(e["message"], "Incorrect username or password.");
  Json out = Ok("InitiateAuth", Auth({{"USERNAME", "tim"}, {"PASSWORD", "Temp-Pass1"}}));
  EXPECT_EQ(out["ChallengeName"], "NEW_PASSWORD_REQUIRED");
  EXPECT_EQ(out.count("AuthenticationResult"), 0u);
}

TEST_F(SignInTest, GetUserChecksTheAccessToken) {
  Json result = Ok("InitiateAuth", Auth({{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}))["AuthenticationResult"];
  const std::string access = result["AccessToken"];
  Json user = Ok("GetUser", {{"AccessToken", access}});
  EXPECT_EQ(user["Username"], "ann");
  EXPECT_EQ(user["UserAttributes"][0]["Name"], "sub");

  auto invalid = [&](const std::string& token, const char* label) {
    Json e = Fail("GetUser", {{"AccessToken", token}});
    EXPECT_EQ(e["__type"], "NotAuthorizedException") << label;
    EXPECT_EQ(e["message"], "Invalid Access Token") << label;
  };
  invalid(result["IdToken"], "an ID token");
  invalid("abc.def.ghi", "garbage");
  std::string tampered = access;
  tampered[tampered.find('.') + 5] ^= 1;
  invalid(tampered, "tampered payload");
  const std::string header = auth::Base64UrlEncode(R"({"alg":"none"})");
  const std::string payload = access.substr(access.find('.') + 1, access.rfind('.') - access.find('.') - 1);
  invalid(header + "." + payload + ".", "alg none");
  invalid(header + "." + payload + ".c2ln", "alg none with a signature");
  // Verified signatures are remembered (KeyRing): neither a remembered signature on another
  // token's content nor a remembered token past its expiry gets through.
  const std::string other = Ok("InitiateAuth", Auth({{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}))
                                ["AuthenticationResult"]["AccessToken"];
  EXPECT_EQ(Ok("GetUser", {{"AccessToken", other}})["Username"], "ann");
  invalid(other.substr(0, other.rfind('.')) + access.substr(access.rfind('.')), "swapped signature");
  EXPECT_EQ(Ok("GetUser", {{"AccessToken", access}})["Username"], "ann");
  clock().Advance(3601 * 1000);
  EXPECT_EQ(Fail("GetUser", {{"AccessToken", access}})["message"], "Access Token has expired");
}

TEST_F(SignInTest, ExpiredAccessToken) {
  Json result = Ok("InitiateAuth", Auth({{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}))["AuthenticationResult"];
  clock().Advance(3601 * 1000);
  Json e = Fail("GetUser", {{"AccessToken", result["AccessToken"]}});
  EXPECT_EQ(e["message"], "Access Token has expired");
}

TEST_F(SignInTest, DeletedUserTokenFails) {
  CreateUser(pool_, "del", "Passw0rd!", true);
  Json result = Ok("InitiateAuth", Auth({{"USERNAME", "del"}, {"PASSWORD", "Passw0rd!"}}))["AuthenticationResult"];
  Ok("AdminDeleteUser", {{"UserPoolId", pool_}, {"Username", "del"}});
  CreateUser(pool_, "del", "Passw0rd!", true);  // same name, another user
  Json e = Fail("GetUser", {{"AccessToken", result["AccessToken"]}});
  EXPECT_EQ(e["__type"], "UserNotFoundException");
}

TEST_F(SignInTest, DeleteUserRemovesTheSignedInUser) {
  CreateUser(pool_, "gone", "Passw0rd!", true);
  Json result = Ok("InitiateAuth", Auth({{"USERNAME", "gone"}, {"PASSWORD", "Passw0rd!"}}))["AuthenticationResult"];
  EXPECT_EQ(Ok("DeleteUser", {{"AccessToken", result["AccessToken"]}}), Json::object());
  EXPECT_EQ(Fail("AdminGetUser", {{"UserPoolId", pool_}, {"Username", "gone"}})["__type"],
            "UserNotFoundException");
  EXPECT_EQ(Fail("DeleteUser", {{"AccessToken", result["AccessToken"]}})["__type"],
            "UserNotFoundException");
  EXPECT_EQ(Fail("InitiateAuth", Auth({{"USERNAME", "gone"}, {"PASSWORD", "Passw0rd!"}}))["__type"],
            "UserNotFoundException");
  EXPECT_EQ(Fail("DeleteUser", {{"AccessToken", result["IdToken"]}})["message"],
            "Invalid Access Token");
}

TEST_F(SignInTest, TemporaryPasswordExpires) {
  CreateUser(pool_, "old", "Temp-Pass1", false);
  clock().Advance(8LL * 24 * 3600 * 1000);
  Json e = Fail("InitiateAuth", Auth({{"USERNAME", "old"}, {"PASSWORD", "Temp-Pass1"}}));
  EXPECT_EQ(e["__type"], "NotAuthorizedException");
  EXPECT_EQ(e["message"], "Temporary password has expired and must be reset by an administrator.");
}

}  // namespace
}  // namespace cognito::actions
