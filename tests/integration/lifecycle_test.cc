// Sign-up and password recovery over real HTTP, unsigned as the SDKs send them: SignUp, the code
// read from GET /_emulator/outbox, ConfirmSignUp, sign-in; ForgotPassword, ConfirmForgotPassword
// and sign-in with the new password; a wrong code's error headers.
#include "tests/integration/api_fixture.h"

namespace cognito {
namespace {

class LifecycleHttpTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    pool_ = Ok("CreateUserPool",
               {{"PoolName", "p"}, {"AutoVerifiedAttributes", {"email"}}})["UserPool"]["Id"];
    client_id_ =
        Ok("CreateUserPoolClient",
           {{"UserPoolId", pool_},
            {"ClientName", "c"},
            {"ExplicitAuthFlows", {"ALLOW_USER_PASSWORD_AUTH"}}})["UserPoolClient"]["ClientId"];
  }
  test::HttpResponse Unsigned(const std::string& action, const json& input) {
    return client_->Call(action, input.dump(), false);
  }
  std::string LastCode() {
    auto r = client_->Request("GET", "/_emulator/outbox?poolId=" + pool_ + "&username=ann", {}, "");
    EXPECT_EQ(r.status, 200u) << r.body;
    const json messages = json::parse(r.body)["messages"];
    return messages.empty() ? "" : messages[0]["code"].get<std::string>();
  }
  unsigned SignIn(const std::string& password) {
    return Unsigned("InitiateAuth",
                    {{"ClientId", client_id_},
                     {"AuthFlow", "USER_PASSWORD_AUTH"},
                     {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", password}}}})
        .status;
  }

  std::string pool_;
  std::string client_id_;
};

TEST_F(LifecycleHttpTest, SignUpConfirmAndRecoverThePassword) {
  auto r =
      Unsigned("SignUp", {{"ClientId", client_id_},
                          {"Username", "ann"},
                          {"Password", "Passw0rd!"},
                          {"UserAttributes", {{{"Name", "email"}, {"Value", "ann@example.com"}}}}});
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(json::parse(r.body)["CodeDeliveryDetails"]["Destination"], "a***@e***.com");
  EXPECT_EQ(SignIn("Passw0rd!"), 400u);

  r = Unsigned("ConfirmSignUp",
               {{"ClientId", client_id_}, {"Username", "ann"}, {"ConfirmationCode", "12345"}});
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.headers["x-amzn-errortype"], "CodeMismatchException:");
  EXPECT_EQ(r.headers["x-amzn-errormessage"],
            "Invalid verification code provided, please try again.");
  r = Unsigned("ConfirmSignUp",
               {{"ClientId", client_id_}, {"Username", "ann"}, {"ConfirmationCode", LastCode()}});
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.body, "{}");
  EXPECT_EQ(SignIn("Passw0rd!"), 200u);

  r = Unsigned("ForgotPassword", {{"ClientId", client_id_}, {"Username", "ann"}});
  ASSERT_EQ(r.status, 200u) << r.body;
  r = Unsigned("ConfirmForgotPassword", {{"ClientId", client_id_},
                                         {"Username", "ann"},
                                         {"ConfirmationCode", LastCode()},
                                         {"Password", "N3wPassw0rd!"}});
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(SignIn("Passw0rd!"), 400u);
  EXPECT_EQ(SignIn("N3wPassw0rd!"), 200u);
}

}  // namespace
}  // namespace cognito
