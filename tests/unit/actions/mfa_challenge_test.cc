// The MFA challenges of a sign-in through the Service: SMS_MFA, EMAIL_OTP, SOFTWARE_TOKEN_MFA,
// SELECT_MFA_TYPE and the MFA_SETUP chain, with wrong, expired and replayed codes.
#include <gtest/gtest.h>

#include "auth/srp.h"
#include "tests/unit/actions/mfa_fixture.h"
#include "tests/unit/actions/srp_client.h"

namespace cognito::actions {
namespace {

using testing::MfaTest;
using testing::SrpClient;

class MfaChallengeTest : public MfaTest {};

TEST_F(MfaChallengeTest, SmsMfaSignInWithTheCodeFromTheOutbox) {
  MakePool("OPTIONAL", true, true, false);
  MakeUser("ann");
  Prefer("ann", {{"SMSMfaSettings", {{"Enabled", true}}}});
  const Json challenge = SignIn("ann");
  ASSERT_EQ(challenge["ChallengeName"], "SMS_MFA");
  EXPECT_EQ(challenge["ChallengeParameters"], Json({{"CODE_DELIVERY_DELIVERY_MEDIUM", "SMS"},
                                                    {"CODE_DELIVERY_DESTINATION", "+*******4567"},
                                                    {"USER_ID_FOR_SRP", "ann"}}));
  const Json messages = Outbox("ann");
  ASSERT_EQ(messages.size(), 1u);
  const Json& m = messages[0];
  EXPECT_EQ(m["deliveryMedium"], "SMS");
  EXPECT_EQ(m["destination"], kPhone);
  EXPECT_EQ(m["purpose"], "mfa");
  EXPECT_EQ(m["poolId"], pool_);
  const std::string code = m["code"];
  EXPECT_EQ(code.size(), 6u);
  EXPECT_EQ(code.find_first_not_of("0123456789"), std::string::npos);
  EXPECT_EQ(m["message"], "Code: " + code);  // the pool's SmsAuthenticationMessage
  EXPECT_EQ(m["expiresAt"].get<double>() - m["createdAt"].get<double>(), 180.0);

  const Json input =
      Respond("SMS_MFA", {{"USERNAME", "ann"}, {"SMS_MFA_CODE", code}}, challenge["Session"]);
  const Json out = Ok("RespondToAuthChallenge", input);
  EXPECT_TRUE(out["AuthenticationResult"].contains("RefreshToken"));
  EXPECT_EQ(Fail("RespondToAuthChallenge", input)["message"],
            "Invalid session for the user, session can only be used once.");
}

TEST_F(MfaChallengeTest, WrongCodesKeepTheSessionUntilTheFifth) {
  MakePool("OPTIONAL", true, false, false);
  MakeUser("ann");
  Prefer("ann", {{"SMSMfaSettings", {{"Enabled", true}}}});
  Json challenge = SignIn("ann");
  std::string code = LastCode("ann");
  const std::string wrong = code == "000000" ? "111111" : "000000";
  for (int i = 1; i <= 4; ++i) {
    const Json e = Fail(
        "RespondToAuthChallenge",
        Respond("SMS_MFA", {{"USERNAME", "ann"}, {"SMS_MFA_CODE", wrong}}, challenge["Session"]));
    EXPECT_EQ(e["__type"], "CodeMismatchException") << "attempt " << i;
    EXPECT_EQ(e["message"], "Invalid code or auth state for the user.") << "attempt " << i;
  }
  EXPECT_TRUE(
      Ok("RespondToAuthChallenge",
         Respond("SMS_MFA", {{"USERNAME", "ann"}, {"SMS_MFA_CODE", code}}, challenge["Session"]))
          .contains("AuthenticationResult"))
      << "four wrong codes leave the session usable";

  challenge = SignIn("ann");
  code = LastCode("ann");
  for (int i = 1; i <= 5; ++i) {
    const Json e = Fail(
        "RespondToAuthChallenge",
        Respond("SMS_MFA", {{"USERNAME", "ann"}, {"SMS_MFA_CODE", wrong}}, challenge["Session"]));
    EXPECT_EQ(e["__type"], i < 5 ? "CodeMismatchException" : "NotAuthorizedException") << i;
  }
  const Json e =
      Fail("RespondToAuthChallenge",
           Respond("SMS_MFA", {{"USERNAME", "ann"}, {"SMS_MFA_CODE", code}}, challenge["Session"]));
  EXPECT_EQ(e["message"], "Invalid session for the user, session can only be used once.");
}

TEST_F(MfaChallengeTest, ExpiredCodeAndExpiredSession) {
  MakePool("OPTIONAL", true, false, false, {{"AuthSessionValidity", 15}});
  MakeUser("ann");
  Prefer("ann", {{"SMSMfaSettings", {{"Enabled", true}}}});
  const Json challenge = SignIn("ann");
  const std::string code = LastCode("ann");
  const Json input =
      Respond("SMS_MFA", {{"USERNAME", "ann"}, {"SMS_MFA_CODE", code}}, challenge["Session"]);
  clock().Advance(3 * 60 * 1000);
  Json e = Fail("RespondToAuthChallenge", input);
  EXPECT_EQ(e["__type"], "ExpiredCodeException");
  EXPECT_EQ(e["message"], "Invalid code provided, please request a code again.");
  clock().Advance(12 * 60 * 1000);
  e = Fail("RespondToAuthChallenge", input);
  EXPECT_EQ(e["message"], "Invalid session for the user, session is expired.");
}

TEST_F(MfaChallengeTest, EmailOtp) {
  MakePool("ON", false, false, true);
  MakeUser("ann");
  Prefer("ann", {{"EmailMfaSettings", {{"Enabled", true}, {"PreferredMfa", true}}}});
  const Json challenge = SignIn("ann");
  ASSERT_EQ(challenge["ChallengeName"], "EMAIL_OTP");
  EXPECT_EQ(challenge["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"], "EMAIL");
  EXPECT_EQ(challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"], "a***@e***");
  const Json m = Outbox("ann")[0];
  EXPECT_EQ(m["deliveryMedium"], "EMAIL");
  EXPECT_EQ(m["destination"], kEmail);
  EXPECT_EQ(m["message"], "Your code is " + m["code"].get<std::string>());
  Json e = Fail("RespondToAuthChallenge",
                Respond("EMAIL_OTP", {{"USERNAME", "ann"}, {"SMS_MFA_CODE", m["code"]}},
                        challenge["Session"]));
  EXPECT_EQ(e["message"], "Missing required parameter EMAIL_OTP_CODE");
  EXPECT_TRUE(Ok("RespondToAuthChallenge",
                 Respond("EMAIL_OTP", {{"USERNAME", "ann"}, {"EMAIL_OTP_CODE", m["code"]}},
                         challenge["Session"]))
                  .contains("AuthenticationResult"));
}

TEST_F(MfaChallengeTest, SoftwareTokenMfaWithReplayProtection) {
  MakePool("OPTIONAL", false, true, false);
  MakeUser("ann");
  const std::string key = EnrolTotp("ann", "ann's phone");
  Prefer("ann", {{"SoftwareTokenMfaSettings", {{"Enabled", true}, {"PreferredMfa", true}}}});
  Json challenge = SignIn("ann");
  ASSERT_EQ(challenge["ChallengeName"], "SOFTWARE_TOKEN_MFA");
  EXPECT_EQ(challenge["ChallengeParameters"],
            Json({{"FRIENDLY_DEVICE_NAME", "ann's phone"}, {"USER_ID_FOR_SRP", "ann"}}));
  EXPECT_TRUE(Outbox("ann").empty()) << "TOTP sends nothing";
  // The code that verified the token was used once already.
  Json e = Fail(
      "RespondToAuthChallenge",
      Respond("SOFTWARE_TOKEN_MFA", {{"USERNAME", "ann"}, {"SOFTWARE_TOKEN_MFA_CODE", Totp(key)}},
              challenge["Session"]));
  EXPECT_EQ(e["__type"], "CodeMismatchException");
  NextStep();
  e = Fail("RespondToAuthChallenge",
           Respond("SOFTWARE_TOKEN_MFA", {{"USERNAME", "ann"}}, challenge["Session"]));
  EXPECT_EQ(e["message"], "Missing required parameter SOFTWARE_TOKEN_MFA_CODE");
  // amazon-cognito-identity-js may send only SMS_MFA_CODE.
  EXPECT_TRUE(Ok("RespondToAuthChallenge",
                 Respond("SOFTWARE_TOKEN_MFA", {{"USERNAME", "ann"}, {"SMS_MFA_CODE", Totp(key)}},
                         challenge["Session"]))
                  .contains("AuthenticationResult"));
  challenge = SignIn("ann");
  e = Fail(
      "RespondToAuthChallenge",
      Respond("SOFTWARE_TOKEN_MFA", {{"USERNAME", "ann"}, {"SOFTWARE_TOKEN_MFA_CODE", Totp(key)}},
              challenge["Session"]));
  EXPECT_EQ(e["__type"], "CodeMismatchException") << "a code is accepted once";
  // The next step's code is within the window.
  EXPECT_TRUE(Ok("RespondToAuthChallenge", Respond("SOFTWARE_TOKEN_MFA",
                                                   {{"USERNAME", "ann"},
                                                    {"SOFTWARE_TOKEN_MFA_CODE", Totp(key, 1)},
                                                    {"SMS_MFA_CODE", "x"}},
                                                   challenge["Session"]))
                  .contains("AuthenticationResult"));
}

TEST_F(MfaChallengeTest, SelectMfaTypeWhenTwoMethodsAreEnabled) {
  MakePool("OPTIONAL", true, true, false);
  MakeUser("ann");
  const std::string key = EnrolTotp("ann");
  Prefer("ann", {{"SMSMfaSettings", {{"Enabled", true}}},
                 {"SoftwareTokenMfaSettings", {{"Enabled", true}}}});
  Json challenge = SignIn("ann");
  ASSERT_EQ(challenge["ChallengeName"], "SELECT_MFA_TYPE");
  EXPECT_EQ(challenge["ChallengeParameters"]["MFAS_CAN_CHOOSE"],
            R"(["SMS_MFA","SOFTWARE_TOKEN_MFA"])");
  EXPECT_EQ(challenge["ChallengeParameters"]["USER_ID_FOR_SRP"], "ann");
  for (const char* answer : {"EMAIL_OTP", "sms_mfa", "SELECT_MFA_TYPE"}) {
    const Json e = Fail("RespondToAuthChallenge",
                        Respond("SELECT_MFA_TYPE", {{"USERNAME", "ann"}, {"ANSWER", answer}},
                                challenge["Session"]));
    EXPECT_EQ(e["__type"], "InvalidParameterException") << answer;
  }
  Json next = Ok("RespondToAuthChallenge",
                 Respond("SELECT_MFA_TYPE", {{"USERNAME", "ann"}, {"ANSWER", "SMS_MFA"}},
                         challenge["Session"]));
  ASSERT_EQ(next["ChallengeName"], "SMS_MFA");
  EXPECT_NE(next["Session"], challenge["Session"]);
  EXPECT_TRUE(Ok("RespondToAuthChallenge",
                 Respond("SMS_MFA", {{"USERNAME", "ann"}, {"SMS_MFA_CODE", LastCode("ann")}},
                         next["Session"]))
                  .contains("AuthenticationResult"));
  // Choosing TOTP the next time.
  challenge = SignIn("ann");
  next = Ok("RespondToAuthChallenge",
            Respond("SELECT_MFA_TYPE", {{"USERNAME", "ann"}, {"ANSWER", "SOFTWARE_TOKEN_MFA"}},
                    challenge["Session"]));
  ASSERT_EQ(next["ChallengeName"], "SOFTWARE_TOKEN_MFA");
  EXPECT_TRUE(
      Ok("RespondToAuthChallenge",
         Respond("SOFTWARE_TOKEN_MFA",
                 {{"USERNAME", "ann"}, {"SOFTWARE_TOKEN_MFA_CODE", Totp(key, 1)}}, next["Session"]))
          .contains("AuthenticationResult"));
}

TEST_F(MfaChallengeTest, MfaSetupChainEnablesAndPrefersTotp) {
  MakePool("ON", false, true, false);
  MakeUser("ann");
  const Json challenge = SignIn("ann");
  ASSERT_EQ(challenge["ChallengeName"], "MFA_SETUP");
  EXPECT_EQ(challenge["ChallengeParameters"],
            Json({{"MFAS_CAN_SETUP", R"(["SOFTWARE_TOKEN_MFA"])"}, {"USER_ID_FOR_SRP", "ann"}}));
  Json e = Fail("RespondToAuthChallenge",
                Respond("MFA_SETUP", {{"USERNAME", "ann"}}, challenge["Session"]));
  EXPECT_EQ(e["__type"], "InvalidParameterException") << "nothing set up yet";

  const Json associated = Ok("AssociateSoftwareToken", {{"Session", challenge["Session"]}});
  const std::string secret = associated["SecretCode"];
  EXPECT_EQ(secret.size(), 52u);
  const std::string key = *auth::Base32Decode(secret);
  ASSERT_TRUE(associated.contains("Session"));
  e = Fail("AssociateSoftwareToken", {{"Session", challenge["Session"]}});
  EXPECT_EQ(e["message"], "Invalid session for the user, session can only be used once.");

  e = Fail("VerifySoftwareToken", {{"Session", associated["Session"]}, {"UserCode", Totp(key, 3)}});
  EXPECT_EQ(e["__type"], "EnableSoftwareTokenMFAException");
  EXPECT_EQ(e["message"], "Code mismatch and fail enable Software Token MFA");
  const Json verified = Ok("VerifySoftwareToken", {{"Session", associated["Session"]},
                                                   {"UserCode", Totp(key)},
                                                   {"FriendlyDeviceName", "authenticator"}});
  EXPECT_EQ(verified["Status"], "SUCCESS");
  ASSERT_TRUE(verified.contains("Session"));

  const Json out = Ok("RespondToAuthChallenge",
                      Respond("MFA_SETUP", {{"USERNAME", "ann"}}, verified["Session"]));
  EXPECT_TRUE(out["AuthenticationResult"].contains("AccessToken"));
  const Json user = Ok("AdminGetUser", {{"UserPoolId", pool_}, {"Username", "ann"}});
  EXPECT_EQ(user["UserMFASettingList"], Json({"SOFTWARE_TOKEN_MFA"}));
  EXPECT_EQ(user["PreferredMfaSetting"], "SOFTWARE_TOKEN_MFA");
  // From now on the token is asked for.
  const Json again = SignIn("ann");
  EXPECT_EQ(again["ChallengeName"], "SOFTWARE_TOKEN_MFA");
  EXPECT_EQ(again["ChallengeParameters"]["FRIENDLY_DEVICE_NAME"], "authenticator");
}

TEST_F(MfaChallengeTest, RequiredMfaFallsBackToSmsWithAPhoneNumber) {
  MakePool("ON", true, true, false);
  MakeUser("ann");
  CreateUser(pool_, "bob", kPassword, true);
  EXPECT_EQ(SignIn("ann")["ChallengeName"], "SMS_MFA");
  const Json bob = SignIn("bob");
  EXPECT_EQ(bob["ChallengeName"], "MFA_SETUP");
  EXPECT_EQ(bob["ChallengeParameters"]["MFAS_CAN_SETUP"], R"(["SMS_MFA","SOFTWARE_TOKEN_MFA"])");
}

TEST_F(MfaChallengeTest, OptionalMfaWithoutMethodsAndMfaOffIssueTokens) {
  MakePool("OPTIONAL", true, false, false);
  MakeUser("ann");
  EXPECT_TRUE(SignIn("ann").contains("AuthenticationResult")) << "nothing enabled";
  Prefer("ann", {{"SMSMfaSettings", {{"Enabled", true}}}});
  EXPECT_EQ(SignIn("ann")["ChallengeName"], "SMS_MFA");
  Ok("SetUserPoolMfaConfig", {{"UserPoolId", pool_}, {"MfaConfiguration", "OFF"}});
  EXPECT_TRUE(SignIn("ann").contains("AuthenticationResult")) << "pool MFA off";
}

TEST_F(MfaChallengeTest, AMethodThePoolDisabledIsNotAsked) {
  MakePool("OPTIONAL", true, true, false);
  MakeUser("ann");
  EnrolTotp("ann");
  Prefer("ann", {{"SoftwareTokenMfaSettings", {{"Enabled", true}, {"PreferredMfa", true}}}});
  Ok("SetUserPoolMfaConfig", {{"UserPoolId", pool_},
                              {"MfaConfiguration", "OPTIONAL"},
                              {"SmsMfaConfiguration", Json::object()}});
  EXPECT_TRUE(SignIn("ann").contains("AuthenticationResult"));
}

TEST_F(MfaChallengeTest, AnswersAreBoundToTheSession) {
  MakePool("OPTIONAL", true, false, false);
  MakeUser("ann");
  MakeUser("bob");
  Prefer("ann", {{"SMSMfaSettings", {{"Enabled", true}}}});
  const Json challenge = SignIn("ann");
  const std::string code = LastCode("ann");
  struct Case {
    const char* label;
    Json input;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"another user",
       Respond("SMS_MFA", {{"USERNAME", "bob"}, {"SMS_MFA_CODE", code}}, challenge["Session"]),
       "Invalid session provided for the user."},
      {"another challenge",
       Respond("SOFTWARE_TOKEN_MFA", {{"USERNAME", "ann"}, {"SOFTWARE_TOKEN_MFA_CODE", code}},
               challenge["Session"]),
       "Invalid session provided for the user."},
      {"no session", Respond("SMS_MFA", {{"USERNAME", "ann"}, {"SMS_MFA_CODE", code}}, nullptr),
       "Missing required parameter Session"},
      {"no code", Respond("SMS_MFA", {{"USERNAME", "ann"}}, challenge["Session"]),
       "Missing required parameter SMS_MFA_CODE"},
      {"no username", Respond("SMS_MFA", {{"SMS_MFA_CODE", code}}, challenge["Session"]),
       "Missing required parameter USERNAME"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Fail("RespondToAuthChallenge", c.input)["message"], c.message) << c.label;
  }
  EXPECT_TRUE(
      Ok("RespondToAuthChallenge",
         Respond("SMS_MFA", {{"USERNAME", "ann"}, {"SMS_MFA_CODE", code}}, challenge["Session"]))
          .contains("AuthenticationResult"))
      << "failed binding checks do not use up the session";
}

TEST_F(MfaChallengeTest, AdminFlowsAndSrpReachMfaToo) {
  MakePool("OPTIONAL", true, false, false);
  MakeUser("ann");
  Prefer("ann", {{"SMSMfaSettings", {{"Enabled", true}}}});
  const Json challenge =
      Ok("AdminInitiateAuth", {{"UserPoolId", pool_},
                               {"ClientId", client_},
                               {"AuthFlow", "ADMIN_USER_PASSWORD_AUTH"},
                               {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", kPassword}}}});
  ASSERT_EQ(challenge["ChallengeName"], "SMS_MFA");
  Json input = Respond("SMS_MFA", {{"USERNAME", "ann"}, {"SMS_MFA_CODE", LastCode("ann")}},
                       challenge["Session"]);
  input["UserPoolId"] = pool_;
  EXPECT_TRUE(Ok("AdminRespondToAuthChallenge", input).contains("AuthenticationResult"));

  auth::SeededRandom random(5);
  SrpClient srp(random);
  const Json start =
      Ok("InitiateAuth", {{"ClientId", client_},
                          {"AuthFlow", "USER_SRP_AUTH"},
                          {"AuthParameters", {{"USERNAME", "ann"}, {"SRP_A", srp.SrpA()}}}});
  const Json next = Ok("RespondToAuthChallenge",
                       Respond("PASSWORD_VERIFIER",
                               srp.Answer(start["ChallengeParameters"], pool_, kPassword,
                                          auth::FormatSrpTimestamp(clock().NowSeconds())),
                               start["Session"]));
  ASSERT_EQ(next["ChallengeName"], "SMS_MFA");
  EXPECT_TRUE(Ok("RespondToAuthChallenge",
                 Respond("SMS_MFA", {{"USERNAME", "ann"}, {"SMS_MFA_CODE", LastCode("ann")}},
                         next["Session"]))
                  .contains("AuthenticationResult"));
}

TEST_F(MfaChallengeTest, NewPasswordComesBeforeMfa) {
  MakePool("OPTIONAL", true, false, false);
  CreateUser(pool_, "tim", "Temp-Pass1", false, {{{"Name", "phone_number"}, {"Value", kPhone}}});
  Prefer("tim", {{"SMSMfaSettings", {{"Enabled", true}}}});
  const Json first =
      Ok("InitiateAuth", {{"ClientId", client_},
                          {"AuthFlow", "USER_PASSWORD_AUTH"},
                          {"AuthParameters", {{"USERNAME", "tim"}, {"PASSWORD", "Temp-Pass1"}}}});
  ASSERT_EQ(first["ChallengeName"], "NEW_PASSWORD_REQUIRED");
  EXPECT_TRUE(Outbox("tim").empty());
  const Json next =
      Ok("RespondToAuthChallenge",
         Respond("NEW_PASSWORD_REQUIRED", {{"USERNAME", "tim"}, {"NEW_PASSWORD", "Perm-Pass1"}},
                 first["Session"]));
  ASSERT_EQ(next["ChallengeName"], "SMS_MFA");
  EXPECT_TRUE(Ok("RespondToAuthChallenge",
                 Respond("SMS_MFA", {{"USERNAME", "tim"}, {"SMS_MFA_CODE", LastCode("tim")}},
                         next["Session"]))
                  .contains("AuthenticationResult"));
}

}  // namespace
}  // namespace cognito::actions
