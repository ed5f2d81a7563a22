// ForgotPassword, ConfirmForgotPassword and AdminResetUserPassword.
#include "tests/unit/actions/lifecycle_fixture.h"

namespace cognito::actions::testing {
namespace {

constexpr int64_t kHourMs = 3600LL * 1000;
constexpr const char* kNewPassword = "N3wPassw0rd!";

class ForgotPasswordTest : public LifecycleTest {
 protected:
  void SetUp() override { MakeLifecyclePool(Json::object()); }

  // A confirmed user whose email (and phone, when given) is verified.
  void MakeVerifiedUser(const std::string& username, bool phone = false) {
    Json attributes = {{{"Name", "email"}, {"Value", kEmail}},
                       {{"Name", "email_verified"}, {"Value", "true"}}};
    if (phone) {
      attributes.push_back({{"Name", "phone_number"}, {"Value", kPhone}});
      attributes.push_back({{"Name", "phone_number_verified"}, {"Value", "true"}});
    }
    CreateUser(pool_, username, kPassword, true, attributes);
  }
  static std::string Wrong(const std::string& code) {
    return code == "000000" ? "111111" : "000000";
  }
};

TEST_F(ForgotPasswordTest, ACodeToTheVerifiedEmailSetsANewPassword) {
  MakeVerifiedUser("ann");
  const Json out = Ok("ForgotPassword", Request("ann"));
  EXPECT_EQ(out["CodeDeliveryDetails"], Json({{"Destination", "a***@e***.com"},
                                              {"DeliveryMedium", "EMAIL"},
                                              {"AttributeName", "email"}}));
  const Json messages = Outbox("ann");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0]["purpose"], "password");
  EXPECT_EQ(Status("ann"), "CONFIRMED");
  EXPECT_EQ(Ok("ConfirmForgotPassword", NewPassword("ann", LastCode("ann"), kNewPassword)),
            Json::object());
  EXPECT_EQ(Fail("InitiateAuth", PasswordSignIn("ann", kPassword))["__type"],
            "NotAuthorizedException");
  EXPECT_TRUE(
      Ok("InitiateAuth", PasswordSignIn("ann", kNewPassword)).contains("AuthenticationResult"));
}

TEST_F(ForgotPasswordTest, ThePhoneComesFirstUnlessTheRecoverySettingSaysOtherwise) {
  MakeVerifiedUser("bob", true);
  EXPECT_EQ(Ok("ForgotPassword", Request("bob"))["CodeDeliveryDetails"]["DeliveryMedium"], "SMS");
  MakeLifecyclePool({{"AccountRecoverySetting",
                      {{"RecoveryMechanisms",
                        {{{"Name", "verified_phone_number"}, {"Priority", 2}},
                         {{"Name", "verified_email"}, {"Priority", 1}}}}}}});
  MakeVerifiedUser("bob", true);
  EXPECT_EQ(Ok("ForgotPassword", Request("bob"))["CodeDeliveryDetails"]["AttributeName"], "email");
}

TEST_F(ForgotPasswordTest, AUserWithoutAVerifiedDestinationCannotReset) {
  CreateUser(pool_, "cat", kPassword, true, {{{"Name", "email"}, {"Value", kEmail}}});
  const Json body = Fail("ForgotPassword", Request("cat"));
  EXPECT_EQ(body["__type"], "InvalidParameterException");
  EXPECT_EQ(body["message"],
            "Cannot reset password for the user as there is no registered/verified email or "
            "phone_number");
  EXPECT_EQ(Fail("AdminResetUserPassword", {{"UserPoolId", pool_}, {"Username", "cat"}})["message"],
            body["message"]);
}

TEST_F(ForgotPasswordTest, UnknownUsersFollowPreventUserExistenceErrors) {
  Json body = Fail("ForgotPassword", Request("nobody"));
  EXPECT_EQ(body["__type"], "UserNotFoundException");
  EXPECT_EQ(body["message"], "Username/client id combination not found.");
  body = Fail("ConfirmForgotPassword", NewPassword("nobody", "123456", kNewPassword));
  EXPECT_EQ(body["__type"], "UserNotFoundException");

  MakeLifecyclePool(Json::object(), true);
  EXPECT_EQ(Ok("ForgotPassword", Request("+15550001234"))["CodeDeliveryDetails"],
            Json({{"Destination", "+*******1234"},
                  {"DeliveryMedium", "SMS"},
                  {"AttributeName", "phone_number"}}));
  CreateUser(pool_, "dan", kPassword, true, {{{"Name", "email"}, {"Value", kEmail}}});
  EXPECT_TRUE(Ok("ForgotPassword", Request("dan")).contains("CodeDeliveryDetails"));
  EXPECT_TRUE(Outbox("dan").empty());
  body = Fail("ConfirmForgotPassword", NewPassword("nobody", "123456", kNewPassword));
  EXPECT_EQ(body["__type"], "CodeMismatchException");
  EXPECT_EQ(body["message"], "Invalid verification code provided, please try again.");
}

