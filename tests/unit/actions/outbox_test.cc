// The outbox: GET / DELETE /_emulator/outbox through Service::Handle, query decoding, the log
// lines (never the code above debug level) and the fixed-code option.
#include "server/actions/outbox.h"

#include <gtest/gtest.h>

#include "server/actions/log.h"
#include "tests/unit/actions/mfa_fixture.h"

namespace cognito::actions {
namespace {

using testing::MfaTest;

ApiResponse Request(Service& service, const std::string& method, const std::string& target) {
  ApiRequest request;
  request.method = method;
  request.target = target;
  return service.Handle(request);
}

class OutboxTest : public MfaTest {
 protected:
  void SetUp() override {
    MakePool("OPTIONAL", true, false, true);
    for (const char* name : {"ann", "bo+b"}) {
      MakeUser(name);
      Prefer(name, {{"SMSMfaSettings", {{"Enabled", true}}}});
    }
  }
  // Clears what earlier tests of the suite left (the Service is shared).
  static void ClearAll() { Request(service(), "DELETE", kOutboxPath); }
};

TEST_F(OutboxTest, ListsNewestFirstWithDecodedFilters) {
  ClearAll();
  SignIn("ann");
  SignIn("bo+b");
  SignIn("ann");
  ApiResponse r = Request(service(), "GET", std::string(kOutboxPath) + "?poolId=" + pool_);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.content_type, "application/json");
  const Json all = Json::parse(r.body)["messages"];
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]["username"], "ann");
  EXPECT_EQ(all[1]["username"], "bo+b");
  EXPECT_GT(all[0]["id"].get<int64_t>(), all[1]["id"].get<int64_t>());
  for (const char* key : {"id", "poolId", "username", "purpose", "deliveryMedium", "destination",
                          "code", "message", "createdAt", "expiresAt"}) {
    EXPECT_TRUE(all[0].contains(key)) << key;
  }
  // %2B is '+', a bare '+' is a space (form encoding).
  r = Request(service(), "GET", std::string(kOutboxPath) + "?poolId=" + pool_ + "&username=bo%2Bb");
  EXPECT_EQ(Json::parse(r.body)["messages"].size(), 1u);
  r = Request(service(), "GET", std::string(kOutboxPath) + "?username=bo+b");
  EXPECT_EQ(Json::parse(r.body)["messages"].size(), 0u);
  r = Request(service(), "GET", std::string(kOutboxPath) + "?poolId=us-east-1_none");
  EXPECT_EQ(Json::parse(r.body), Json({{"messages", Json::array()}}));
}

TEST_F(OutboxTest, DeleteClearsWhatMatches) {
  ClearAll();
  SignIn("ann");
  SignIn("bo+b");
  ApiResponse r =
      Request(service(), "DELETE", std::string(kOutboxPath) + "?poolId=" + pool_ + "&username=ann");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(Json::parse(r.body), Json({{"deleted", 1}}));
  EXPECT_TRUE(Outbox("ann").empty());
  EXPECT_EQ(Outbox("bo+b").size(), 1u);
  r = Request(service(), "DELETE", kOutboxPath);
  EXPECT_EQ(Json::parse(r.body), Json({{"deleted", 1}}));
}

TEST_F(OutboxTest, OtherMethodsAndPaths) {
  EXPECT_EQ(Request(service(), "PUT", kOutboxPath).status, 405u);
  const ApiResponse odd = Request(service(), std::string("P\xadT", 3), kOutboxPath);
  EXPECT_EQ(odd.status, 405u) << "a method that is not UTF-8 is still a 405";
  EXPECT_TRUE(Json::accept(odd.body));
  EXPECT_EQ(Request(service(), "GET", "/_emulator/outboxes").status, 404u);
  // POST keeps going to the AWS dispatcher, whatever the path.
  const ApiResponse r = Request(service(), "POST", kOutboxPath);
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_type, "UnknownOperationException");
}

TEST_F(OutboxTest, LogLinesNeverShowTheCodeAtInfo) {
  ClearAll();
  SetLogLevel(LogLevel::kInfo);
  ::testing::internal::CaptureStderr();
  SignIn("ann");
  std::string log = ::testing::internal::GetCapturedStderr();
  const std::string code = LastCode("ann");
  EXPECT_NE(log.find("[cognito-emulator] info code mfa " + pool_ + "/ann SMS:" + kPhone),
            std::string::npos)
      << log;
  EXPECT_EQ(log.find(code), std::string::npos) << log;

  SetLogLevel(LogLevel::kDebug);
  ::testing::internal::CaptureStderr();
  SignIn("ann");
  log = ::testing::internal::GetCapturedStderr();
  SetLogLevel(LogLevel::kInfo);
  EXPECT_NE(log.find("[cognito-emulator] debug code mfa " + pool_ + "/ann is " + LastCode("ann")),
            std::string::npos)
      << log;
}

TEST_F(OutboxTest, FailedSignInsRecordNothing) {
  ClearAll();
  Fail("InitiateAuth", {{"ClientId", client_},
                        {"AuthFlow", "USER_PASSWORD_AUTH"},
                        {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", "Wrong-pass1"}}}});
  EXPECT_TRUE(Outbox("ann").empty());
}

TEST(OutboxFixedCodeTest, EveryCodeIsTheFixedOne) {
  auth::FakeClock clock(1'767'225'600'000);
  auth::SeededRandom random(3);
  ServiceOptions options;
  options.settings.fixed_code = "424242";
  Service service(options, clock, random);
  auto ok = [&](const std::string& action, const Json& input) {
    const ApiResponse r = service.Call(action, input);
    EXPECT_EQ(r.status, 200u) << action << ": " << r.body;
    return Json::parse(r.body);
  };
  const std::string pool =
      ok("CreateUserPool",
         {{"PoolName", "p"},
          {"MfaConfiguration", "ON"},
          {"SmsConfiguration", {{"SnsCallerArn", "arn:aws:iam::1:role/r"}}}})["UserPool"]["Id"];
  const std::string client =
      ok("CreateUserPoolClient",
         {{"UserPoolId", pool},
          {"ClientName", "c"},
          {"ExplicitAuthFlows", {"ALLOW_USER_PASSWORD_AUTH"}}})["UserPoolClient"]["ClientId"];
  ok("AdminCreateUser",
     {{"UserPoolId", pool},
      {"Username", "ann"},
      {"MessageAction", "SUPPRESS"},
      {"UserAttributes", {{{"Name", "phone_number"}, {"Value", "+15550000000"}}}}});
  ok("AdminSetUserPassword",
     {{"UserPoolId", pool}, {"Username", "ann"}, {"Password", "Passw0rd!"}, {"Permanent", true}});
  const Json challenge =
      ok("InitiateAuth", {{"ClientId", client},
                          {"AuthFlow", "USER_PASSWORD_AUTH"},
                          {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}}});
  ASSERT_EQ(challenge["ChallengeName"], "SMS_MFA");
  const Json out = ok("RespondToAuthChallenge",
                      {{"ClientId", client},
                       {"ChallengeName", "SMS_MFA"},
                       {"Session", challenge["Session"]},
                       {"ChallengeResponses", {{"USERNAME", "ann"}, {"SMS_MFA_CODE", "424242"}}}});
  EXPECT_TRUE(out.contains("AuthenticationResult"));
  const Json messages = Json::parse(Request(service, "GET", kOutboxPath).body)["messages"];
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0]["code"], "424242");
  EXPECT_EQ(messages[0]["message"], "Your authentication code is 424242. ");
}

}  // namespace
}  // namespace cognito::actions
