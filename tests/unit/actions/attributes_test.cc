// UpdateUserAttributes, AdminUpdateUserAttributes, DeleteUserAttributes,
// AdminDeleteUserAttributes, GetUserAttributeVerificationCode and VerifyUserAttribute.
#include "tests/unit/actions/lifecycle_fixture.h"

namespace cognito::actions::testing {
namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;
constexpr const char* kNewEmail = "bea@example.org";

class AttributesTest : public LifecycleTest {
 protected:
  void SetUp() override { MakeAttributesPool(Json::object()); }

  void MakeAttributesPool(const Json& extra) {
    Json pool = {{"AutoVerifiedAttributes", {"email"}},
                 {"Schema",
                  {{{"Name", "nickname"}, {"AttributeDataType", "String"}, {"Mutable", false}},
                   {{"Name", "team"}, {"AttributeDataType", "String"}}}}};
    pool.update(extra);
    MakeLifecyclePool(pool);
  }
  // A confirmed user with a verified email; returns an access token.
  std::string MakeVerifiedUser(const std::string& username,
                               const std::string& email = kEmail) {
    CreateUser(pool_, username, kPassword, true,
               {{{"Name", "email"}, {"Value", email}},
                {{"Name", "email_verified"}, {"Value", "true"}}});
    return AccessToken(username);
  }
  // `{Attr(...)}` with one element is that object itself: wrap it.
  static Json List(const Json& attributes) {
    return attributes.is_object() ? Json::array({attributes}) : attributes;
  }
  Json Update(const std::string& token, const Json& attributes) {
    return {{"AccessToken", token}, {"UserAttributes", List(attributes)}};
  }
  Json AdminUpdate(const std::string& username, const Json& attributes) {
    return {{"UserPoolId", pool_}, {"Username", username}, {"UserAttributes", List(attributes)}};
  }
  static Json Attr(const std::string& name, const std::string& value) {
    return {{"Name", name}, {"Value", value}};
  }
  Json Verify(const std::string& token, const std::string& code,
              const std::string& name = "email") {
    return {{"AccessToken", token}, {"AttributeName", name}, {"Code", code}};
  }
  static std::string Wrong(const std::string& code) {
    return code == "000000" ? "111111" : "000000";
  }
};

TEST_F(AttributesTest, ANewEmailIsUnverifiedUntilItsCodeIsGiven) {
  const std::string token = MakeVerifiedUser("ann");
  const Json out = Ok("UpdateUserAttributes", Update(token, {Attr("email", kNewEmail)}));
  EXPECT_EQ(out, Json({{"CodeDeliveryDetailsList",
                        {{{"Destination", "b***@e***.org"},
                          {"DeliveryMedium", "EMAIL"},
                          {"AttributeName", "email"}}}}}));
  EXPECT_EQ(Attribute("ann", "email"), kNewEmail);
  EXPECT_EQ(Attribute("ann", "email_verified"), "false");
  const Json messages = Outbox("ann");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0]["destination"], kNewEmail);
  const std::string code = LastCode("ann");
  EXPECT_EQ(Fail("VerifyUserAttribute", Verify(token, Wrong(code))),
            Json({{"__type", "CodeMismatchException"},
                  {"message", "Invalid verification code provided, please try again."}}));
  EXPECT_EQ(Ok("VerifyUserAttribute", Verify(token, code)), Json::object());
  EXPECT_EQ(Attribute("ann", "email_verified"), "true");
  // Used once.
  EXPECT_EQ(Fail("VerifyUserAttribute", Verify(token, code))["__type"], "ExpiredCodeException");
}

TEST_F(AttributesTest, OtherAttributesChangeWithoutCodes) {
  const std::string token = MakeVerifiedUser("ann");
  EXPECT_EQ(Ok("UpdateUserAttributes",
               Update(token, {Attr("given_name", "Ann"), Attr("custom:team", "blue")})),
            Json::object());
  EXPECT_EQ(Attribute("ann", "given_name"), "Ann");
  EXPECT_EQ(Attribute("ann", "custom:team"), "blue");
  EXPECT_TRUE(Outbox("ann").empty());
  // The same email again changes nothing.
  EXPECT_EQ(Ok("UpdateUserAttributes", Update(token, {Attr("email", kEmail)})), Json::object());
  EXPECT_EQ(Attribute("ann", "email_verified"), "true");
}

