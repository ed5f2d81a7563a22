// Lambda triggers through the Service with an in-process TriggerInvoker: LambdaConfig storage,
// the CUSTOM_AUTH state machine's limits and session rules, PreTokenGeneration V1 overrides and
// the error mapping, UserMigration answers and CustomMessage texts.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>

#include "auth/clock.h"
#include "auth/jwt.h"
#include "auth/random.h"
#include "server/actions/service.h"
#include "server/actions/triggers.h"

namespace cognito::actions {
namespace {

const std::string kArn = "arn:aws:lambda:us-east-1:123456789012:function:";

// Runs each function as a C++ callback taking and returning the event.
class FakeInvoker final : public TriggerInvoker {
 public:
  std::map<std::string, std::function<InvokeResult(Json)>> functions;
  std::vector<Json> events;

  InvokeResult Invoke(const std::string& arn, const std::string& event) override {
    events.push_back(Json::parse(event));
    auto it = functions.find(arn.substr(kArn.size()));
    if (it == functions.end()) {
      return {InvokeResult::Status::kUnreachable, "no such function"};
    }
    return it->second(events.back());
  }
};

InvokeResult Answer(Json event) { return {InvokeResult::Status::kOk, event.dump()}; }

class TriggersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    clock_ = std::make_unique<auth::FakeClock>(1'767'225'600'000);
    random_ = std::make_unique<auth::SeededRandom>(11);
    invoker_ = std::make_shared<FakeInvoker>();
    ServiceOptions options;
    options.triggers = invoker_;
    service_ = std::make_unique<Service>(options, *clock_, *random_);
  }
  static void TearDownTestSuite() {
    service_.reset();
    invoker_.reset();
  }
  void SetUp() override {
    invoker_->functions.clear();
    invoker_->events.clear();
  }

  static ApiResponse Call(const std::string& action, const Json& input) {
    return service_->Call(action, input);
  }
  static Json Ok(const std::string& action, const Json& input) {
    ApiResponse r = Call(action, input);
    EXPECT_EQ(r.status, 200u) << action << ": " << r.body;
    return Json::parse(r.body);
  }
  static Json Fail(const std::string& action, const Json& input) {
    ApiResponse r = Call(action, input);
    EXPECT_EQ(r.status, 400u) << action << ": " << r.body;
    return Json::parse(r.body);
  }

  // A pool with `lambda`, a client, and user "alice" with a permanent password.
  struct Target {
    std::string pool_id;
    std::string client_id;
  };
  static Target Setup(const Json& lambda, const Json& pool = Json::object(),
                      const Json& client = Json::object()) {
    Target t;
    Json create{{"PoolName", "p"}, {"LambdaConfig", lambda}};
    create.update(pool);
    t.pool_id = Ok("CreateUserPool", create)["UserPool"]["Id"];
    Json create_client{{"UserPoolId", t.pool_id},
                       {"ClientName", "c"},
                       {"ExplicitAuthFlows", {"ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH",
                                              "ALLOW_REFRESH_TOKEN_AUTH"}}};
    create_client.update(client);
    t.client_id = Ok("CreateUserPoolClient", create_client)["UserPoolClient"]["ClientId"];
    Ok("AdminCreateUser", {{"UserPoolId", t.pool_id},
                           {"Username", "alice"},
                           {"MessageAction", "SUPPRESS"},
                           {"UserAttributes", {{{"Name", "email"}, {"Value", "a@example.com"}}}}});
    Ok("AdminSetUserPassword", {{"UserPoolId", t.pool_id},
                                {"Username", "alice"},
                                {"Password", "Perm4nent!Pass"},
                                {"Permanent", true}});
    return t;
  }
  static Json Answer(const Target& t, const std::string& session, const std::string& answer) {
    return Json{{"ClientId", t.client_id},
                {"ChallengeName", "CUSTOM_CHALLENGE"},
                {"Session", session},
                {"ChallengeResponses", {{"USERNAME", "alice"}, {"ANSWER", answer}}}};
  }
  static Json StartCustom(const Target& t) {
    return Ok("InitiateAuth", {{"ClientId", t.client_id},
                               {"AuthFlow", "CUSTOM_AUTH"},
                               {"AuthParameters", {{"USERNAME", "alice"}}}});
  }

