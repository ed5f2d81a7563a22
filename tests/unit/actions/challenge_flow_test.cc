// USER_SRP_AUTH / PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED and sign-in sessions, driven
// through the Service as a client would.
#include <gtest/gtest.h>

#include "auth/srp.h"
#include "tests/unit/actions/service_fixture.h"
#include "tests/unit/actions/srp_client.h"

namespace cognito::actions {
namespace {

using testing::ServiceTest;
using testing::SrpClient;

class ChallengeFlowTest : public ServiceTest {
 protected:
  void SetUp() override {
    pool_ = CreatePool({{"Schema", {{{"Name", "name"}, {"AttributeDataType", "String"}, {"Required", true}}}}});
    client_ = CreateClient(pool_, {"ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH",
                                   "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"})["ClientId"];
    CreateUser(pool_, "ann", "Passw0rd!", true, {{{"Name", "name"}, {"Value", "Ann"}}});
  }
  std::string Now() const { return auth::FormatSrpTimestamp(clock().NowSeconds()); }
  Json StartSrp(const SrpClient& srp, const std::string& username, const std::string& client = "") {
    return Ok("InitiateAuth", {{"ClientId", client.empty() ? client_ : client},
                               {"AuthFlow", "USER_SRP_AUTH"},
                               {"AuthParameters", {{"USERNAME", username}, {"SRP_A", srp.SrpA()}}}});
  }
  Json Respond(const std::string& challenge, const Json& responses, const Json& session) {
    Json input{{"ClientId", client_}, {"ChallengeName", challenge}, {"ChallengeResponses", responses}};
    if (!session.is_null()) {
      input["Session"] = session;
    }
    return input;
  }

