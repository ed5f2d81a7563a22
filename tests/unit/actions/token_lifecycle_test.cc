// Refresh, rotation, sign-out, revocation and password changes.
#include <gtest/gtest.h>

#include "auth/jwt.h"
#include "auth/random.h"
#include "auth/secret_hash.h"
#include "tests/unit/actions/service_fixture.h"

namespace cognito::actions {
namespace {

using testing::ServiceTest;

class TokenLifecycleTest : public ServiceTest {
 protected:
  void SetUp() override {
    pool_ = CreatePool();
    client_ = CreateClient(pool_, {"ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"})["ClientId"];
    CreateUser(pool_, "ann", "Passw0rd!", true);
  }
  Json SignIn(const std::string& client = "", const std::string& password = "Passw0rd!") {
    return Ok("InitiateAuth", {{"ClientId", client.empty() ? client_ : client},
                               {"AuthFlow", "USER_PASSWORD_AUTH"},
                               {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", password}}}})
        ["AuthenticationResult"];
  }
  Json Refresh(const Json& token, const std::string& client = "") {
    return {{"ClientId", client.empty() ? client_ : client},
            {"AuthFlow", "REFRESH_TOKEN_AUTH"},
            {"AuthParameters", {{"REFRESH_TOKEN", token}}}};
  }
  static Json Claims(const Json& token) {
    return Json::parse(auth::DecodeJwt(token.get<std::string>())->payload_json);
  }

  std::string pool_;
  std::string client_;
};

TEST_F(TokenLifecycleTest, RefreshKeepsTheGrant) {
  Json first = SignIn();
  clock().Advance(60 * 1000);
  Json out = Ok("InitiateAuth", Refresh(first["RefreshToken"]));
  EXPECT_EQ(out["ChallengeParameters"], Json::object());
  const Json& again = out["AuthenticationResult"];
  EXPECT_EQ(again.count("RefreshToken"), 0u);
  EXPECT_EQ(again["ExpiresIn"], 3600);
  const Json before = Claims(first["AccessToken"]);
  const Json after = Claims(again["AccessToken"]);
  EXPECT_EQ(after["origin_jti"], before["origin_jti"]);
  EXPECT_EQ(after["auth_time"], before["auth_time"]);
  EXPECT_EQ(after["iat"].get<int64_t>(), before["iat"].get<int64_t>() + 60);
  EXPECT_NE(after["jti"], before["jti"]);
  EXPECT_EQ(Claims(again["IdToken"])["origin_jti"], before["origin_jti"]);
  // origin_jti holds the sign-in's time (a version 7 UUID), which sign-outs are compared with.
  const int64_t origin_ms = auth::TimeUuidMillis(before["origin_jti"].get<std::string>());
  EXPECT_GE(origin_ms, before["auth_time"].get<int64_t>() * 1000);
  EXPECT_LT(origin_ms, (before["auth_time"].get<int64_t>() + 1) * 1000);
  // The REFRESH_TOKEN alias works too.
  Json alias = Refresh(first["RefreshToken"]);
  alias["AuthFlow"] = "REFRESH_TOKEN";
  EXPECT_TRUE(Ok("InitiateAuth", alias).contains("AuthenticationResult"));
}

TEST_F(TokenLifecycleTest, RefreshErrors) {
  Json tokens = SignIn();
  EXPECT_EQ(Fail("InitiateAuth", Refresh("not-a-token"))["message"], "Invalid Refresh Token");
  const std::string other = CreateClient(pool_, {"ALLOW_REFRESH_TOKEN_AUTH"})["ClientId"];
  EXPECT_EQ(Fail("InitiateAuth", Refresh(tokens["RefreshToken"], other))["message"], "Invalid Refresh Token");
  Json missing{{"ClientId", client_}, {"AuthFlow", "REFRESH_TOKEN_AUTH"}, {"AuthParameters", Json::object()}};
  EXPECT_EQ(Fail("InitiateAuth", missing)["message"], "Missing required parameter REFRESH_TOKEN");
  clock().Advance(31LL * 24 * 3600 * 1000);
  EXPECT_EQ(Fail("InitiateAuth", Refresh(tokens["RefreshToken"]))["message"], "Refresh Token has expired");
}

TEST_F(TokenLifecycleTest, RefreshWithSecretAcceptsAnyIdentifier) {
  const Json client = CreateClient(pool_, {"ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}, true);
  const std::string id = client["ClientId"];
  const std::string secret = client["ClientSecret"];
  Json tokens = Ok("InitiateAuth", {{"ClientId", id},
                                    {"AuthFlow", "USER_PASSWORD_AUTH"},
                                    {"AuthParameters", {{"USERNAME", "ann"},
                                                        {"PASSWORD", "Passw0rd!"},
                                                        {"SECRET_HASH", auth::SecretHash("ann", id, secret)}}}})
                    ["AuthenticationResult"];
  Json input = Refresh(tokens["RefreshToken"], id);
  EXPECT_NE(Fail("InitiateAuth", input)["message"].get<std::string>().find("secret was not received"),
            std::string::npos);
  const std::string sub = Claims(tokens["AccessToken"])["sub"];
  input["AuthParameters"]["SECRET_HASH"] = auth::SecretHash(sub, id, secret);
  EXPECT_TRUE(Ok("InitiateAuth", input).contains("AuthenticationResult"));
  input["AuthParameters"]["SECRET_HASH"] = auth::SecretHash("someone", id, secret);
  EXPECT_EQ(Fail("InitiateAuth", input)["message"], "Unable to verify secret hash for client " + id);
}

TEST_F(TokenLifecycleTest, GlobalSignOutRevokesEverything) {
  Json first = SignIn();
  Json second = SignIn();
  // Both access tokens verified once, so remembered by the KeyRing: revocation still applies.
  EXPECT_EQ(Ok("GetUser", {{"AccessToken", second["AccessToken"]}})["Username"], "ann");
  Ok("GlobalSignOut", {{"AccessToken", first["AccessToken"]}});
  for (const Json* tokens : {&first, &second}) {
    EXPECT_EQ(Fail("GetUser", {{"AccessToken", (*tokens)["AccessToken"]}})["message"],
              "Access Token has been revoked");
    EXPECT_EQ(Fail("InitiateAuth", Refresh((*tokens)["RefreshToken"]))["message"],
              "Refresh Token has been revoked");
  }
  EXPECT_EQ(Fail("GlobalSignOut", {{"AccessToken", first["AccessToken"]}})["message"],
            "Access Token has been revoked");
  // A new sign-in is not affected.
  Json third = SignIn();
  EXPECT_EQ(Ok("GetUser", {{"AccessToken", third["AccessToken"]}})["Username"], "ann");
}

TEST_F(TokenLifecycleTest, AdminUserGlobalSignOut) {
  Json tokens = SignIn();
  Ok("AdminUserGlobalSignOut", {{"UserPoolId", pool_}, {"Username", "ann"}});
  EXPECT_EQ(Fail("GetUser", {{"AccessToken", tokens["AccessToken"]}})["message"], "Access Token has been revoked");
  EXPECT_EQ(Fail("AdminUserGlobalSignOut", {{"UserPoolId", pool_}, {"Username", "zed"}})["__type"],
            "UserNotFoundException");
}

TEST_F(TokenLifecycleTest, RevokeTokenRevokesOneSignIn) {
  Json first = SignIn();
  Json second = SignIn();
  Ok("RevokeToken", {{"ClientId", client_}, {"Token", first["RefreshToken"]}});
  EXPECT_EQ(Fail("InitiateAuth", Refresh(first["RefreshToken"]))["message"], "Refresh Token has been revoked");
  EXPECT_EQ(Fail("GetUser", {{"AccessToken", first["AccessToken"]}})["message"], "Access Token has been revoked");
  EXPECT_EQ(Ok("GetUser", {{"AccessToken", second["AccessToken"]}})["Username"], "ann");
  EXPECT_EQ(Fail("RevokeToken", {{"ClientId", client_}, {"Token", second["AccessToken"]}})["__type"],
            "UnsupportedTokenTypeException");
  const std::string other = CreateClient(pool_, {"ALLOW_REFRESH_TOKEN_AUTH"})["ClientId"];
  EXPECT_EQ(Fail("RevokeToken", {{"ClientId", other}, {"Token", second["RefreshToken"]}})["__type"],
            "UnauthorizedException");
  const std::string closed = CreateClient(pool_, {"ALLOW_REFRESH_TOKEN_AUTH"}, false,
                                          {{"EnableTokenRevocation", false}})["ClientId"];
  EXPECT_EQ(Fail("RevokeToken", {{"ClientId", closed}, {"Token", second["RefreshToken"]}})["__type"],
            "UnsupportedOperationException");
}

TEST_F(TokenLifecycleTest, RevokeTokenAcceptsTokensItCannotReadAndRevokesNothing) {
  Json tokens = SignIn();
  const std::string real = tokens["RefreshToken"];
  for (const std::string& token : {std::string("not-a-token"), std::string("a.b.c.d.e"), real + "==",
                                   real.substr(0, real.size() - 2)}) {
    EXPECT_EQ(Ok("RevokeToken", {{"ClientId", client_}, {"Token", token}}), Json::object()) << token;
  }
  EXPECT_TRUE(Ok("InitiateAuth", Refresh(tokens["RefreshToken"])).contains("AuthenticationResult"));
  EXPECT_EQ(Ok("GetUser", {{"AccessToken", tokens["AccessToken"]}})["Username"], "ann");
}

TEST_F(TokenLifecycleTest, ARefreshTokenOfADeletedUserFailsEvenIfTheNameIsTakenAgain) {
  CreateUser(pool_, "del", "Passw0rd!", true);
  Json tokens = Ok("InitiateAuth", {{"ClientId", client_},
                                    {"AuthFlow", "USER_PASSWORD_AUTH"},
                                    {"AuthParameters", {{"USERNAME", "del"}, {"PASSWORD", "Passw0rd!"}}}})
                    ["AuthenticationResult"];
  Ok("AdminDeleteUser", {{"UserPoolId", pool_}, {"Username", "del"}});
  EXPECT_EQ(Fail("InitiateAuth", Refresh(tokens["RefreshToken"]))["__type"], "UserNotFoundException");
  CreateUser(pool_, "del", "Passw0rd!", true);  // same name, another sub
  EXPECT_EQ(Fail("InitiateAuth", Refresh(tokens["RefreshToken"]))["__type"], "UserNotFoundException");
}

TEST_F(TokenLifecycleTest, ARevocationLastsAsLongAsTheRefreshToken) {
  Json revoked = SignIn();
  Ok("RevokeToken", {{"ClientId", client_}, {"Token", revoked["RefreshToken"]}});
  clock().Advance(2LL * 24 * 3600 * 1000);  // past the access tokens' longest life
  for (int i = 0; i < 40; ++i) {  // more revocations than it takes for one of them to purge
    Ok("RevokeToken", {{"ClientId", client_}, {"Token", SignIn()["RefreshToken"]}});
  }
  EXPECT_EQ(Fail("InitiateAuth", Refresh(revoked["RefreshToken"]))["message"],
            "Refresh Token has been revoked");
}

TEST_F(TokenLifecycleTest, RevokeTokenAlsoRevokesTheTokensRotationMadeFromIt) {
  const std::string rotating =
      CreateClient(pool_, {"ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}, false,
                   {{"RefreshTokenRotation", {{"Feature", "ENABLED"}, {"RetryGracePeriodSeconds", 0}}}})["ClientId"];
  Json first = SignIn(rotating);
  Json next = Ok("GetTokensFromRefreshToken",
                 {{"ClientId", rotating}, {"RefreshToken", first["RefreshToken"]}})["AuthenticationResult"];
  Ok("RevokeToken", {{"ClientId", rotating}, {"Token", first["RefreshToken"]}});
  EXPECT_EQ(Fail("GetTokensFromRefreshToken", {{"ClientId", rotating}, {"RefreshToken", next["RefreshToken"]}})
                ["message"],
            "Refresh Token has been revoked");
  EXPECT_EQ(Fail("GetUser", {{"AccessToken", next["AccessToken"]}})["message"], "Access Token has been revoked");
}

TEST_F(TokenLifecycleTest, RotationReplacesTheRefreshToken) {
  const std::string rotating =
      CreateClient(pool_, {"ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}, false,
                   {{"RefreshTokenRotation", {{"Feature", "ENABLED"}, {"RetryGracePeriodSeconds", 10}}}})["ClientId"];
  Json tokens = SignIn(rotating);
  Json input{{"ClientId", rotating}, {"RefreshToken", tokens["RefreshToken"]}};
  Json out = Ok("GetTokensFromRefreshToken", input)["AuthenticationResult"];
  ASSERT_TRUE(out.contains("RefreshToken"));
  EXPECT_NE(out["RefreshToken"], tokens["RefreshToken"]);
  clock().Advance(5 * 1000);
  Ok("GetTokensFromRefreshToken", input);  // a retry within the grace period
  clock().Advance(6 * 1000);
  EXPECT_EQ(Fail("GetTokensFromRefreshToken", input)["__type"], "RefreshTokenReuseException");
  // The same token spelled with base64 padding is not another token.
  Json padded{{"ClientId", rotating}, {"RefreshToken", tokens["RefreshToken"].get<std::string>() + "=="}};
  EXPECT_EQ(Fail("GetTokensFromRefreshToken", padded)["message"], "Invalid Refresh Token");
  Json next{{"ClientId", rotating}, {"RefreshToken", out["RefreshToken"]}};
  EXPECT_TRUE(Ok("GetTokensFromRefreshToken", next)["AuthenticationResult"].contains("RefreshToken"));
  // Without rotation no refresh token comes back.
  Json plain = Ok("GetTokensFromRefreshToken",
                  {{"ClientId", client_}, {"RefreshToken", SignIn()["RefreshToken"]}})["AuthenticationResult"];
  EXPECT_EQ(plain.count("RefreshToken"), 0u);
  EXPECT_TRUE(plain.contains("AccessToken"));
}

TEST_F(TokenLifecycleTest, ChangePassword) {
  Json tokens = SignIn();
  Json input{{"AccessToken", tokens["AccessToken"]}, {"PreviousPassword", "Wrong-pass1"}, {"ProposedPassword", "Newer-pass1"}};
  EXPECT_EQ(Fail("ChangePassword", input)["message"], "Incorrect username or password.");
  input["PreviousPassword"] = "Passw0rd!";
  input["ProposedPassword"] = "weak";
  EXPECT_EQ(Fail("ChangePassword", input)["__type"], "InvalidPasswordException");
  input.erase("PreviousPassword");
  input["ProposedPassword"] = "Newer-pass1";
  EXPECT_EQ(Fail("ChangePassword", input)["message"], "Missing required parameter PreviousPassword");
  input["PreviousPassword"] = "Passw0rd!";
  Ok("ChangePassword", input);
  SignIn("", "Newer-pass1");
  Fail("InitiateAuth", {{"ClientId", client_},
                        {"AuthFlow", "USER_PASSWORD_AUTH"},
                        {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}}});
}

TEST_F(TokenLifecycleTest, DisabledUsersCannotSignInOrUseTokens) {
  Json tokens = SignIn();
  Ok("AdminDisableUser", {{"UserPoolId", pool_}, {"Username", "ann"}});
  EXPECT_EQ(Ok("AdminGetUser", {{"UserPoolId", pool_}, {"Username", "ann"}})["Enabled"], false);
  Json e = Fail("InitiateAuth", {{"ClientId", client_},
                                 {"AuthFlow", "USER_PASSWORD_AUTH"},
                                 {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}}});
  EXPECT_EQ(e["message"], "User is disabled.");
  // Disabling revoked the earlier sign-in.
  EXPECT_EQ(Fail("GetUser", {{"AccessToken", tokens["AccessToken"]}})["message"], "Access Token has been revoked");
  EXPECT_EQ(Fail("InitiateAuth", Refresh(tokens["RefreshToken"]))["message"], "Refresh Token has been revoked");
  Ok("AdminEnableUser", {{"UserPoolId", pool_}, {"Username", "ann"}});
  EXPECT_TRUE(SignIn().contains("AccessToken"));
  EXPECT_EQ(Fail("AdminEnableUser", {{"UserPoolId", pool_}, {"Username", "zed"}})["__type"], "UserNotFoundException");
}

TEST_F(TokenLifecycleTest, DeletedPoolInvalidatesTokens) {
  Json tokens = SignIn();
  Ok("DeleteUserPool", {{"UserPoolId", pool_}});
  EXPECT_EQ(Fail("GetUser", {{"AccessToken", tokens["AccessToken"]}})["message"], "Invalid Access Token");
}

}  // namespace
}  // namespace cognito::actions
