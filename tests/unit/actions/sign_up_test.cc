// SignUp, ConfirmSignUp, ResendConfirmationCode and AdminConfirmSignUp.
#include "tests/unit/actions/lifecycle_fixture.h"

namespace cognito::actions::testing {
namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

class SignUpTest : public LifecycleTest {
 protected:
  void SetUp() override { MakeLifecyclePool({{"AutoVerifiedAttributes", {"email"}}}); }
};

TEST_F(SignUpTest, AnswersTheSubAndTheMaskedDestinationAndSendsACode) {
  const Json out = Ok("SignUp", SignUpInput("ann"));
  EXPECT_EQ(out["UserConfirmed"], false);
  EXPECT_EQ(out["UserSub"].get<std::string>().size(), 36u);
  EXPECT_EQ(out["CodeDeliveryDetails"], Json({{"Destination", "a***@e***.com"},
                                              {"DeliveryMedium", "EMAIL"},
                                              {"AttributeName", "email"}}));
  EXPECT_EQ(Status("ann"), "UNCONFIRMED");
  const Json messages = Outbox("ann");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0]["purpose"], "signup");
  EXPECT_EQ(messages[0]["destination"], kEmail);
  EXPECT_EQ(messages[0]["code"].get<std::string>().size(), 6u);
}

TEST_F(SignUpTest, WithoutAutoVerifiedAttributesNoCodeIsSent) {
  MakeLifecyclePool(Json::object());
  const Json out = Ok("SignUp", SignUpInput("bob"));
  EXPECT_FALSE(out.contains("CodeDeliveryDetails"));
  EXPECT_TRUE(Outbox("bob").empty());
  EXPECT_EQ(Status("bob"), "UNCONFIRMED");
  EXPECT_EQ(Fail("ResendConfirmationCode", Request("bob"))["message"],
            "Cannot resend codes. Auto verification not turned on.");
}

TEST_F(SignUpTest, ThePhoneGetsTheCodeWhenBothAreAutoVerified) {
  MakeLifecyclePool({{"AutoVerifiedAttributes", {"email", "phone_number"}}});
  Json input = SignUpInput("cat");
  input["UserAttributes"].push_back({{"Name", "phone_number"}, {"Value", kPhone}});
  const Json out = Ok("SignUp", input);
  EXPECT_EQ(out["CodeDeliveryDetails"]["Destination"], "+*******4567");
  EXPECT_EQ(out["CodeDeliveryDetails"]["DeliveryMedium"], "SMS");
  EXPECT_EQ(out["CodeDeliveryDetails"]["AttributeName"], "phone_number");
}

TEST_F(SignUpTest, RefusesATakenUsernameAWeakPasswordAndBadAttributes) {
  Ok("SignUp", SignUpInput("dan"));
  Json body = Fail("SignUp", SignUpInput("dan"));
  EXPECT_EQ(body["__type"], "UsernameExistsException");
  EXPECT_EQ(body["message"], "User already exists");
  body = Fail("SignUp", SignUpInput("eve", kEmail, "short"));
  EXPECT_EQ(body["__type"], "InvalidPasswordException");
  EXPECT_EQ(body["message"], "Password did not conform with policy: Password not long enough");
  Json input = SignUpInput("fay");
  input["UserAttributes"].push_back({{"Name", "custom:nope"}, {"Value", "x"}});
  body = Fail("SignUp", input);
  EXPECT_EQ(body["__type"], "InvalidParameterException");
  EXPECT_EQ(body["message"],
            "Attributes did not conform to the schema: custom:nope: Attribute does not exist in "
            "the schema.\n");
  input = SignUpInput("fay");
  input.erase("Password");
  EXPECT_EQ(Fail("SignUp", input)["message"], "Missing required parameter Password");
}

TEST_F(SignUpTest, RequiredAttributesMustBeGiven) {
  MakeLifecyclePool(
      {{"Schema", {{{"Name", "name"}, {"AttributeDataType", "String"}, {"Required", true}}}}});
  const Json body = Fail("SignUp", SignUpInput("gus"));
  EXPECT_EQ(body["__type"], "InvalidParameterException");
  EXPECT_EQ(body["message"],
            "Attributes did not conform to the schema: name: The attribute is required\n");
  Json input = SignUpInput("gus");
  input["UserAttributes"].push_back({{"Name", "name"}, {"Value", "Gus"}});
  Ok("SignUp", input);
}