  auth::SeededRandom random_{11};
  std::string pool_;
  std::string client_;
};

TEST_F(ChallengeFlowTest, SrpSignInIssuesTokens) {
  SrpClient srp(random_);
  Json challenge = StartSrp(srp, "ann");
  EXPECT_EQ(challenge["ChallengeName"], "PASSWORD_VERIFIER");
  const Json& params = challenge["ChallengeParameters"];
  for (const char* key : {"SALT", "SRP_B", "SECRET_BLOCK", "USERNAME", "USER_ID_FOR_SRP"}) {
    EXPECT_TRUE(params.contains(key)) << key;
  }
  EXPECT_EQ(params["USER_ID_FOR_SRP"], "ann");
  Json out = Ok("RespondToAuthChallenge", Respond("PASSWORD_VERIFIER",
                                                  srp.Answer(params, pool_, "Passw0rd!", Now()),
                                                  challenge["Session"]));
  EXPECT_TRUE(out["AuthenticationResult"].contains("RefreshToken"));
  EXPECT_EQ(out["ChallengeParameters"], Json::object());
}

TEST_F(ChallengeFlowTest, SrpAnswerWithoutSessionUsesTheSecretBlock) {
  SrpClient srp(random_);
  Json challenge = StartSrp(srp, "ann");
  Json answer = srp.Answer(challenge["ChallengeParameters"], pool_, "Passw0rd!", Now());
  EXPECT_TRUE(Ok("RespondToAuthChallenge", Respond("PASSWORD_VERIFIER", answer, nullptr))
                  .contains("AuthenticationResult"));
  // The secret block is single use: once answered it no longer names a session.
  Json e = Fail("RespondToAuthChallenge", Respond("PASSWORD_VERIFIER", answer, nullptr));
  EXPECT_EQ(e["message"], "Invalid session for the user.");
}

TEST_F(ChallengeFlowTest, SrpWrongPasswordsCountTowardTheLockout) {
  for (int i = 1; i <= 6; ++i) {
    SrpClient srp(random_);
    Json challenge = StartSrp(srp, "ann");
    Json e = Fail("RespondToAuthChallenge",
                  Respond("PASSWORD_VERIFIER",
                          srp.Answer(challenge["ChallengeParameters"], pool_,
                                     i == 6 ? "Passw0rd!" : "Wrong-pass1", Now()),
                          challenge["Session"]));
    EXPECT_EQ(e["message"], i == 6 ? "Password attempts exceeded" : "Incorrect username or password.")
        << i;
  }
  // The password flows share the count.
  Json e = Fail("InitiateAuth", {{"ClientId", client_},
                                 {"AuthFlow", "USER_PASSWORD_AUTH"},
                                 {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}}});
  EXPECT_EQ(e["message"], "Password attempts exceeded");
  clock().Advance(1000);
  SrpClient srp(random_);
  Json challenge = StartSrp(srp, "ann");
  EXPECT_TRUE(Ok("RespondToAuthChallenge",
                 Respond("PASSWORD_VERIFIER",
                         srp.Answer(challenge["ChallengeParameters"], pool_, "Passw0rd!", Now()),
                         challenge["Session"]))
                  .contains("AuthenticationResult"));
}

TEST_F(ChallengeFlowTest, SrpRejections) {
  struct Case {
    const char* label;
    std::string password, timestamp;
  };
  const int64_t now = clock().NowSeconds();
  std::string padded = auth::FormatSrpTimestamp(now);  // e.g. "Thu Jan 1 ..." -> "Thu Jan 01 ..."
  padded.insert(8, "0");
  const Case cases[] = {
      {"wrong password", "Wrong-pass1", Now()},
      {"stale timestamp", "Passw0rd!", auth::FormatSrpTimestamp(now - 3600)},
      {"zero-padded day", "Passw0rd!", padded},
      {"garbage timestamp", "Passw0rd!", "yesterday"},
  };
  for (const auto& c : cases) {
    SrpClient srp(random_);
    Json challenge = StartSrp(srp, "ann");
    Json e = Fail("RespondToAuthChallenge",
                  Respond("PASSWORD_VERIFIER",
                          srp.Answer(challenge["ChallengeParameters"], pool_, c.password, c.timestamp),
                          challenge["Session"]));
    EXPECT_EQ(e["__type"], "NotAuthorizedException") << c.label;
    EXPECT_EQ(e["message"], "Incorrect username or password.") << c.label;
  }
  SrpClient srp(random_);
  Json challenge = StartSrp(srp, "ann");
  Json answer = srp.Answer(challenge["ChallengeParameters"], pool_, "Passw0rd!", Now());
  std::string block = answer["PASSWORD_CLAIM_SECRET_BLOCK"];
  block[3] = block[3] == 'A' ? 'B' : 'A';
  answer["PASSWORD_CLAIM_SECRET_BLOCK"] = block;
  Json e = Fail("RespondToAuthChallenge", Respond("PASSWORD_VERIFIER", answer, challenge["Session"]));
  EXPECT_EQ(e["__type"], "NotAuthorizedException");
}

TEST_F(ChallengeFlowTest, SrpAnswerIsSingleUseWhateverItsOutcome) {
  SrpClient srp(random_);
  Json challenge = StartSrp(srp, "ann");
  Json input = Respond("PASSWORD_VERIFIER",
                       srp.Answer(challenge["ChallengeParameters"], pool_, "Wrong-pass1", Now()),
                       challenge["Session"]);
  EXPECT_EQ(Fail("RespondToAuthChallenge", input)["message"], "Incorrect username or password.");
  input["ChallengeResponses"] = srp.Answer(challenge["ChallengeParameters"], pool_, "Passw0rd!", Now());
  EXPECT_EQ(Fail("RespondToAuthChallenge", input)["message"],
            "Invalid session for the user, session can only be used once.");
}

TEST_F(ChallengeFlowTest, SrpInputChecks) {
  const std::string n_hex = auth::SrpHex(*auth::SrpParseHexInt(std::string(768, 'f')));
  for (const std::string& a : {std::string("0"), std::string("zz"), std::string(2000, '1')}) {
    Json e = Fail("InitiateAuth", {{"ClientId", client_},
                                   {"AuthFlow", "USER_SRP_AUTH"},
                                   {"AuthParameters", {{"USERNAME", "ann"}, {"SRP_A", a}}}});
    EXPECT_EQ(e["__type"], "InvalidParameterException") << a.substr(0, 10);
  }
  Json e = Fail("InitiateAuth", {{"ClientId", client_},
                                 {"AuthFlow", "USER_SRP_AUTH"},
                                 {"AuthParameters", {{"USERNAME", "ann"}}}});
  EXPECT_EQ(e["message"], "Missing required parameter SRP_A");
  SrpClient srp(random_);
  e = Fail("InitiateAuth", {{"ClientId", client_},
                            {"AuthFlow", "USER_SRP_AUTH"},
                            {"AuthParameters", {{"USERNAME", "nobody"}, {"SRP_A", srp.SrpA()}}}});
  EXPECT_EQ(e["__type"], "UserNotFoundException");
}

TEST_F(ChallengeFlowTest, DisabledUserIsStoppedAtBothSteps) {
  SrpClient srp(random_);
  Json challenge = StartSrp(srp, "ann");
  Ok("AdminDisableUser", {{"UserPoolId", pool_}, {"Username", "ann"}});
  Json e = Fail("RespondToAuthChallenge", Respond("PASSWORD_VERIFIER",
                                                  srp.Answer(challenge["ChallengeParameters"], pool_, "Passw0rd!", Now()),
                                                  challenge["Session"]));
  EXPECT_EQ(e["message"], "User is disabled.");
  e = Fail("InitiateAuth", {{"ClientId", client_},
                            {"AuthFlow", "USER_SRP_AUTH"},
                            {"AuthParameters", {{"USERNAME", "ann"}, {"SRP_A", srp.SrpA()}}}});
  EXPECT_EQ(e["message"], "User is disabled.");
}

TEST_F(ChallengeFlowTest, HiddenUsersGetASimulatedChallengeThatFails) {
  const std::string hiding = CreateClient(pool_, {"ALLOW_USER_SRP_AUTH"}, false,
                                          {{"PreventUserExistenceErrors", "ENABLED"}})["ClientId"];
  SrpClient srp(random_);
  Json challenge = StartSrp(srp, "nobody", hiding);
  Json again = StartSrp(srp, "nobody", hiding);
  EXPECT_EQ(challenge["ChallengeName"], "PASSWORD_VERIFIER");
  // Stable per username, like a real user's.
  EXPECT_EQ(challenge["ChallengeParameters"]["USER_ID_FOR_SRP"], again["ChallengeParameters"]["USER_ID_FOR_SRP"]);
  EXPECT_EQ(challenge["ChallengeParameters"]["SALT"], again["ChallengeParameters"]["SALT"]);
  Json input{{"ClientId", hiding},
             {"ChallengeName", "PASSWORD_VERIFIER"},
             {"Session", challenge["Session"]},
             {"ChallengeResponses", srp.Answer(challenge["ChallengeParameters"], pool_, "Passw0rd!", Now())}};
  Json e = Fail("RespondToAuthChallenge", input);
  EXPECT_EQ(e["message"], "Incorrect username or password.");
}

TEST_F(ChallengeFlowTest, SessionsAreBoundAndExpire) {
  SrpClient srp(random_);
  Json challenge = StartSrp(srp, "ann");
  Json answer = srp.Answer(challenge["ChallengeParameters"], pool_, "Passw0rd!", Now());

  const std::string other = CreateClient(pool_, {"ALLOW_USER_SRP_AUTH"})["ClientId"];
  Json input = Respond("PASSWORD_VERIFIER", answer, challenge["Session"]);
  input["ClientId"] = other;
  EXPECT_EQ(Fail("RespondToAuthChallenge", input)["message"], "Invalid session provided for the user.");

  CreateUser(pool_, "bob", "Passw0rd!", true, {{{"Name", "name"}, {"Value", "Bob"}}});
  input = Respond("PASSWORD_VERIFIER", answer, challenge["Session"]);
  input["ChallengeResponses"]["USERNAME"] = "bob";
  EXPECT_EQ(Fail("RespondToAuthChallenge", input)["message"], "Invalid session provided for the user.");

  input = Respond("NEW_PASSWORD_REQUIRED", {{"USERNAME", "ann"}, {"NEW_PASSWORD", "Passw0rd!2"}},
                  challenge["Session"]);
  EXPECT_EQ(Fail("RespondToAuthChallenge", input)["message"], "Invalid session provided for the user.");

  input = Respond("PASSWORD_VERIFIER", answer, "x" + challenge["Session"].get<std::string>());
  EXPECT_EQ(Fail("RespondToAuthChallenge", input)["message"], "Invalid session for the user.");

  clock().Advance(3 * 60 * 1000 + 1);
  input = Respond("PASSWORD_VERIFIER", answer, challenge["Session"]);
  EXPECT_EQ(Fail("RespondToAuthChallenge", input)["message"],
            "Invalid session for the user, session is expired.");
}

TEST_F(ChallengeFlowTest, NewPasswordRequiredAfterTemporaryPassword) {
  CreateUser(pool_, "tim", "Temp-Pass1", false, {{{"Name", "email"}, {"Value", "tim@example.com"}}});
  Json challenge = Ok("InitiateAuth", {{"ClientId", client_},
                                       {"AuthFlow", "USER_PASSWORD_AUTH"},
                                       {"AuthParameters", {{"USERNAME", "tim"}, {"PASSWORD", "Temp-Pass1"}}}});
  ASSERT_EQ(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED");
  const Json& params = challenge["ChallengeParameters"];
  EXPECT_EQ(params["USER_ID_FOR_SRP"], "tim");
  EXPECT_EQ(Json::parse(params["userAttributes"].get<std::string>()), Json({{"email", "tim@example.com"}}));
  EXPECT_EQ(Json::parse(params["requiredAttributes"].get<std::string>()), Json({"userAttributes.name"}));
  const Json session = challenge["Session"];

  Json e = Fail("RespondToAuthChallenge",
                Respond("NEW_PASSWORD_REQUIRED", {{"USERNAME", "tim"}, {"NEW_PASSWORD", "Perm-Pass1"}}, session));
  EXPECT_EQ(e["message"], "Invalid attributes given, name is missing");
  e = Fail("RespondToAuthChallenge",
           Respond("NEW_PASSWORD_REQUIRED",
                   {{"USERNAME", "tim"}, {"NEW_PASSWORD", "weak"}, {"userAttributes.name", "Tim"}}, session));
  EXPECT_EQ(e["__type"], "InvalidPasswordException");
  EXPECT_EQ(e["message"], "Password does not conform to policy: Password not long enough");
  e = Fail("RespondToAuthChallenge", Respond("NEW_PASSWORD_REQUIRED", {{"USERNAME", "tim"}}, session));
  EXPECT_EQ(e["message"], "Missing required parameter NEW_PASSWORD");
  e = Fail("RespondToAuthChallenge", Respond("NEW_PASSWORD_REQUIRED", {{"USERNAME", "tim"}}, nullptr));
  EXPECT_EQ(e["message"], "Missing required parameter Session");

  Json out = Ok("RespondToAuthChallenge",
                Respond("NEW_PASSWORD_REQUIRED",
                        {{"USERNAME", "tim"}, {"NEW_PASSWORD", "Perm-Pass1"}, {"userAttributes.name", "Tim"}},
                        session));
  EXPECT_TRUE(out["AuthenticationResult"].contains("IdToken"));
  Json user = Ok("AdminGetUser", {{"UserPoolId", pool_}, {"Username", "tim"}});
  EXPECT_EQ(user["UserStatus"], "CONFIRMED");
  e = Fail("RespondToAuthChallenge",
           Respond("NEW_PASSWORD_REQUIRED",
                   {{"USERNAME", "tim"}, {"NEW_PASSWORD", "Perm-Pass2"}, {"userAttributes.name", "Tim"}}, session));
  EXPECT_EQ(e["message"], "Invalid session for the user, session can only be used once.");

  // The new password works with SRP too; the temporary one is gone.
  SrpClient srp(random_);
  Json srp_challenge = StartSrp(srp, "tim");
  EXPECT_TRUE(Ok("RespondToAuthChallenge",
                 Respond("PASSWORD_VERIFIER", srp.Answer(srp_challenge["ChallengeParameters"], pool_, "Perm-Pass1", Now()),
                         srp_challenge["Session"]))
                  .contains("AuthenticationResult"));
  Fail("InitiateAuth", {{"ClientId", client_},
                        {"AuthFlow", "USER_PASSWORD_AUTH"},
                        {"AuthParameters", {{"USERNAME", "tim"}, {"PASSWORD", "Temp-Pass1"}}}});
}

TEST_F(ChallengeFlowTest, SrpLeadsToNewPasswordRequiredAndAdminRespond) {
  CreateUser(pool_, "sue", "Temp-Pass1", false, {{{"Name", "name"}, {"Value", "Sue"}}});
  SrpClient srp(random_);
  Json challenge = StartSrp(srp, "sue");
  Json next = Ok("RespondToAuthChallenge",
                 Respond("PASSWORD_VERIFIER", srp.Answer(challenge["ChallengeParameters"], pool_, "Temp-Pass1", Now()),
                         challenge["Session"]));
  ASSERT_EQ(next["ChallengeName"], "NEW_PASSWORD_REQUIRED");
  EXPECT_EQ(next["ChallengeParameters"]["requiredAttributes"], "[]");
  Json input{{"UserPoolId", CreatePool()},
             {"ClientId", client_},
             {"ChallengeName", "NEW_PASSWORD_REQUIRED"},
             {"Session", next["Session"]},
             {"ChallengeResponses", {{"USERNAME", "sue"}, {"NEW_PASSWORD", "Perm-Pass1"}}}};
  EXPECT_EQ(Fail("AdminRespondToAuthChallenge", input)["__type"], "ResourceNotFoundException");
  input["UserPoolId"] = pool_;
  EXPECT_TRUE(Ok("AdminRespondToAuthChallenge", input).contains("AuthenticationResult"));
}

TEST_F(ChallengeFlowTest, ChallengeNamesThatCannotBeAnswered) {
  Json e = Fail("RespondToAuthChallenge", Respond("ADMIN_NO_SRP_AUTH", {{"USERNAME", "ann"}}, std::string(24, 's')));
  EXPECT_EQ(e["__type"], "InvalidParameterException");
  e = Fail("RespondToAuthChallenge", Respond("SMS_MFA", {{"USERNAME", "ann"}}, nullptr));
  EXPECT_EQ(e["message"], "Missing required parameter Session");
}

}  // namespace
}  // namespace cognito::actions
