// The outbox endpoint over real HTTP: an SMS MFA sign-in whose code is read from
// GET /_emulator/outbox, CORS and content type on it, DELETE, and the messages surviving a
// restart on the same database file.
#include "tests/integration/api_fixture.h"

namespace cognito {
namespace {

class OutboxHttpTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    pool_ =
        Ok("CreateUserPool",
           {{"PoolName", "mfa"},
            {"MfaConfiguration", "ON"},
            {"SmsConfiguration", {{"SnsCallerArn", "arn:aws:iam::1:role/sms"}}}})["UserPool"]["Id"];
    client_id_ =
        Ok("CreateUserPoolClient",
           {{"UserPoolId", pool_},
            {"ClientName", "c"},
            {"ExplicitAuthFlows", {"ALLOW_USER_PASSWORD_AUTH"}}})["UserPoolClient"]["ClientId"];
    Ok("AdminCreateUser",
       {{"UserPoolId", pool_},
        {"Username", "ann"},
        {"MessageAction", "SUPPRESS"},
        {"UserAttributes", {{{"Name", "phone_number"}, {"Value", "+15557654321"}}}}});
    Ok("AdminSetUserPassword", {{"UserPoolId", pool_},
                                {"Username", "ann"},
                                {"Password", "Passw0rd!"},
                                {"Permanent", true}});
  }
  json StartSignIn() {
    auto r =
        client_->Call("InitiateAuth",
                      json{{"ClientId", client_id_},
                           {"AuthFlow", "USER_PASSWORD_AUTH"},
                           {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}}}
                          .dump(),
                      false);
    EXPECT_EQ(r.status, 200u) << r.body;
    return json::parse(r.body);
  }
  test::HttpResponse Outbox(const std::string& method, const std::string& query) {
    return client_->Request(method, "/_emulator/outbox" + query,
                            {{"Origin", "http://localhost:3000"}}, "");
  }

  std::string pool_;
  std::string client_id_;
};

TEST_F(OutboxHttpTest, SmsCodeFromTheOutboxCompletesTheSignIn) {
  const json challenge = StartSignIn();
  ASSERT_EQ(challenge["ChallengeName"], "SMS_MFA");
  EXPECT_EQ(challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"], "+*******4321");
  auto r = Outbox("GET", "?poolId=" + pool_ + "&username=ann");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/json");
  EXPECT_FALSE(r.headers["access-control-allow-origin"].empty()) << "browsers may read it";
  const json messages = json::parse(r.body)["messages"];
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0]["destination"], "+15557654321");
  r = client_->Call(
      "RespondToAuthChallenge",
      json{{"ClientId", client_id_},
           {"ChallengeName", "SMS_MFA"},
           {"Session", challenge["Session"]},
           {"ChallengeResponses", {{"USERNAME", "ann"}, {"SMS_MFA_CODE", messages[0]["code"]}}}}
          .dump(),
      false);
  EXPECT_EQ(r.status, 200u) << r.body;
  EXPECT_TRUE(json::parse(r.body).contains("AuthenticationResult"));
}

TEST_F(OutboxHttpTest, DeleteAndRestart) {
  StartSignIn();
  StartSignIn();
  EXPECT_EQ(json::parse(Outbox("GET", "").body)["messages"].size(), 2u);
  // The outbox is in the database: a restart on the same file keeps it.
  Stop();
  Start();
  EXPECT_EQ(json::parse(Outbox("GET", "?username=ann").body)["messages"].size(), 2u);
  auto r = Outbox("DELETE", "?poolId=" + pool_);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(json::parse(r.body), json({{"deleted", 2}}));
  EXPECT_EQ(json::parse(Outbox("GET", "").body), json({{"messages", json::array()}}));
  EXPECT_EQ(Outbox("PATCH", "").status, 405u);
}

}  // namespace
}  // namespace cognito