TEST_F(SignUpTest, EmailUsernamePoolsKeyTheUserBySubAndRefuseATakenEmail) {
  MakeLifecyclePool({{"UsernameAttributes", {"email"}}, {"AutoVerifiedAttributes", {"email"}}});
  const Json out = Ok("SignUp", Request("hal@example.com", {{"Password", kPassword}}));
  EXPECT_EQ(Status("hal@example.com"), "UNCONFIRMED");
  EXPECT_EQ(
      Ok("AdminGetUser", {{"UserPoolId", pool_}, {"Username", "hal@example.com"}})["Username"],
      out["UserSub"]);
  const Json body = Fail("SignUp", Request("hal@example.com", {{"Password", kPassword}}));
  EXPECT_EQ(body["__type"], "UsernameExistsException");
  EXPECT_EQ(body["message"], "An account with the given email already exists.");
}

TEST_F(SignUpTest, AdminOnlyPoolsRefuseSignUp) {
  MakeLifecyclePool({{"AdminCreateUserConfig", {{"AllowAdminCreateUserOnly", true}}}});
  const Json body = Fail("SignUp", SignUpInput("ivy"));
  EXPECT_EQ(body["__type"], "NotAuthorizedException");
  EXPECT_EQ(body["message"], "SignUp is not permitted for this user pool");
}

TEST_F(SignUpTest, ClientsWithASecretNeedTheSecretHash) {
  MakeLifecyclePool({{"AutoVerifiedAttributes", {"email"}}}, false, true);
  Json input = SignUpInput("jon");
  input.erase("SecretHash");
  Json body = Fail("SignUp", input);
  EXPECT_EQ(body["__type"], "NotAuthorizedException");
  EXPECT_EQ(body["message"],
            "Client " + client_ + " is configured for secret but secret was not received");
  input["SecretHash"] = auth::SecretHash("other", client_, secret_);
  EXPECT_EQ(Fail("SignUp", input)["message"], "Unable to verify secret hash for client " + client_);
  Ok("SignUp", SignUpInput("jon"));
  Json confirm = Confirm("jon", LastCode("jon"));
  confirm.erase("SecretHash");
  EXPECT_EQ(Fail("ConfirmSignUp", confirm)["__type"], "NotAuthorizedException");
  Ok("ConfirmSignUp", Confirm("jon", LastCode("jon")));
}

TEST_F(SignUpTest, ConfirmingVerifiesTheEmailAndAllowsSignIn) {
  Ok("SignUp", SignUpInput("kim"));
  Json body = Fail("InitiateAuth", PasswordSignIn("kim", kPassword));
  EXPECT_EQ(body["__type"], "UserNotConfirmedException");
  EXPECT_EQ(body["message"], "User is not confirmed.");
  Ok("ConfirmSignUp", Confirm("kim", LastCode("kim")));
  EXPECT_EQ(Status("kim"), "CONFIRMED");
  EXPECT_EQ(Attribute("kim", "email_verified"), "true");
  EXPECT_TRUE(
      Ok("InitiateAuth", PasswordSignIn("kim", kPassword)).contains("AuthenticationResult"));
  body = Fail("ConfirmSignUp", Confirm("kim", LastCode("kim")));
  EXPECT_EQ(body["__type"], "NotAuthorizedException");
  EXPECT_EQ(body["message"], "User cannot be confirmed. Current status is CONFIRMED");
}

TEST_F(SignUpTest, AWrongCodeIsAMismatchAndTheRightOneStillWorks) {
  Ok("SignUp", SignUpInput("lea"));
  const std::string code = LastCode("lea");
  const Json body = Fail("ConfirmSignUp", Confirm("lea", code == "000000" ? "111111" : "000000"));
  EXPECT_EQ(body["__type"], "CodeMismatchException");
  EXPECT_EQ(body["message"], "Invalid verification code provided, please try again.");
  Ok("ConfirmSignUp", Confirm("lea", code));
}

TEST_F(SignUpTest, CodesExpireAfterADay) {
  Ok("SignUp", SignUpInput("max"));
  const std::string code = LastCode("max");
  clock().Advance(kDayMs + 1000);
  const Json body = Fail("ConfirmSignUp", Confirm("max", code));
  EXPECT_EQ(body["__type"], "ExpiredCodeException");
  EXPECT_EQ(body["message"], "Invalid code provided, please request a code again.");
}