  // Define always asks for another challenge; Create and Verify accept "yes".
  void EndlessChallenges() {
    invoker_->functions["define"] = [](Json e) {
      const Json& s = e["request"]["session"];
      if (!s.empty() && s.back()["challengeResult"] == true) {
        e["response"]["issueTokens"] = true;
      } else {
        e["response"]["challengeName"] = "CUSTOM_CHALLENGE";
      }
      return actions::Answer(e);
    };
    invoker_->functions["create"] = [](Json e) {
      e["response"]["privateChallengeParameters"] = {{"answer", "yes"}};
      return actions::Answer(e);
    };
    invoker_->functions["verify"] = [](Json e) {
      e["response"]["answerCorrect"] =
          e["request"]["challengeAnswer"] == e["request"]["privateChallengeParameters"]["answer"];
      return actions::Answer(e);
    };
  }

  static Json Custom() {
    return {{"DefineAuthChallenge", kArn + "define"},
            {"CreateAuthChallenge", kArn + "create"},
            {"VerifyAuthChallengeResponse", kArn + "verify"}};
  }

  static Json SignIn(const Target& t, const std::string& username, const std::string& password) {
    return Json{{"ClientId", t.client_id},
                {"AuthFlow", "USER_PASSWORD_AUTH"},
                {"AuthParameters", {{"USERNAME", username}, {"PASSWORD", password}}}};
  }
  // The migrate function answers `response` (merged into the event's response).
  void MigrateAnswers(const Json& response) {
    invoker_->functions["migrate"] = [response](Json e) {
      for (const auto& [key, value] : response.items()) {
        e["response"][key] = value;
      }
      return actions::Answer(e);
    };
  }
  static bool UserExists(const Target& t, const std::string& username) {
    return Call("AdminGetUser", {{"UserPoolId", t.pool_id}, {"Username", username}}).status == 200;
  }

  static inline std::unique_ptr<auth::FakeClock> clock_;
  static inline std::unique_ptr<auth::SeededRandom> random_;
  static inline std::shared_ptr<FakeInvoker> invoker_;
  static inline std::unique_ptr<Service> service_;
};

TEST_F(TriggersTest, PreTokenGenerationAndItsConfigMirrorEachOther) {
  const Target a = Setup({{"PreTokenGeneration", kArn + "pt"}});
  Json lambda = Ok("DescribeUserPool", {{"UserPoolId", a.pool_id}})["UserPool"]["LambdaConfig"];
  EXPECT_EQ(lambda["PreTokenGenerationConfig"],
            (Json{{"LambdaArn", kArn + "pt"}, {"LambdaVersion", "V1_0"}}));
  const Json body = Fail("CreateUserPool",
                         {{"PoolName", "p"},
                          {"LambdaConfig",
                           {{"PreTokenGeneration", kArn + "one"},
                            {"PreTokenGenerationConfig",
                             {{"LambdaArn", kArn + "two"}, {"LambdaVersion", "V2_0"}}}}}});
  EXPECT_EQ(body["__type"], "InvalidParameterException");
}

TEST_F(TriggersTest, CustomAuthStopsAfterTenChallenges) {
  EndlessChallenges();
  const Target t = Setup(Custom());
  Json step = StartCustom(t);
  int challenges = 1;
  while (true) {
    ApiResponse r = Call("RespondToAuthChallenge", Answer(t, step["Session"], "no"));
    if (r.status != 200) {
      EXPECT_EQ(Json::parse(r.body)["message"], "Incorrect username or password.");
      break;
    }
    step = Json::parse(r.body);
    ASSERT_EQ(step["ChallengeName"], "CUSTOM_CHALLENGE");
    ASSERT_LT(++challenges, 20);
  }
  EXPECT_EQ(challenges, 10);
}

TEST_F(TriggersTest, CustomChallengeSessionsAreSingleUseAndBound) {
  EndlessChallenges();
  const Target t = Setup(Custom());
  const Json first = StartCustom(t);
  EXPECT_EQ(first["ChallengeParameters"], (Json{{"USERNAME", "alice"}}));
  const Json second = Ok("RespondToAuthChallenge", Answer(t, first["Session"], "no"));
  EXPECT_EQ(Fail("RespondToAuthChallenge", Answer(t, first["Session"], "yes"))["message"],
            "Invalid session for the user, session can only be used once.");
  Json missing = Answer(t, second["Session"], "");
  missing["ChallengeResponses"].erase("ANSWER");
  EXPECT_EQ(Fail("RespondToAuthChallenge", missing)["__type"], "InvalidParameterException");
  Json other = Answer(t, second["Session"], "yes");
  other["ChallengeResponses"]["USERNAME"] = "bob";
  EXPECT_EQ(Fail("RespondToAuthChallenge", other)["__type"], "NotAuthorizedException");
  const Json done = Ok("RespondToAuthChallenge", Answer(t, second["Session"], "yes"));
  EXPECT_TRUE(done["AuthenticationResult"].contains("IdToken"));
  // The private parameters reached Verify; the history Define saw ended with the right answer.
  EXPECT_EQ(invoker_->events.back()["request"]["session"].size(), 2u);
}