TEST_F(AttributesTest, EditingAUserKeepsItsPassword) {
  // User reads leave the password out (it has a table of its own); writing such a user back
  // must keep it.
  const std::string token = MakeVerifiedUser("ann");
  Ok("UpdateUserAttributes", Update(token, {Attr("given_name", "Ann")}));
  Ok("AdminUpdateUserAttributes", AdminUpdate("ann", {Attr("custom:team", "red")}));
  Ok("AdminDeleteUserAttributes",
     {{"UserPoolId", pool_}, {"Username", "ann"}, {"UserAttributeNames", {"given_name"}}});
  Ok("AdminDisableUser", {{"UserPoolId", pool_}, {"Username", "ann"}});
  Ok("AdminEnableUser", {{"UserPoolId", pool_}, {"Username", "ann"}});
  EXPECT_FALSE(AccessToken("ann").empty());
  Json wrong = InitiateInput("ann");
  wrong["AuthParameters"]["PASSWORD"] = "Not-the-password-1";
  EXPECT_EQ(Fail("InitiateAuth", wrong)["__type"], "NotAuthorizedException");
}

TEST_F(AttributesTest, TheSchemaIsEnforced) {
  const std::string token = MakeVerifiedUser("ann");
  const auto message = [&](const Json& attributes) {
    const Json body = Fail("UpdateUserAttributes", Update(token, attributes));
    EXPECT_EQ(body["__type"], "InvalidParameterException") << body.dump();
    return body.value("message", "");
  };
  EXPECT_EQ(message({Attr("team", "x")}),
            "Attributes did not conform to the schema: team: Attribute does not exist in the "
            "schema.\n");
  EXPECT_EQ(message({Attr("sub", "x")}),
            "Attributes did not conform to the schema: sub: Attribute cannot be updated.\n");
  EXPECT_EQ(message({Attr("nickname", "x")}),
            "Attributes did not conform to the schema: nickname: Attribute cannot be updated.\n");
  const Json body = Fail("UpdateUserAttributes", Update(token, {Attr("email_verified", "true")}));
  EXPECT_EQ(body["__type"], "NotAuthorizedException");
  EXPECT_EQ(Attribute("ann", "email"), kEmail);
}

TEST_F(AttributesTest, AnInvalidTokenIsRefused) {
  EXPECT_EQ(Fail("UpdateUserAttributes", Update("nope", {Attr("given_name", "A")})),
            Json({{"__type", "NotAuthorizedException"}, {"message", "Invalid Access Token"}}));
  EXPECT_EQ(Fail("VerifyUserAttribute", Verify("nope", "123456"))["__type"],
            "NotAuthorizedException");
}

TEST_F(AttributesTest, RequireVerificationBeforeUpdateKeepsTheOldEmail) {
  MakeAttributesPool(
      {{"UserAttributeUpdateSettings", {{"AttributesRequireVerificationBeforeUpdate", {"email"}}}}});
  const std::string token = MakeVerifiedUser("ann");
  const Json out = Ok("UpdateUserAttributes", Update(token, {Attr("email", kNewEmail)}));
  EXPECT_EQ(out["CodeDeliveryDetailsList"][0]["Destination"], "b***@e***.org");
  EXPECT_EQ(Attribute("ann", "email"), kEmail);
  EXPECT_EQ(Attribute("ann", "email_verified"), "true");
  // A new code goes to the pending value too.
  const Json again = Ok("GetUserAttributeVerificationCode",
                        {{"AccessToken", token}, {"AttributeName", "email"}});
  EXPECT_EQ(again["CodeDeliveryDetails"]["Destination"], "b***@e***.org");
  EXPECT_EQ(Outbox("ann")[0]["destination"], kNewEmail);
  EXPECT_EQ(Ok("VerifyUserAttribute", Verify(token, LastCode("ann"))), Json::object());
  EXPECT_EQ(Attribute("ann", "email"), kNewEmail);
  EXPECT_EQ(Attribute("ann", "email_verified"), "true");
}

TEST_F(AttributesTest, EmailsOfUsernamePoolsStayUnique) {
  MakeAttributesPool({{"UsernameAttributes", {"email"}}});
  MakeVerifiedUser(kNewEmail, kNewEmail);
  const std::string token = MakeVerifiedUser(kEmail, kEmail);
  EXPECT_EQ(Fail("UpdateUserAttributes", Update(token, {Attr("email", kNewEmail)})),
            Json({{"__type", "AliasExistsException"},
                  {"message", "An account with the given email already exists."}}));
  EXPECT_EQ(Fail("AdminUpdateUserAttributes", AdminUpdate(kEmail, {Attr("email", kNewEmail)}))
                ["__type"],
            "AliasExistsException");
}

