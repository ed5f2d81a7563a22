// AdminCreateUser's invitation: the temporary password in the outbox per DesiredDeliveryMediums,
// the pool's InviteMessageTemplate, MessageAction SUPPRESS and RESEND.
#include "tests/unit/actions/lifecycle_fixture.h"

namespace cognito::actions::testing {
namespace {

class InvitationTest : public LifecycleTest {
 protected:
  void SetUp() override { MakeLifecyclePool(Json::object()); }

  Json CreateInput(const std::string& username, const Json& extra = Json::object()) const {
    Json input = extra;
    input["UserPoolId"] = pool_;
    input["Username"] = username;
    input["UserAttributes"] = {{{"Name", "email"}, {"Value", kEmail}},
                               {{"Name", "phone_number"}, {"Value", kPhone}}};
    return input;
  }
};

TEST_F(InvitationTest, TheTemporaryPasswordGoesBySmsByDefaultAndSignsIn) {
  Ok("AdminCreateUser", CreateInput("ann"));
  const Json messages = Outbox("ann");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0]["purpose"], "invitation");
  EXPECT_EQ(messages[0]["deliveryMedium"], "SMS");
  EXPECT_EQ(messages[0]["destination"], kPhone);
  const std::string password = messages[0]["code"];
  EXPECT_EQ(messages[0]["message"],
            "Your username is ann and temporary password is " + password + ". ");
  EXPECT_EQ(Ok("InitiateAuth", PasswordSignIn("ann", password))["ChallengeName"],
            "NEW_PASSWORD_REQUIRED");
}

TEST_F(InvitationTest, DesiredDeliveryMediumsAndTheTemplateAreFollowed) {
  MakeLifecyclePool(
      {{"AdminCreateUserConfig",
        {{"InviteMessageTemplate",
          {{"EmailMessage", "Hi {username}, use {####}"}, {"EmailSubject", "Welcome"}}}}}});
  Ok("AdminCreateUser", CreateInput("bob", {{"DesiredDeliveryMediums", {"EMAIL", "SMS"}},
                                            {"TemporaryPassword", "Temp0rary!"}}));
  const Json messages = Outbox("bob");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1]["deliveryMedium"], "EMAIL");
  EXPECT_EQ(messages[1]["message"], "Hi bob, use Temp0rary!");
  EXPECT_EQ(messages[0]["deliveryMedium"], "SMS");
  EXPECT_EQ(messages[0]["code"], "Temp0rary!");
}

TEST_F(InvitationTest, AMediumWithoutItsAttributeIsSkipped) {
  Ok("AdminCreateUser", {{"UserPoolId", pool_}, {"Username", "cat"}});
  EXPECT_TRUE(Outbox("cat").empty());
  EXPECT_EQ(Status("cat"), "FORCE_CHANGE_PASSWORD");
}

TEST_F(InvitationTest, SuppressSendsNothingAndResendSendsANewPassword) {
  Ok("AdminCreateUser", CreateInput("dan", {{"MessageAction", "SUPPRESS"}}));
  EXPECT_TRUE(Outbox("dan").empty());
  Ok("AdminCreateUser", CreateInput("dan", {{"MessageAction", "RESEND"}}));
  const Json messages = Outbox("dan");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(Ok("InitiateAuth", PasswordSignIn("dan", messages[0]["code"]))["ChallengeName"],
            "NEW_PASSWORD_REQUIRED");
}

}  // namespace
}  // namespace cognito::actions::testing