TEST_F(ForgotPasswordTest, WrongExpiredSupersededAndReusedCodes) {
  MakeVerifiedUser("eve");
  Json body = Fail("ConfirmForgotPassword", NewPassword("eve", "123456", kNewPassword));
  EXPECT_EQ(body["__type"], "ExpiredCodeException");
  EXPECT_EQ(body["message"], "Invalid code provided, please request a code again.");

  Ok("ForgotPassword", Request("eve"));
  const std::string first = LastCode("eve");
  body = Fail("ConfirmForgotPassword", NewPassword("eve", Wrong(first), kNewPassword));
  EXPECT_EQ(body["__type"], "CodeMismatchException");
  EXPECT_EQ(body["message"], "Invalid verification code provided, please try again.");

  Ok("ForgotPassword", Request("eve"));
  const std::string second = LastCode("eve");
  ASSERT_NE(first, second);
  EXPECT_EQ(Fail("ConfirmForgotPassword", NewPassword("eve", first, kNewPassword))["__type"],
            "ExpiredCodeException");
  clock().Advance(kHourMs + 1000);
  EXPECT_EQ(Fail("ConfirmForgotPassword", NewPassword("eve", second, kNewPassword))["__type"],
            "ExpiredCodeException");

  Ok("ForgotPassword", Request("eve"));
  const std::string third = LastCode("eve");
  Ok("ConfirmForgotPassword", NewPassword("eve", third, kNewPassword));
  EXPECT_EQ(Fail("ConfirmForgotPassword", NewPassword("eve", third, kPassword))["__type"],
            "ExpiredCodeException");
}

TEST_F(ForgotPasswordTest, APolicyViolationKeepsTheCodeUsable) {
  MakeVerifiedUser("fay");
  Ok("ForgotPassword", Request("fay"));
  const std::string code = LastCode("fay");
  const Json body = Fail("ConfirmForgotPassword", NewPassword("fay", code, "short"));
  EXPECT_EQ(body["__type"], "InvalidPasswordException");
  EXPECT_EQ(body["message"], "Password does not conform to policy: Password not long enough");
  Ok("ConfirmForgotPassword", NewPassword("fay", code, kNewPassword));
}

TEST_F(ForgotPasswordTest, TooManyWrongCodesLockTheCode) {
  MakeVerifiedUser("gus");
  Ok("ForgotPassword", Request("gus"));
  const std::string code = LastCode("gus");
  for (int i = 0; i < kMaxCodeAttempts; ++i) {
    Fail("ConfirmForgotPassword", NewPassword("gus", Wrong(code), kNewPassword));
  }
  EXPECT_EQ(Fail("ConfirmForgotPassword", NewPassword("gus", code, kNewPassword))["__type"],
            "LimitExceededException");
}

TEST_F(ForgotPasswordTest, DisabledAndTemporaryPasswordUsers) {
  MakeVerifiedUser("hal");
  Ok("AdminDisableUser", {{"UserPoolId", pool_}, {"Username", "hal"}});
  Json body = Fail("ForgotPassword", Request("hal"));
  EXPECT_EQ(body["__type"], "NotAuthorizedException");
  EXPECT_EQ(body["message"], "User is disabled.");
  CreateUser(
      pool_, "ivy", kPassword, false,
      {{{"Name", "email"}, {"Value", kEmail}}, {{"Name", "email_verified"}, {"Value", "true"}}});
  body = Fail("ForgotPassword", Request("ivy"));
  EXPECT_EQ(body["__type"], "NotAuthorizedException");
  EXPECT_EQ(body["message"], "User password cannot be reset in the current state.");
}

TEST_F(ForgotPasswordTest, ClientsWithASecretNeedTheSecretHash) {
  MakeLifecyclePool(Json::object(), false, true);
  MakeVerifiedUser("jon");
  Json input = Request("jon");
  input.erase("SecretHash");
  EXPECT_EQ(Fail("ForgotPassword", input)["__type"], "NotAuthorizedException");
  Ok("ForgotPassword", Request("jon"));
  input = NewPassword("jon", LastCode("jon"), kNewPassword);
  input["SecretHash"] = auth::SecretHash("other", client_, secret_);
  EXPECT_EQ(Fail("ConfirmForgotPassword", input)["message"],
            "Unable to verify secret hash for client " + client_);
}

TEST_F(ForgotPasswordTest, AdminResetRequiresANewPasswordThroughTheCode) {
  MakeVerifiedUser("kim");
  EXPECT_EQ(Ok("AdminResetUserPassword", {{"UserPoolId", pool_}, {"Username", "kim"}}),
            Json::object());
  EXPECT_EQ(Status("kim"), "RESET_REQUIRED");
  const Json body = Fail("InitiateAuth", PasswordSignIn("kim", kPassword));
  EXPECT_EQ(body["__type"], "PasswordResetRequiredException");
  EXPECT_EQ(body["message"], "Password reset required for the user");
  Ok("ConfirmForgotPassword", NewPassword("kim", LastCode("kim"), kNewPassword));
  EXPECT_EQ(Status("kim"), "CONFIRMED");
  EXPECT_TRUE(
      Ok("InitiateAuth", PasswordSignIn("kim", kNewPassword)).contains("AuthenticationResult"));
  EXPECT_EQ(
      Fail("AdminResetUserPassword", {{"UserPoolId", pool_}, {"Username", "nobody"}})["__type"],
      "UserNotFoundException");
}

TEST_F(ForgotPasswordTest, ResetRequiredIsHiddenFromClientsThatHideUsers) {
  MakeLifecyclePool(Json::object(), true);
  MakeVerifiedUser("kim");
  Ok("AdminResetUserPassword", {{"UserPoolId", pool_}, {"Username", "kim"}});
  const Json body = Fail("InitiateAuth", PasswordSignIn("kim", kPassword));
  EXPECT_EQ(body["__type"], "NotAuthorizedException");
  EXPECT_EQ(body["message"], "Incorrect username or password.");
}

}  // namespace
}  // namespace cognito::actions::testing