TEST_F(TriggersTest, DefineAnswersOfTheWrongShape) {
  invoker_->functions["define"] = [](Json e) {
    e["response"]["issueTokens"] = "yes";
    return actions::Answer(e);
  };
  const Target t = Setup(Custom());
  const Json body = Fail("InitiateAuth", {{"ClientId", t.client_id},
                                          {"AuthFlow", "CUSTOM_AUTH"},
                                          {"AuthParameters", {{"USERNAME", "alice"}}}});
  EXPECT_EQ(body["__type"], "InvalidLambdaResponseException");
  invoker_->functions["define"] = [](Json) {
    return InvokeResult{InvokeResult::Status::kFunctionError, "nope"};
  };
  EXPECT_EQ(Fail("InitiateAuth", {{"ClientId", t.client_id},
                                  {"AuthFlow", "CUSTOM_AUTH"},
                                  {"AuthParameters", {{"USERNAME", "alice"}}}})["message"],
            "DefineAuthChallenge failed with error nope.");
}

TEST_F(TriggersTest, PreTokenGenerationV1ChangesTheIdTokenButNotReservedClaims) {
  invoker_->functions["pt"] = [](Json e) {
    EXPECT_EQ(e["version"], "1");
    EXPECT_EQ(e["triggerSource"], "TokenGeneration_Authentication");
    e["response"]["claimsOverrideDetails"] = {
        {"claimsToAddOrOverride", {{"tenant", "acme"}, {"sub", "forged"}}},
        {"claimsToSuppress", {"email"}},
        {"groupOverrideDetails", {{"groupsToOverride", {"admins"}}}}};
    return actions::Answer(e);
  };
  const Target t = Setup({{"PreTokenGeneration", kArn + "pt"}});
  const Json result = Ok("InitiateAuth", {{"ClientId", t.client_id},
                                          {"AuthFlow", "USER_PASSWORD_AUTH"},
                                          {"AuthParameters", {{"USERNAME", "alice"},
                                                              {"PASSWORD", "Perm4nent!Pass"}}}});
  const auto id = auth::DecodeJwt(result["AuthenticationResult"]["IdToken"].get<std::string>());
  ASSERT_TRUE(id);
  const Json claims = Json::parse(id->payload_json);
  EXPECT_EQ(claims["tenant"], "acme");
  EXPECT_NE(claims["sub"], "forged");
  EXPECT_FALSE(claims.contains("email"));
  EXPECT_EQ(claims["cognito:groups"], Json::array({"admins"}));
  const auto access =
      auth::DecodeJwt(result["AuthenticationResult"]["AccessToken"].get<std::string>());
  EXPECT_FALSE(Json::parse(access->payload_json).contains("tenant"));

  invoker_->functions["pt"] = [](Json e) {
    EXPECT_EQ(e["triggerSource"], "TokenGeneration_RefreshTokens");
    return actions::Answer(e);
  };
  Ok("InitiateAuth",
     {{"ClientId", t.client_id},
      {"AuthFlow", "REFRESH_TOKEN_AUTH"},
      {"AuthParameters", {{"REFRESH_TOKEN", result["AuthenticationResult"]["RefreshToken"]}}}});
}

TEST_F(TriggersTest, AnUnreachableFunctionIsUnexpectedLambda) {
  const Target t = Setup({{"PreAuthentication", kArn + "gone"}});
  const Json body = Fail("InitiateAuth", {{"ClientId", t.client_id},
                                          {"AuthFlow", "USER_PASSWORD_AUTH"},
                                          {"AuthParameters", {{"USERNAME", "alice"},
                                                              {"PASSWORD", "Perm4nent!Pass"}}}});
  EXPECT_EQ(body["__type"], "UnexpectedLambdaException");
  EXPECT_EQ(body["message"], "PreAuthentication invocation failed due to error no such function.");
}

