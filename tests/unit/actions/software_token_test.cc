// AssociateSoftwareToken / VerifySoftwareToken: the access-token path, the session path's
// checks, and the RFC 6238 window as the emulator applies it.
#include <gtest/gtest.h>

#include "tests/unit/actions/mfa_fixture.h"

namespace cognito::actions {
namespace {

using testing::MfaTest;

class SoftwareTokenTest : public MfaTest {
 protected:
  void SetUp() override {
    MakePool("OPTIONAL", true, true, false);
    MakeUser("ann");
  }
  Json AnnMfa() { return Ok("AdminGetUser", {{"UserPoolId", pool_}, {"Username", "ann"}}); }
};

TEST_F(SoftwareTokenTest, AccessTokenPathRegistersAndEnablesWithoutPreferring) {
  const std::string token = AccessToken("ann");
  const Json associated = Ok("AssociateSoftwareToken", {{"AccessToken", token}});
  EXPECT_FALSE(associated.contains("Session"));
  const std::string secret = associated["SecretCode"];
  EXPECT_EQ(secret.size(), 52u);
  EXPECT_EQ(secret.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), std::string::npos);
  const std::string key = *auth::Base32Decode(secret);
  EXPECT_EQ(key.size(), 32u);
  EXPECT_FALSE(AnnMfa().contains("UserMFASettingList")) << "pending until verified";

