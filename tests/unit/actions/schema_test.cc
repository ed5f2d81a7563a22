// The user-pool schema applied to users' attributes: String length and Number constraints,
// AddCustomAttributes, the app client's WriteAttributes, developer-only attributes, and
// ForceAliasCreation in AdminCreateUser and ConfirmSignUp.
#include "tests/unit/actions/lifecycle_fixture.h"

namespace cognito::actions::testing {
namespace {

constexpr const char* kPrefix = "Attributes did not conform to the schema: ";

class SchemaTest : public LifecycleTest {
 protected:
  void SetUp() override {
    MakeLifecyclePool(
        {{"AutoVerifiedAttributes", {"email"}},
         {"Schema",
          {{{"Name", "code"},
            {"AttributeDataType", "String"},
            {"StringAttributeConstraints", {{"MinLength", "2"}, {"MaxLength", "4"}}}},
           {{"Name", "age"},
            {"AttributeDataType", "Number"},
            {"NumberAttributeConstraints", {{"MinValue", "18"}, {"MaxValue", "130"}}}},
           {{"Name", "secret"}, {"AttributeDataType", "String"}, {"DeveloperOnlyAttribute", true}}}}});
  }
  static Json Attr(const std::string& name, const std::string& value) {
    return {{"Name", name}, {"Value", value}};
  }
  // `{Attr(...)}` with one element is that object itself: wrap it.
  static Json List(const Json& attributes) {
    return attributes.is_object() ? Json::array({attributes}) : attributes;
  }
  Json AdminCreate(const std::string& username, const Json& attributes,
                   const Json& extra = Json::object()) const {
    Json input = extra;
    input["UserPoolId"] = pool_;
    input["Username"] = username;
    input["MessageAction"] = "SUPPRESS";
    input["UserAttributes"] = List(attributes);
    return input;
  }
  std::string FailMessage(const std::string& action, const Json& input) {
    const Json body = Fail(action, input);
    EXPECT_EQ(body["__type"], "InvalidParameterException") << body.dump();
    return body.value("message", "");
  }
};

TEST_F(SchemaTest, StringLengthsAndNumberRangesAreEnforced) {
  EXPECT_EQ(FailMessage("AdminCreateUser", AdminCreate("ann", {Attr("custom:code", "abcde")})),
            std::string(kPrefix) + "custom:code: String must be no longer than 4 characters\n");
  EXPECT_EQ(FailMessage("AdminCreateUser", AdminCreate("ann", {Attr("custom:code", "a")})),
            std::string(kPrefix) + "custom:code: String must be no shorter than 2 characters\n");
  EXPECT_EQ(FailMessage("AdminCreateUser", AdminCreate("ann", {Attr("custom:age", "17")})),
            std::string(kPrefix) + "custom:age: Number must be no less than 18\n");
  EXPECT_EQ(FailMessage("AdminCreateUser", AdminCreate("ann", {Attr("custom:age", "131")})),
            std::string(kPrefix) + "custom:age: Number must be no greater than 130\n");
  for (const char* bad : {"forty", "4.5", " 40", "+40", "40x", "99999999999999999999"}) {
    EXPECT_EQ(FailMessage("AdminCreateUser", AdminCreate("ann", {Attr("custom:age", bad)})),
              std::string(kPrefix) + "custom:age: Number is not a valid integer\n")
        << bad;
  }
  EXPECT_EQ(FailMessage("AdminCreateUser", AdminCreate("ann", {Attr("birthdate", "1990-1-1")})),
            std::string(kPrefix) + "birthdate: String must be no shorter than 10 characters\n");
  // Lengths count characters, not bytes.
  Ok("AdminCreateUser", AdminCreate("ann", {Attr("custom:code", "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"),
                                            Attr("custom:age", "40"),
                                            Attr("birthdate", "1990-01-01")}));
  EXPECT_EQ(Attribute("ann", "custom:age"), "40");
  // The same rules on sign-up and on updates.
  Json signup = SignUpInput("bob");
  signup["UserAttributes"].push_back(Attr("custom:age", "12"));
  EXPECT_EQ(FailMessage("SignUp", signup),
            std::string(kPrefix) + "custom:age: Number must be no less than 18\n");
  // An empty value deletes the attribute: no length to check.
  Ok("AdminUpdateUserAttributes", {{"UserPoolId", pool_},
                                   {"Username", "ann"},
                                   {"UserAttributes", List({Attr("custom:code", "")})}});
  EXPECT_EQ(Attribute("ann", "custom:code"), "");
}

TEST_F(SchemaTest, CustomAttributesCanBeAdded) {
  Ok("AddCustomAttributes",
     {{"UserPoolId", pool_},
      {"CustomAttributes",
       {{{"Name", "plan"}, {"AttributeDataType", "String"}, {"Mutable", true}},
        {{"Name", "seats"},
         {"AttributeDataType", "Number"},
         {"NumberAttributeConstraints", {{"MaxValue", "10"}}}}}}});
  const Json schema =
      Ok("DescribeUserPool", {{"UserPoolId", pool_}})["UserPool"]["SchemaAttributes"];
  Json plan;
  for (const auto& entry : schema) {
    if (entry["Name"] == "custom:plan") plan = entry;
  }
  EXPECT_EQ(plan["AttributeDataType"], "String");
  EXPECT_EQ(plan["Required"], false);
  Ok("AdminCreateUser", AdminCreate("ann", {Attr("custom:plan", "gold"), Attr("custom:seats", "3")}));
  EXPECT_EQ(Attribute("ann", "custom:plan"), "gold");
  EXPECT_EQ(FailMessage("AdminCreateUser", AdminCreate("bob", {Attr("custom:seats", "11")})),
            std::string(kPrefix) + "custom:seats: Number must be no greater than 10\n");

  const auto add = [&](const Json& attribute) {
    return FailMessage("AddCustomAttributes",
                       {{"UserPoolId", pool_}, {"CustomAttributes", Json::array({attribute})}});
  };
  EXPECT_EQ(add({{"Name", "plan"}, {"AttributeDataType", "String"}}),
            "custom:plan: Existing attribute already has name custom:plan.");
  EXPECT_EQ(add({{"Name", "tier"}, {"AttributeDataType", "String"}, {"Required", true}}),
            "Required custom attributes are not supported currently.");
  EXPECT_EQ(add({{"Name", "tier"}}),
            "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.");
  const auto batch = [](int from, int count) {
    Json list = Json::array();
    for (int i = from; i < from + count; ++i) {
      list.push_back({{"Name", "extra" + std::to_string(i)}, {"AttributeDataType", "String"}});
    }
    return list;
  };
  // The pool has 5 custom attributes: 45 more make the 50 allowed.
  Ok("AddCustomAttributes", {{"UserPoolId", pool_}, {"CustomAttributes", batch(0, 25)}});
  Ok("AddCustomAttributes", {{"UserPoolId", pool_}, {"CustomAttributes", batch(25, 20)}});
  EXPECT_EQ(FailMessage("AddCustomAttributes",
                        {{"UserPoolId", pool_}, {"CustomAttributes", batch(45, 1)}}),
            "A user pool can have at most 50 custom attributes.");
  const Json missing = Fail("AddCustomAttributes",
                            {{"UserPoolId", "us-east-1_Missing01"},
                             {"CustomAttributes", Json::array({{{"Name", "x"}, {"AttributeDataType", "String"}}})}});
  EXPECT_EQ(missing["__type"], "ResourceNotFoundException");
}

TEST_F(SchemaTest, UsersWriteOnlyWhatTheirClientMayWrite) {
  const std::string limited =
      CreateClient(pool_, {"ALLOW_USER_PASSWORD_AUTH"}, false,
                   {{"WriteAttributes", {"email", "custom:code"}}})["ClientId"];
  Json signup = SignUpInput("ann");
  signup["ClientId"] = limited;
  signup["UserAttributes"].push_back(Attr("custom:age", "40"));
  const Json refused = Fail("SignUp", signup);
  EXPECT_EQ(refused["__type"], "NotAuthorizedException");
  EXPECT_EQ(refused["message"], "A client attempted to write unauthorized attribute");
  Json verified = SignUpInput("ann");
  verified["UserAttributes"].push_back(Attr("email_verified", "true"));
  EXPECT_EQ(Fail("SignUp", verified)["__type"], "NotAuthorizedException");
  Json developer = SignUpInput("ann");
  developer["UserAttributes"].push_back(Attr("dev:custom:secret", "x"));
  EXPECT_EQ(Fail("SignUp", developer)["__type"], "NotAuthorizedException");

  // An admin writes anything; a user through the limited client only its WriteAttributes.
  CreateUser(pool_, "bob", kPassword, true,
             {Attr("email", kEmail), Attr("custom:age", "40"), Attr("dev:custom:secret", "s")});
  const Json auth = Ok("InitiateAuth", {{"ClientId", limited},
                                        {"AuthFlow", "USER_PASSWORD_AUTH"},
                                        {"AuthParameters", {{"USERNAME", "bob"}, {"PASSWORD", kPassword}}}});
  const std::string token = auth["AuthenticationResult"]["AccessToken"];
  Ok("UpdateUserAttributes", {{"AccessToken", token}, {"UserAttributes", List({Attr("custom:code", "ab")})}});
  EXPECT_EQ(Fail("UpdateUserAttributes",
                 {{"AccessToken", token}, {"UserAttributes", List({Attr("custom:age", "41")})}})["__type"],
            "NotAuthorizedException");
  EXPECT_EQ(Fail("DeleteUserAttributes",
                 {{"AccessToken", token}, {"UserAttributeNames", Json::array({"custom:age"})}})["__type"],
            "NotAuthorizedException");
  EXPECT_EQ(Attribute("bob", "custom:age"), "40");
  EXPECT_EQ(Attribute("bob", "dev:custom:secret"), "s");
}

TEST_F(SchemaTest, ForceAliasCreationMovesAVerifiedAlias) {
  MakeLifecyclePool({{"AutoVerifiedAttributes", {"email"}}, {"AliasAttributes", {"email"}}});
  const Json verified_email = {Attr("email", kEmail), Attr("email_verified", "true")};
  Ok("AdminCreateUser", AdminCreate("ann", verified_email));
  const Json taken = Fail("AdminCreateUser", AdminCreate("bob", verified_email));
  EXPECT_EQ(taken, Json({{"__type", "AliasExistsException"},
                         {"message", "An account with the given email already exists."}}));
  // An unverified copy of the value is no alias.
  Ok("AdminCreateUser", AdminCreate("bob", {Attr("email", kEmail)}));
  Ok("AdminCreateUser", AdminCreate("cat", verified_email, {{"ForceAliasCreation", true}}));
  EXPECT_EQ(Attribute("ann", "email_verified"), "false");
  EXPECT_EQ(Attribute("cat", "email_verified"), "true");

  // ConfirmSignUp verifies the email the code went to: the same rule.
  Ok("SignUp", SignUpInput("dan"));
  const std::string code = LastCode("dan");
  EXPECT_EQ(Fail("ConfirmSignUp", Confirm("dan", code))["__type"], "AliasExistsException");
  EXPECT_EQ(Status("dan"), "UNCONFIRMED");
  Json forced = Confirm("dan", code);
  forced["ForceAliasCreation"] = true;
  Ok("ConfirmSignUp", forced);
  EXPECT_EQ(Status("dan"), "CONFIRMED");
  EXPECT_EQ(Attribute("cat", "email_verified"), "false");
  EXPECT_EQ(Attribute("dan", "email_verified"), "true");
}

}  // namespace
}  // namespace cognito::actions::testing