TEST_F(TriggersTest, MigrationAnswersCognitoCannotUseCreateNoUser) {
  const Target t = Setup({{"UserMigration", kArn + "migrate"}});
  const Json email = {{"email", "bob@example.com"}};
  for (const Json& response : {
           Json::object(),
           Json{{"userAttributes", Json::object()}},
           Json{{"userAttributes", Json::array({"email"})}},
           Json{{"userAttributes", {{"email", 5}}}},
           Json{{"userAttributes", {{"nickname2", "x"}}}},
           Json{{"userAttributes", {{"sub", "forged"}}}},
           Json{{"userAttributes", email}, {"finalUserStatus", "ARCHIVED"}},
           Json{{"userAttributes", email}, {"messageAction", "LOUD"}},
           Json{{"userAttributes", email}, {"desiredDeliveryMediums", "EMAIL"}},
           Json{{"userAttributes", email}, {"desiredDeliveryMediums", {"PIGEON"}}},
           Json{{"userAttributes", email}, {"forceAliasCreation", "yes"}},
       }) {
    MigrateAnswers(response);
    const Json body = Fail("InitiateAuth", SignIn(t, "bob", "Legacy4Pass!"));
    if (response.contains("forceAliasCreation")) {
      EXPECT_EQ(body["__type"], "InvalidLambdaResponseException") << response;
    } else {
      EXPECT_EQ(body["__type"], "UserNotFoundException") << response;
      EXPECT_EQ(body["message"], "Exception migrating user in app client " + t.client_id);
    }
    EXPECT_FALSE(UserExists(t, "bob")) << response;
  }
  MigrateAnswers({{"userAttributes", email}});
  EXPECT_EQ(Fail("InitiateAuth", SignIn(t, "bob", "short"))["__type"], "InvalidPasswordException");
  EXPECT_FALSE(UserExists(t, "bob"));
  // An existing user never reaches the function.
  invoker_->events.clear();
  Ok("InitiateAuth", SignIn(t, "alice", "Perm4nent!Pass"));
  EXPECT_TRUE(invoker_->events.empty());
}

TEST_F(TriggersTest, MigrationHidesUserExistenceWhenTheClientDoes) {
  const Target t = Setup({{"UserMigration", kArn + "migrate"}}, Json::object(),
                         {{"PreventUserExistenceErrors", "ENABLED"}});
  MigrateAnswers(Json::object());
  const Json body = Fail("InitiateAuth", SignIn(t, "bob", "Legacy4Pass!"));
  EXPECT_EQ(body["__type"], "NotAuthorizedException");
  EXPECT_EQ(body["message"], "Incorrect username or password.");
  const Json forgot =
      Ok("ForgotPassword", {{"ClientId", t.client_id}, {"Username", "bob@example.com"}});
  EXPECT_TRUE(forgot["CodeDeliveryDetails"].contains("Destination"));
  EXPECT_FALSE(UserExists(t, "bob@example.com"));
}

TEST_F(TriggersTest, MigrationMovesAVerifiedAliasOnlyWhenForced) {
  const Target t = Setup({{"UserMigration", kArn + "migrate"}},
                         {{"AliasAttributes", {"email"}}});
  Ok("AdminUpdateUserAttributes", {{"UserPoolId", t.pool_id},
                                   {"Username", "alice"},
                                   {"UserAttributes", {{{"Name", "email_verified"}, {"Value", "true"}}}}});
  const Json taken = {{"email", "a@example.com"}, {"email_verified", "true"},
                      {"phone_number", "+15555550100"}};
  MigrateAnswers({{"userAttributes", taken}, {"enableSMSMFA", true}});
  const Json body = Fail("InitiateAuth", SignIn(t, "bob", "Legacy4Pass!"));
  EXPECT_EQ(body["__type"], "AliasExistsException");
  EXPECT_FALSE(UserExists(t, "bob"));

  MigrateAnswers({{"userAttributes", taken}, {"enableSMSMFA", true}, {"forceAliasCreation", true},
                  {"messageAction", "SUPPRESS"}});
  Ok("InitiateAuth", SignIn(t, "bob", "Legacy4Pass!"));
  const Json alice = Ok("AdminGetUser", {{"UserPoolId", t.pool_id}, {"Username", "alice"}});
  for (const auto& a : alice["UserAttributes"]) {
    if (a["Name"] == "email_verified") {
      EXPECT_EQ(a["Value"], "false");
    }
  }
  const Json bob = Ok("AdminGetUser", {{"UserPoolId", t.pool_id}, {"Username", "bob"}});
  EXPECT_EQ(bob["UserStatus"], "CONFIRMED");
  EXPECT_EQ(bob["UserMFASettingList"], Json::array({"SMS_MFA"}));
}