  const Json e = Fail("VerifySoftwareToken", {{"AccessToken", token}, {"UserCode", Totp(key, 2)}});
  EXPECT_EQ(e["__type"], "EnableSoftwareTokenMFAException");
  const Json verified =
      Ok("VerifySoftwareToken", {{"AccessToken", token}, {"UserCode", Totp(key, -1)}});
  EXPECT_EQ(verified, Json({{"Status", "SUCCESS"}}));
  const Json user = AnnMfa();
  EXPECT_EQ(user["UserMFASettingList"], Json({"SOFTWARE_TOKEN_MFA"}));
  EXPECT_FALSE(user.contains("PreferredMfaSetting"));
  // Nothing pending any more.
  EXPECT_EQ(
      Fail("VerifySoftwareToken", {{"AccessToken", token}, {"UserCode", Totp(key, 1)}})["__type"],
      "SoftwareTokenMFANotFoundException");
}

TEST_F(SoftwareTokenTest, ANewAssociationReplacesOnlyWhenVerified) {
  const std::string first = EnrolTotp("ann");
  NextStep();
  // With TOTP enabled, an access token needs the MFA answer first.
  const Json challenge = SignIn("ann");
  ASSERT_EQ(challenge["ChallengeName"], "SOFTWARE_TOKEN_MFA");
  const std::string token = Ok(
      "RespondToAuthChallenge",
      Respond("SOFTWARE_TOKEN_MFA", {{"USERNAME", "ann"}, {"SOFTWARE_TOKEN_MFA_CODE", Totp(first)}},
              challenge["Session"]))["AuthenticationResult"]["AccessToken"];
  const std::string pending = *auth::Base32Decode(
      Ok("AssociateSoftwareToken", {{"AccessToken", token}})["SecretCode"].get<std::string>());
  const std::string second = *auth::Base32Decode(
      Ok("AssociateSoftwareToken", {{"AccessToken", token}})["SecretCode"].get<std::string>());
  EXPECT_NE(pending, second);
  EXPECT_EQ(Fail("VerifySoftwareToken",
                 {{"AccessToken", token}, {"UserCode", Totp(pending, 1)}})["__type"],
            "EnableSoftwareTokenMFAException")
      << "the replaced pending key";
  // The verified key still signs in meanwhile.
  NextStep();
  Json next = SignIn("ann");
  EXPECT_TRUE(
      Ok("RespondToAuthChallenge",
         Respond("SOFTWARE_TOKEN_MFA",
                 {{"USERNAME", "ann"}, {"SOFTWARE_TOKEN_MFA_CODE", Totp(first)}}, next["Session"]))
          .contains("AuthenticationResult"));
  // A new key's codes are not blocked by the old key's last step.
  Ok("VerifySoftwareToken", {{"AccessToken", token}, {"UserCode", Totp(second)}});
  NextStep();
  next = SignIn("ann");
  EXPECT_EQ(Fail("RespondToAuthChallenge",
                 Respond("SOFTWARE_TOKEN_MFA",
                         {{"USERNAME", "ann"}, {"SOFTWARE_TOKEN_MFA_CODE", Totp(first)}},
                         next["Session"]))["__type"],
            "CodeMismatchException");
  EXPECT_TRUE(
      Ok("RespondToAuthChallenge",
         Respond("SOFTWARE_TOKEN_MFA",
                 {{"USERNAME", "ann"}, {"SOFTWARE_TOKEN_MFA_CODE", Totp(second)}}, next["Session"]))
          .contains("AuthenticationResult"));
}

TEST_F(SoftwareTokenTest, InputAndSessionChecks) {
  const std::string token = AccessToken("ann");
  struct Case {
    const char* label;
    const char* action;
    Json input;
    const char* type;
    const char* message;
  };
  Prefer("ann", {{"SMSMfaSettings", {{"Enabled", true}}}});
  const Json sms = SignIn("ann");
  const std::vector<Case> cases = {
      {"neither", "AssociateSoftwareToken", Json::object(), "InvalidParameterException",
       "Exactly one of AccessToken and Session must be given."},
      {"both",
       "AssociateSoftwareToken",
       {{"AccessToken", token}, {"Session", sms["Session"]}},
       "InvalidParameterException",
       "Exactly one of AccessToken and Session must be given."},
      {"bad access token",
       "AssociateSoftwareToken",
       {{"AccessToken", "x.y.z"}},
       "NotAuthorizedException",
       "Invalid Access Token"},
      {"unknown session",
       "AssociateSoftwareToken",
       {{"Session", std::string(40, 'A')}},
       "NotAuthorizedException",
       "Invalid session for the user."},
      {"a session of another challenge",
       "AssociateSoftwareToken",
       {{"Session", sms["Session"]}},
       "NotAuthorizedException",
       "Invalid session provided for the user."},
      {"verify with no token",
       "VerifySoftwareToken",
       {{"AccessToken", token}, {"UserCode", "123456"}},
       "SoftwareTokenMFANotFoundException",
       "Software Token MFA does not exist for the user."},
      {"code of five digits",
       "VerifySoftwareToken",
       {{"AccessToken", token}, {"UserCode", "12345"}},
       "InvalidParameterException",
       nullptr},
  };
  for (const auto& c : cases) {
    const Json e = Fail(c.action, c.input);
    EXPECT_EQ(e["__type"], c.type) << c.label;
    if (c.message != nullptr) {
      EXPECT_EQ(e["message"], c.message) << c.label;
    }
  }
}

TEST_F(SoftwareTokenTest, SetupSessionsFollowTheChainAndExpire) {
  MakePool("ON", false, true, false);
  MakeUser("ann");
  Json challenge = SignIn("ann");
  ASSERT_EQ(challenge["ChallengeName"], "MFA_SETUP");
  // VerifySoftwareToken wants the session AssociateSoftwareToken returned.
  EXPECT_EQ(Fail("VerifySoftwareToken",
                 {{"Session", challenge["Session"]}, {"UserCode", "123456"}})["message"],
            "Invalid session provided for the user.");
  const Json associated = Ok("AssociateSoftwareToken", {{"Session", challenge["Session"]}});
  // Associating again from the verify stage is allowed (a new key).
  const Json again = Ok("AssociateSoftwareToken", {{"Session", associated["Session"]}});
  EXPECT_NE(again["SecretCode"], associated["SecretCode"]);
  // The session returned by AssociateSoftwareToken cannot answer MFA_SETUP itself.
  EXPECT_EQ(Fail("RespondToAuthChallenge",
                 Respond("MFA_SETUP", {{"USERNAME", "ann"}}, again["Session"]))["__type"],
            "InvalidParameterException");
  clock().Advance(3 * 60 * 1000 + 1);
  const std::string key = *auth::Base32Decode(again["SecretCode"].get<std::string>());
  EXPECT_EQ(Fail("VerifySoftwareToken",
                 {{"Session", again["Session"]}, {"UserCode", Totp(key)}})["message"],
            "Invalid session for the user, session is expired.");

  // A pool that cannot set up TOTP refuses the association inside the sign-in.
  MakePool("ON", true, false, false);
  CreateUser(pool_, "bob", kPassword, true);
  challenge = SignIn("bob");
  ASSERT_EQ(challenge["ChallengeName"], "MFA_SETUP");
  EXPECT_EQ(challenge["ChallengeParameters"]["MFAS_CAN_SETUP"], R"(["SMS_MFA"])");
  EXPECT_EQ(Fail("AssociateSoftwareToken", {{"Session", challenge["Session"]}})["message"],
            "Software token MFA is not enabled for the user pool.");
}

}  // namespace
}  // namespace cognito::actions