TEST_F(AttributesTest, AnAdminMayVerifyDirectly) {
  MakeVerifiedUser("ann");
  EXPECT_EQ(Ok("AdminUpdateUserAttributes",
               AdminUpdate("ann", {Attr("email", kNewEmail), Attr("email_verified", "true")})),
            Json::object());
  EXPECT_EQ(Attribute("ann", "email"), kNewEmail);
  EXPECT_EQ(Attribute("ann", "email_verified"), "true");
  EXPECT_TRUE(Outbox("ann").empty());
  EXPECT_EQ(Ok("AdminUpdateUserAttributes", AdminUpdate("ann", {Attr("email_verified", "false")})),
            Json::object());
  EXPECT_EQ(Attribute("ann", "email_verified"), "false");
}

TEST_F(AttributesTest, AnAdminEmailChangeSendsACodeToTheNewAddress) {
  MakeVerifiedUser("ann");
  EXPECT_EQ(Ok("AdminUpdateUserAttributes", AdminUpdate("ann", {Attr("email", kNewEmail)})),
            Json::object());
  EXPECT_EQ(Attribute("ann", "email_verified"), "false");
  ASSERT_EQ(Outbox("ann").size(), 1u);
  EXPECT_EQ(Fail("AdminUpdateUserAttributes", AdminUpdate("zed", {Attr("email", kNewEmail)})),
            Json({{"__type", "UserNotFoundException"}, {"message", "User does not exist."}}));
  EXPECT_EQ(Fail("AdminUpdateUserAttributes", AdminUpdate("ann", {Attr("sub", "x")}))["__type"],
            "InvalidParameterException");
}

TEST_F(AttributesTest, OptionalAttributesCanBeDeleted) {
  const std::string token = MakeVerifiedUser("ann");
  Ok("UpdateUserAttributes", Update(token, {Attr("given_name", "Ann")}));
  EXPECT_EQ(Ok("DeleteUserAttributes",
               {{"AccessToken", token}, {"UserAttributeNames", {"given_name"}}}),
            Json::object());
  EXPECT_EQ(Attribute("ann", "given_name"), "");
  Ok("AdminUpdateUserAttributes", AdminUpdate("ann", {Attr("phone_number", kPhone)}));
  EXPECT_EQ(Ok("AdminDeleteUserAttributes", {{"UserPoolId", pool_},
                                             {"Username", "ann"},
                                             {"UserAttributeNames", {"phone_number"}}}),
            Json::object());
  EXPECT_EQ(Attribute("ann", "phone_number"), "");
  EXPECT_EQ(Attribute("ann", "phone_number_verified"), "");
}

TEST_F(AttributesTest, RequiredAndUnknownAttributesCannotBeDeleted) {
  MakeAttributesPool(
      {{"Schema", {{{"Name", "email"}, {"AttributeDataType", "String"}, {"Required", true}}}}});
  const std::string token = MakeVerifiedUser("ann");
  const auto message = [&](const std::string& name) {
    const Json body =
        Fail("DeleteUserAttributes", {{"AccessToken", token}, {"UserAttributeNames", {name}}});
    EXPECT_EQ(body["__type"], "InvalidParameterException") << body.dump();
    return body.value("message", "");
  };
  EXPECT_EQ(message("email"),
            "Attributes did not conform to the schema: email: The attribute is required\n");
  const Json emptied = Fail("UpdateUserAttributes", Update(token, {Attr("email", "")}));
  EXPECT_EQ(emptied.value("message", ""),
            "Attributes did not conform to the schema: email: The attribute is required\n");
  EXPECT_EQ(message("nope"),
            "Attributes did not conform to the schema: nope: Attribute does not exist in the "
            "schema.\n");
  EXPECT_EQ(message("sub"),
            "Attributes did not conform to the schema: sub: Attribute cannot be updated.\n");
  EXPECT_EQ(Fail("AdminDeleteUserAttributes", {{"UserPoolId", pool_},
                                               {"Username", "zed"},
                                               {"UserAttributeNames", {"given_name"}}})["__type"],
            "UserNotFoundException");
}

TEST_F(AttributesTest, AVerificationCodeCanBeRequested) {
  CreateUser(pool_, "ann", kPassword, true, {{{"Name", "email"}, {"Value", kEmail}}});
  const std::string token = AccessToken("ann");
  const Json out =
      Ok("GetUserAttributeVerificationCode", {{"AccessToken", token}, {"AttributeName", "email"}});
  EXPECT_EQ(out, Json({{"CodeDeliveryDetails",
                        {{"Destination", "a***@e***.com"},
                         {"DeliveryMedium", "EMAIL"},
                         {"AttributeName", "email"}}}}));
  const std::string first = LastCode("ann");
  Ok("GetUserAttributeVerificationCode", {{"AccessToken", token}, {"AttributeName", "email"}});
  const std::string second = LastCode("ann");
  if (first != second) {
    EXPECT_EQ(Fail("VerifyUserAttribute", Verify(token, first)),
              Json({{"__type", "ExpiredCodeException"},
                    {"message", "Invalid code provided, please request a code again."}}));
  }
  EXPECT_EQ(Ok("VerifyUserAttribute", Verify(token, second)), Json::object());
  EXPECT_EQ(Attribute("ann", "email_verified"), "true");
}