TEST_F(SignUpTest, AResentCodeSupersedesTheOldOne) {
  Ok("SignUp", SignUpInput("ned"));
  const std::string old_code = LastCode("ned");
  const Json out = Ok("ResendConfirmationCode", Request("ned"));
  EXPECT_EQ(out["CodeDeliveryDetails"]["Destination"], "a***@e***.com");
  const std::string new_code = LastCode("ned");
  ASSERT_NE(old_code, new_code);
  EXPECT_EQ(Fail("ConfirmSignUp", Confirm("ned", old_code))["__type"], "ExpiredCodeException");
  Ok("ConfirmSignUp", Confirm("ned", new_code));
  const Json body = Fail("ResendConfirmationCode", Request("ned"));
  EXPECT_EQ(body["__type"], "InvalidParameterException");
  EXPECT_EQ(body["message"], "User is already confirmed.");
}

TEST_F(SignUpTest, TooManyWrongCodesLockTheCodeUntilANewOneIsSent) {
  Ok("SignUp", SignUpInput("oda"));
  const std::string code = LastCode("oda");
  const std::string wrong = code == "000000" ? "111111" : "000000";
  for (int i = 0; i < kMaxCodeAttempts; ++i) {
    EXPECT_EQ(Fail("ConfirmSignUp", Confirm("oda", wrong))["__type"], "CodeMismatchException");
  }
  const Json body = Fail("ConfirmSignUp", Confirm("oda", code));
  EXPECT_EQ(body["__type"], "LimitExceededException");
  EXPECT_EQ(body["message"], "Attempt limit exceeded, please try after some time.");
  Ok("ResendConfirmationCode", Request("oda"));
  Ok("ConfirmSignUp", Confirm("oda", LastCode("oda")));
}

TEST_F(SignUpTest, UnknownUsersFollowPreventUserExistenceErrors) {
  Json body = Fail("ConfirmSignUp", Confirm("nobody", "123456"));
  EXPECT_EQ(body["__type"], "UserNotFoundException");
  EXPECT_EQ(body["message"], "Username/client id combination not found.");
  body = Fail("ResendConfirmationCode", Request("nobody"));
  EXPECT_EQ(body["__type"], "UserNotFoundException");
  EXPECT_EQ(body["message"], "Username/client id combination not found.");

  MakeLifecyclePool({{"AutoVerifiedAttributes", {"email"}}}, true);
  body = Fail("ConfirmSignUp", Confirm("nobody", "123456"));
  EXPECT_EQ(body["__type"], "CodeMismatchException");
  EXPECT_EQ(Ok("ResendConfirmationCode", Request("nobody@example.org"))["CodeDeliveryDetails"],
            Json({{"Destination", "n***@e***.org"},
                  {"DeliveryMedium", "EMAIL"},
                  {"AttributeName", "email"}}));
  EXPECT_TRUE(Ok("ResendConfirmationCode", Request("nobody")).contains("CodeDeliveryDetails"));
}

TEST_F(SignUpTest, AdminConfirmSignUpConfirmsWithoutVerifying) {
  Ok("SignUp", SignUpInput("pam"));
  const std::string code = LastCode("pam");
  Ok("AdminConfirmSignUp", {{"UserPoolId", pool_}, {"Username", "pam"}});
  EXPECT_EQ(Status("pam"), "CONFIRMED");
  EXPECT_EQ(Attribute("pam", "email_verified"), "");
  Json body = Fail("AdminConfirmSignUp", {{"UserPoolId", pool_}, {"Username", "pam"}});
  EXPECT_EQ(body["__type"], "NotAuthorizedException");
  EXPECT_EQ(body["message"], "User cannot be confirmed. Current status is CONFIRMED");
  body = Fail("AdminConfirmSignUp", {{"UserPoolId", pool_}, {"Username", "nobody"}});
  EXPECT_EQ(body["__type"], "UserNotFoundException");
  EXPECT_EQ(body["message"], "User does not exist.");
  EXPECT_EQ(Fail("ConfirmSignUp", Confirm("pam", code))["__type"], "NotAuthorizedException");
}

}  // namespace
}  // namespace cognito::actions::testing
