// USER_AUTH, choice-based sign-in: the available first factors, PREFERRED_CHALLENGE,
// SELECT_CHALLENGE, first-factor EMAIL_OTP / SMS_OTP codes (which stand in for MFA), and
// passwordless sign-up.
#include "tests/unit/actions/lifecycle_fixture.h"
#include "tests/unit/actions/srp_client.h"

namespace cognito::actions::testing {
namespace {

class UserAuthTest : public LifecycleTest {
 protected:
  void SetUp() override { MakeUserAuthPool({"PASSWORD", "EMAIL_OTP", "SMS_OTP"}); }

  void MakeUserAuthPool(const std::vector<std::string>& factors) {
    MakeLifecyclePool({{"AutoVerifiedAttributes", {"email"}},
                       {"UserPoolTier", "ESSENTIALS"},
                       {"Policies", {{"SignInPolicy", {{"AllowedFirstAuthFactors", factors}}}}}});
    client_ = CreateClient(pool_, {"ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"})["ClientId"];
  }
  // A confirmed user with a password, a verified email and an unverified phone number.
  void MakeUserAuthUser(const std::string& username, bool permanent = true) {
    CreateUser(pool_, username, kPassword, permanent,
               {{{"Name", "email"}, {"Value", kEmail}},
                {{"Name", "email_verified"}, {"Value", "true"}},
                {{"Name", "phone_number"}, {"Value", kPhone}}});
  }
  Json Start(const std::string& username, const Json& extra = Json::object()) const {
    Json parameters = extra;
    parameters["USERNAME"] = username;
    return {{"ClientId", client_}, {"AuthFlow", "USER_AUTH"}, {"AuthParameters", parameters}};
  }
  Json Select(const std::string& username, const Json& session, const Json& extra) const {
    Json responses = extra;
    responses["USERNAME"] = username;
    return Respond("SELECT_CHALLENGE", responses, session);
  }
  std::string OtpCode(const std::string& username) {
    const Json messages = Outbox(username);
    EXPECT_FALSE(messages.empty());
    if (messages.empty()) return "";
    EXPECT_EQ(messages[0]["purpose"], "otp");
    return messages[0]["code"];
  }
};

TEST_F(UserAuthTest, WithoutAPreferenceTheUserSelectsAFactor) {
  MakeUserAuthUser("ann");
  const Json select = Ok("InitiateAuth", Start("ann"));
  EXPECT_EQ(select["ChallengeName"], "SELECT_CHALLENGE");
  EXPECT_EQ(select["ChallengeParameters"], Json::object());
  // SMS_OTP needs a verified phone number.
  EXPECT_EQ(select["AvailableChallenges"], Json({"PASSWORD_SRP", "PASSWORD", "EMAIL_OTP"}));
  const Json bad = Fail("RespondToAuthChallenge",
                        Select("ann", select["Session"], {{"ANSWER", "SMS_OTP"}}));
  EXPECT_EQ(bad["message"], "Invalid ANSWER: SMS_OTP is not one of AvailableChallenges.");
  const Json wrong = Fail("RespondToAuthChallenge", Select("ann", select["Session"],
                                                           {{"ANSWER", "PASSWORD"},
                                                            {"PASSWORD", "Wr0ng!pass"}}));
  EXPECT_EQ(wrong["message"], "Incorrect username or password.");
  EXPECT_EQ(Fail("RespondToAuthChallenge", Select("ann", select["Session"],
                                                  {{"ANSWER", "PASSWORD"}, {"PASSWORD", kPassword}}))
                ["message"],
            "Invalid session for the user, session can only be used once.");
  const Json done = Ok("RespondToAuthChallenge",
                       Select("ann", Ok("InitiateAuth", Start("ann"))["Session"],
                              {{"ANSWER", "PASSWORD"}, {"PASSWORD", kPassword}}));
  EXPECT_TRUE(done["AuthenticationResult"].contains("AccessToken"));
}

TEST_F(UserAuthTest, EmailOtpSignsInWithAnEightDigitCode) {
  MakeUserAuthUser("ann");
  const Json select = Ok("InitiateAuth", Start("ann"));
  const Json challenge =
      Ok("RespondToAuthChallenge", Select("ann", select["Session"], {{"ANSWER", "EMAIL_OTP"}}));
  EXPECT_EQ(challenge["ChallengeName"], "EMAIL_OTP");
  EXPECT_EQ(challenge["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"], "EMAIL");
  EXPECT_EQ(challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"], "a***@e***");
  // The selection was used up.
  EXPECT_EQ(Fail("RespondToAuthChallenge",
                 Select("ann", select["Session"], {{"ANSWER", "EMAIL_OTP"}}))["__type"],
            "NotAuthorizedException");
  const std::string code = OtpCode("ann");
  EXPECT_EQ(code.size(), 8u);
  const Json answer = Respond("EMAIL_OTP", {{"USERNAME", "ann"}, {"EMAIL_OTP_CODE", code}},
                              challenge["Session"]);
  Json wrong = answer;
  wrong["ChallengeResponses"]["EMAIL_OTP_CODE"] = code == "00000000" ? "11111111" : "00000000";
  EXPECT_EQ(Fail("RespondToAuthChallenge", wrong)["__type"], "CodeMismatchException");
  const Json done = Ok("RespondToAuthChallenge", answer);
  EXPECT_TRUE(done["AuthenticationResult"].contains("IdToken"));
  EXPECT_EQ(Fail("RespondToAuthChallenge", answer)["__type"], "NotAuthorizedException");
}

TEST_F(UserAuthTest, APreferredChallengeStartsAtOnce) {
  MakeUserAuthUser("ann");
  const Json otp = Ok("InitiateAuth", Start("ann", {{"PREFERRED_CHALLENGE", "EMAIL_OTP"}}));
  EXPECT_EQ(otp["ChallengeName"], "EMAIL_OTP");
  EXPECT_EQ(otp["AvailableChallenges"], Json({"EMAIL_OTP"}));
  const Json tokens = Ok("InitiateAuth", Start("ann", {{"PREFERRED_CHALLENGE", "PASSWORD"},
                                                       {"PASSWORD", kPassword}}));
  EXPECT_TRUE(tokens["AuthenticationResult"].contains("RefreshToken"));
  EXPECT_EQ(Fail("InitiateAuth", Start("ann", {{"PREFERRED_CHALLENGE", "PASSWORD"}}))["message"],
            "Missing required parameter PASSWORD");

  auth::SeededRandom random(5);
  SrpClient srp(random);
  const Json verifier = Ok("InitiateAuth", Start("ann", {{"PREFERRED_CHALLENGE", "PASSWORD_SRP"},
                                                         {"SRP_A", srp.SrpA()}}));
  ASSERT_EQ(verifier["ChallengeName"], "PASSWORD_VERIFIER");
  const Json proof = srp.Answer(verifier["ChallengeParameters"], pool_, kPassword,
                                auth::FormatSrpTimestamp(clock().NowSeconds()));
  const Json done = Ok("RespondToAuthChallenge",
                       Respond("PASSWORD_VERIFIER", proof, verifier["Session"]));
  EXPECT_TRUE(done["AuthenticationResult"].contains("AccessToken"));
  // A preference that is not available falls back to the selection.
  EXPECT_EQ(Ok("InitiateAuth", Start("ann", {{"PREFERRED_CHALLENGE", "SMS_OTP"}}))["ChallengeName"],
            "SELECT_CHALLENGE");
}

TEST_F(UserAuthTest, TheFactorsFollowThePoolAndTheUser) {
  MakeUserAuthUser("tmp", false);  // FORCE_CHANGE_PASSWORD: no one-time codes
  const Json forced = Ok("InitiateAuth", Start("tmp", {{"PREFERRED_CHALLENGE", "EMAIL_OTP"}}));
  EXPECT_EQ(forced["ChallengeName"], "SELECT_CHALLENGE");
  EXPECT_EQ(forced["AvailableChallenges"], Json({"PASSWORD_SRP", "PASSWORD"}));
  const Json next = Ok("RespondToAuthChallenge",
                       Select("tmp", forced["Session"], {{"ANSWER", "PASSWORD"}, {"PASSWORD", kPassword}}));
  EXPECT_EQ(next["ChallengeName"], "NEW_PASSWORD_REQUIRED");

  MakeUserAuthPool({"PASSWORD"});
  MakeUserAuthUser("ann");
  EXPECT_EQ(Ok("InitiateAuth", Start("ann"))["AvailableChallenges"],
            Json({"PASSWORD_SRP", "PASSWORD"}));
  const std::string other =
      CreateClient(pool_, {"ALLOW_USER_PASSWORD_AUTH"})["ClientId"].get<std::string>();
  Json input = Start("ann");
  input["ClientId"] = other;
  EXPECT_EQ(Fail("InitiateAuth", input)["message"], "Auth flow not enabled for this client");
  EXPECT_EQ(Fail("InitiateAuth", Start("nobody"))["__type"], "UserNotFoundException");
}

TEST_F(UserAuthTest, SmsOtpGoesToAVerifiedPhone) {
  CreateUser(pool_, "sam", kPassword, true,
             {{{"Name", "phone_number"}, {"Value", kPhone}},
              {{"Name", "phone_number_verified"}, {"Value", "true"}}});
  const Json challenge = Ok("InitiateAuth", Start("sam", {{"PREFERRED_CHALLENGE", "SMS_OTP"}}));
  EXPECT_EQ(challenge["ChallengeName"], "SMS_OTP");
  EXPECT_EQ(challenge["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"], "SMS");
  const Json done = Ok("RespondToAuthChallenge",
                       Respond("SMS_OTP", {{"USERNAME", "sam"}, {"SMS_OTP_CODE", OtpCode("sam")}},
                               challenge["Session"]));
  EXPECT_TRUE(done["AuthenticationResult"].contains("AccessToken"));
}

TEST_F(UserAuthTest, PasswordlessSignUpThenEmailOtp) {
  const Json out = Ok("SignUp", Request("pat", {{"UserAttributes",
                                                 {{{"Name", "email"}, {"Value", kEmail}}}}}));
  EXPECT_EQ(out["UserConfirmed"], false);
  Ok("ConfirmSignUp", Confirm("pat", LastCode("pat")));
  const Json select = Ok("InitiateAuth", Start("pat"));
  EXPECT_EQ(select["AvailableChallenges"], Json({"EMAIL_OTP"}));
  const Json challenge =
      Ok("RespondToAuthChallenge", Select("pat", select["Session"], {{"ANSWER", "EMAIL_OTP"}}));
  const Json done = Ok("RespondToAuthChallenge",
                       Respond("EMAIL_OTP", {{"USERNAME", "pat"}, {"EMAIL_OTP_CODE", OtpCode("pat")}},
                               challenge["Session"]));
  EXPECT_TRUE(done["AuthenticationResult"].contains("AccessToken"));
  // No password: the password factor is not offered.
  const Json fallback = Ok("InitiateAuth", Start("pat", {{"PREFERRED_CHALLENGE", "PASSWORD"},
                                                        {"PASSWORD", kPassword}}));
  EXPECT_EQ(fallback["ChallengeName"], "SELECT_CHALLENGE");
  EXPECT_EQ(fallback["AvailableChallenges"], Json({"EMAIL_OTP"}));

  MakeUserAuthPool({"PASSWORD"});
  EXPECT_EQ(Fail("SignUp", Request("pam", {{"UserAttributes",
                                            {{{"Name", "email"}, {"Value", kEmail}}}}}))["message"],
            "Missing required parameter Password");
}

TEST_F(UserAuthTest, OneTimeCodesStandInForMfa) {
  MakeUserAuthUser("ann");
  Ok("SetUserPoolMfaConfig",
     {{"UserPoolId", pool_},
      {"MfaConfiguration", "OPTIONAL"},
      {"EmailMfaConfiguration", {{"Message", "MFA {####}"}, {"Subject", "Code"}}}});
  Ok("AdminSetUserMFAPreference", {{"UserPoolId", pool_},
                                   {"Username", "ann"},
                                   {"EmailMfaSettings", {{"Enabled", true}, {"PreferredMfa", true}}}});
  // The password is one factor: email MFA follows, with a 6-digit MFA code.
  const Json mfa = Ok("InitiateAuth", Start("ann", {{"PREFERRED_CHALLENGE", "PASSWORD"},
                                                    {"PASSWORD", kPassword}}));
  EXPECT_EQ(mfa["ChallengeName"], "EMAIL_OTP");
  EXPECT_FALSE(mfa.contains("AvailableChallenges"));
  EXPECT_EQ(Outbox("ann")[0]["purpose"], "mfa");
  EXPECT_EQ(Outbox("ann")[0]["code"].get<std::string>().size(), 6u);
  // A first-factor code is the whole sign-in.
  const Json otp = Ok("InitiateAuth", Start("ann", {{"PREFERRED_CHALLENGE", "EMAIL_OTP"}}));
  const Json done = Ok("RespondToAuthChallenge",
                       Respond("EMAIL_OTP", {{"USERNAME", "ann"}, {"EMAIL_OTP_CODE", OtpCode("ann")}},
                               otp["Session"]));
  EXPECT_TRUE(done["AuthenticationResult"].contains("AccessToken"));
}

TEST_F(UserAuthTest, ConfirmSignUpSessionSignsInWithoutAnotherCode) {
  const Json signed_up = Ok("SignUp", Request("pat", {{"UserAttributes",
                                                       {{{"Name", "email"}, {"Value", kEmail}}}}}));
  ASSERT_TRUE(signed_up.contains("Session"));
  const std::string code = LastCode("pat");
  Json confirm = Confirm("pat", code);
  confirm["Session"] = std::string(64, 'x');
  EXPECT_EQ(Fail("ConfirmSignUp", confirm)["__type"], "NotAuthorizedException");
  EXPECT_EQ(Status("pat"), "UNCONFIRMED");  // the code was not used
  confirm["Session"] = signed_up["Session"];
  const Json confirmed = Ok("ConfirmSignUp", confirm);
  ASSERT_TRUE(confirmed.contains("Session"));
  // Bound to its user and single use.
  Json other = Start("bob");
  other["Session"] = confirmed["Session"];
  CreateUser(pool_, "bob", kPassword, true);
  EXPECT_EQ(Fail("InitiateAuth", other)["message"], "Invalid session provided for the user.");
  Json input = Start("pat");
  input["Session"] = confirmed["Session"];
  EXPECT_TRUE(Ok("InitiateAuth", input)["AuthenticationResult"].contains("AccessToken"));
  EXPECT_EQ(Fail("InitiateAuth", input)["__type"], "NotAuthorizedException");
  // Without a Session, ConfirmSignUp answers nothing to sign in with.
  Ok("SignUp", Request("sue", {{"UserAttributes", {{{"Name", "email"}, {"Value", kEmail}}}}}));
  EXPECT_EQ(Ok("ConfirmSignUp", Confirm("sue", LastCode("sue"))), Json::object());
}

TEST_F(UserAuthTest, GetUserAuthFactorsListsWhatTheUserCanSignInWith) {
  MakeUserAuthUser("ann");
  const Json otp = Ok("InitiateAuth", Start("ann", {{"PREFERRED_CHALLENGE", "EMAIL_OTP"}}));
  const Json done = Ok("RespondToAuthChallenge",
                       Respond("EMAIL_OTP", {{"USERNAME", "ann"}, {"EMAIL_OTP_CODE", OtpCode("ann")}},
                               otp["Session"]));
  const std::string token = done["AuthenticationResult"]["AccessToken"];
  const Json factors = Ok("GetUserAuthFactors", {{"AccessToken", token}});
  EXPECT_EQ(factors["Username"], "ann");
  EXPECT_EQ(factors["ConfiguredUserAuthFactors"], Json({"PASSWORD", "EMAIL_OTP"}));
  Ok("AdminUpdateUserAttributes", {{"UserPoolId", pool_},
                                   {"Username", "ann"},
                                   {"UserAttributes",
                                    Json::array({{{"Name", "phone_number_verified"}, {"Value", "true"}}})}});
  EXPECT_EQ(Ok("GetUserAuthFactors", {{"AccessToken", token}})["ConfiguredUserAuthFactors"],
            Json({"PASSWORD", "EMAIL_OTP", "SMS_OTP"}));
  EXPECT_EQ(Fail("GetUserAuthFactors", {{"AccessToken", token + "x"}})["__type"],
            "NotAuthorizedException");
}

}  // namespace
}  // namespace cognito::actions::testing