TEST_F(AttributesTest, CodesNeedAnAttributeToGoTo) {
  const std::string token = MakeVerifiedUser("ann");
  EXPECT_EQ(Fail("GetUserAttributeVerificationCode",
                 {{"AccessToken", token}, {"AttributeName", "phone_number"}})["__type"],
            "InvalidParameterException");
  EXPECT_EQ(Fail("GetUserAttributeVerificationCode",
                 {{"AccessToken", token}, {"AttributeName", "given_name"}})["__type"],
            "InvalidParameterException");
  EXPECT_EQ(Fail("VerifyUserAttribute", Verify(token, "123456", "phone_number"))["__type"],
            "ExpiredCodeException");
}

TEST_F(AttributesTest, AttributeCodesExpireAfterADay) {
  const std::string token = MakeVerifiedUser("ann");
  Ok("UpdateUserAttributes", Update(token, {Attr("email", kNewEmail)}));
  const std::string code = LastCode("ann");
  clock().Advance(kDayMs + 1000);
  const std::string fresh = AccessToken("ann");
  EXPECT_EQ(Fail("VerifyUserAttribute", Verify(fresh, code))["__type"], "ExpiredCodeException");
}

TEST_F(AttributesTest, TooManyWrongCodesLockTheCode) {
  const std::string token = MakeVerifiedUser("ann");
  Ok("UpdateUserAttributes", Update(token, {Attr("email", kNewEmail)}));
  const std::string code = LastCode("ann");
  for (int i = 0; i < kMaxCodeAttempts; ++i) {
    EXPECT_EQ(Fail("VerifyUserAttribute", Verify(token, Wrong(code)))["__type"],
              "CodeMismatchException");
  }
  EXPECT_EQ(Fail("VerifyUserAttribute", Verify(token, code))["__type"], "LimitExceededException");
}

TEST_F(AttributesTest, ANewPhoneNumberGetsAnSmsCode) {
  MakeAttributesPool({{"AutoVerifiedAttributes", {"email", "phone_number"}}});
  const std::string token = MakeVerifiedUser("ann");
  const Json out = Ok("UpdateUserAttributes", Update(token, {Attr("phone_number", kPhone)}));
  EXPECT_EQ(out["CodeDeliveryDetailsList"],
            Json::array({{{"Destination", "+*******4567"},
                          {"DeliveryMedium", "SMS"},
                          {"AttributeName", "phone_number"}}}));
  EXPECT_EQ(Outbox("ann")[0]["deliveryMedium"], "SMS");
  EXPECT_EQ(Ok("VerifyUserAttribute", Verify(token, LastCode("ann"), "phone_number")),
            Json::object());
  EXPECT_EQ(Attribute("ann", "phone_number_verified"), "true");
  EXPECT_EQ(Attribute("ann", "email_verified"), "true");
}

TEST_F(AttributesTest, WithoutAutoVerificationNoCodeIsSent) {
  MakeLifecyclePool(Json::object());
  const std::string token = MakeVerifiedUser("ann");
  EXPECT_EQ(Ok("UpdateUserAttributes", Update(token, {Attr("email", kNewEmail)})), Json::object());
  EXPECT_EQ(Attribute("ann", "email_verified"), "false");
  EXPECT_TRUE(Outbox("ann").empty());
}

TEST_F(AttributesTest, VerifiedAliasesStayUnique) {
  MakeAttributesPool({{"AliasAttributes", {"email"}}});
  MakeVerifiedUser("bea", kNewEmail);
  const std::string token = MakeVerifiedUser("ann");
  EXPECT_EQ(Fail("UpdateUserAttributes", Update(token, {Attr("email", kNewEmail)})),
            Json({{"__type", "AliasExistsException"},
                  {"message", "An account with the given email already exists."}}));
  // An unverified holder does not count.
  Ok("AdminUpdateUserAttributes", AdminUpdate("bea", {Attr("email_verified", "false")}));
  EXPECT_TRUE(Ok("UpdateUserAttributes", Update(token, {Attr("email", kNewEmail)}))
                  .contains("CodeDeliveryDetailsList"));
}

}  // namespace
}  // namespace cognito::actions::testing