TEST_F(TriggersTest, UserAuthMigratesOnlyWithThePassword) {
  const Target t = Setup({{"UserMigration", kArn + "migrate"}}, Json::object(),
                         {{"ExplicitAuthFlows", {"ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}}});
  MigrateAnswers({{"userAttributes", {{"email", "bob@example.com"}}}});
  const Json without = Fail("InitiateAuth", {{"ClientId", t.client_id},
                                             {"AuthFlow", "USER_AUTH"},
                                             {"AuthParameters", {{"USERNAME", "bob"}}}});
  EXPECT_EQ(without["__type"], "UserNotFoundException");
  EXPECT_TRUE(invoker_->events.empty());
  const Json done = Ok("InitiateAuth", {{"ClientId", t.client_id},
                                        {"AuthFlow", "USER_AUTH"},
                                        {"AuthParameters", {{"USERNAME", "bob"},
                                                            {"PREFERRED_CHALLENGE", "PASSWORD"},
                                                            {"PASSWORD", "Legacy4Pass!"}}}});
  EXPECT_TRUE(done["AuthenticationResult"].contains("AccessToken"));
  ASSERT_EQ(invoker_->events.size(), 1u);
  EXPECT_EQ(invoker_->events[0]["triggerSource"], "UserMigration_Authentication");
  EXPECT_EQ(invoker_->events[0]["request"]["password"], "Legacy4Pass!");
}

TEST_F(TriggersTest, CustomMessageAnswersOfTheWrongShape) {
  const Target t = Setup({{"CustomMessage", kArn + "msg"}}, {{"AutoVerifiedAttributes", {"email"}}});
  const Json signup = {{"ClientId", t.client_id},
                       {"Username", "carol"},
                       {"Password", "Perm4nent!Pass"},
                       {"UserAttributes", {{{"Name", "email"}, {"Value", "c@example.com"}}}}};
  invoker_->functions["msg"] = [](Json e) {
    e["response"]["emailMessage"] = Json::array();
    return actions::Answer(e);
  };
  EXPECT_EQ(Fail("SignUp", signup)["__type"], "InvalidLambdaResponseException");
  EXPECT_FALSE(UserExists(t, "carol"));
  invoker_->functions["msg"] = [](Json) {
    return InvokeResult{InvokeResult::Status::kFunctionError, "down"};
  };
  EXPECT_EQ(Fail("SignUp", signup)["message"], "CustomMessage failed with error down.");
  invoker_->functions["msg"] = [](Json e) {
    e["response"]["emailMessage"] = "code {####} and again {####}";
    return actions::Answer(e);
  };
  Ok("SignUp", signup);
  EXPECT_EQ(invoker_->events.back()["triggerSource"], "CustomMessage_SignUp");
}

TEST_F(TriggersTest, ACustomEmailSenderGetsTheCodeInsteadOfCustomMessage) {
  const Target t = Setup({{"CustomMessage", kArn + "msg"},
                          {"CustomEmailSender", {{"LambdaVersion", "V1_0"}, {"LambdaArn", kArn + "sender"}}},
                          {"KMSKeyID", "arn:aws:kms:us-east-1:123456789012:key/example"}},
                         {{"AutoVerifiedAttributes", {"email"}}});
  invoker_->functions["sender"] = [](Json e) { return actions::Answer(e); };
  Ok("SignUp", {{"ClientId", t.client_id},
                {"Username", "carol"},
                {"Password", "Perm4nent!Pass"},
                {"UserAttributes", Json::array({{{"Name", "email"}, {"Value", "c@example.com"}}})},
                {"ClientMetadata", {{"app", "tests"}}}});
  ASSERT_EQ(invoker_->events.size(), 1u) << "CustomMessage is not asked";
  const Json& event = invoker_->events[0];
  EXPECT_EQ(event["triggerSource"], "CustomEmailSender_SignUp");
  EXPECT_EQ(event["request"]["type"], "customEmailSenderRequestV1");
  EXPECT_EQ(event["request"]["clientMetadata"], (Json{{"app", "tests"}}));
  EXPECT_EQ(event["request"]["userAttributes"]["email"], "c@example.com");
  ApiRequest outbox;
  outbox.method = "GET";
  outbox.target = "/_emulator/outbox?poolId=" + t.pool_id + "&username=carol";
  const Json messages = Json::parse(service_->Handle(outbox).body)["messages"];
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(event["request"]["code"], messages[0]["code"]);
}

}  // namespace
}  // namespace cognito::actions
