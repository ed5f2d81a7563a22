// User-pool actions driven through the Service, plus the pool document and settings helpers.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "auth/clock.h"
#include "auth/random.h"
#include "server/actions/error.h"
#include "server/actions/pool_document.h"
#include "server/actions/service.h"
#include "server/actions/settings.h"

namespace cognito::actions {
namespace {

constexpr int64_t kStart = 1'700'000'000'000;

class PoolActionsTest : public ::testing::Test {
 protected:
  // Calls an action and returns the parsed body; `status` receives the HTTP status.
  Json Call(const std::string& action, const Json& input, unsigned* status = nullptr) {
    ApiResponse r = svc_.Call(action, input);
    if (status != nullptr) {
      *status = r.status;
    }
    return Json::parse(r.body);
  }
  Json Ok(const std::string& action, const Json& input) {
    unsigned status = 0;
    Json body = Call(action, input, &status);
    EXPECT_EQ(status, 200u) << action << ": " << body.dump();
    return body;
  }
  // Expects a 400 with this __type and returns the message.
  std::string Fails(const std::string& action, const Json& input, const std::string& type) {
    unsigned status = 0;
    Json body = Call(action, input, &status);
    EXPECT_EQ(status, 400u) << action << ": " << body.dump();
    EXPECT_EQ(body.value("__type", ""), type) << body.dump();
    return body.value("message", "");
  }
  Json CreatePool(Json input) { return Ok("CreateUserPool", input)["UserPool"]; }
  Json Describe(const std::string& id) {
    return Ok("DescribeUserPool", {{"UserPoolId", id}})["UserPool"];
  }
  static const Json* FindAttribute(const Json& pool, const std::string& name) {
    for (const Json& a : pool["SchemaAttributes"]) {
      if (a["Name"] == name) {
        return &a;
      }
    }
    return nullptr;
  }

  auth::FakeClock clock_{kStart};
  auth::SeededRandom random_{1};
  Service svc_{ServiceOptions{}, clock_, random_};
};

TEST_F(PoolActionsTest, CreateReturnsCognitoDefaults) {
  const Json pool = CreatePool({{"PoolName", "main"}});
  const std::string id = pool["Id"];
  EXPECT_TRUE(std::regex_match(id, std::regex("us-east-1_[A-Za-z0-9]{9}"))) << id;
  EXPECT_EQ(pool["Arn"], "arn:aws:cognito-idp:us-east-1:123456789012:userpool/" + id);
  EXPECT_EQ(pool["Name"], "main");
  EXPECT_EQ(pool["CreationDate"], 1'700'000'000);
  EXPECT_EQ(pool["LastModifiedDate"], 1'700'000'000);
  EXPECT_EQ(pool["EstimatedNumberOfUsers"], 0);
  EXPECT_EQ(pool["Policies"]["PasswordPolicy"], Json({{"MinimumLength", 8},
                                                      {"RequireUppercase", true},
                                                      {"RequireLowercase", true},
                                                      {"RequireNumbers", true},
                                                      {"RequireSymbols", true},
                                                      {"TemporaryPasswordValidityDays", 7}}));
  EXPECT_EQ(pool["Policies"]["SignInPolicy"],
            Json({{"AllowedFirstAuthFactors", Json::array({"PASSWORD"})}}));
  EXPECT_EQ(pool["DeletionProtection"], "INACTIVE");
  EXPECT_EQ(pool["LambdaConfig"], Json::object());
  EXPECT_EQ(pool["MfaConfiguration"], "OFF");
  EXPECT_EQ(pool["VerificationMessageTemplate"],
            Json({{"DefaultEmailOption", "CONFIRM_WITH_CODE"}}));
  EXPECT_EQ(pool["EmailConfiguration"], Json({{"EmailSendingAccount", "COGNITO_DEFAULT"}}));
  EXPECT_EQ(pool["AdminCreateUserConfig"],
            Json({{"AllowAdminCreateUserOnly", false}, {"UnusedAccountValidityDays", 7}}));
  EXPECT_EQ(pool["UserPoolTier"], "ESSENTIALS");
  for (const char* absent : {"UsernameConfiguration", "AliasAttributes", "UsernameAttributes",
                             "AutoVerifiedAttributes", "AccountRecoverySetting"}) {
    EXPECT_FALSE(pool.contains(absent)) << absent;
  }
  EXPECT_EQ(pool["SchemaAttributes"].size(), 20u);
  EXPECT_EQ(Describe(id), pool);
}

TEST_F(PoolActionsTest, StandardSchemaMatchesCognito) {
  const Json pool = CreatePool({{"PoolName", "main"}});
  struct Case {
    const char* label;
    Json expected;
  };
  const Case cases[] = {
      {"sub",
       {{"Name", "sub"},
        {"AttributeDataType", "String"},
        {"DeveloperOnlyAttribute", false},
        {"Mutable", false},
        {"Required", true},
        {"StringAttributeConstraints", {{"MinLength", "1"}, {"MaxLength", "2048"}}}}},
      {"email",
       {{"Name", "email"},
        {"AttributeDataType", "String"},
        {"DeveloperOnlyAttribute", false},
        {"Mutable", true},
        {"Required", false},
        {"StringAttributeConstraints", {{"MinLength", "0"}, {"MaxLength", "2048"}}}}},
      {"birthdate",
       {{"Name", "birthdate"},
        {"AttributeDataType", "String"},
        {"DeveloperOnlyAttribute", false},
        {"Mutable", true},
        {"Required", false},
        {"StringAttributeConstraints", {{"MinLength", "10"}, {"MaxLength", "10"}}}}},
      {"email_verified",
       {{"Name", "email_verified"},
        {"AttributeDataType", "Boolean"},
        {"DeveloperOnlyAttribute", false},
        {"Mutable", true},
        {"Required", false}}},
      {"updated_at",
       {{"Name", "updated_at"},
        {"AttributeDataType", "Number"},
        {"DeveloperOnlyAttribute", false},
        {"Mutable", true},
        {"Required", false},
        {"NumberAttributeConstraints", {{"MinValue", "0"}}}}},
  };
  for (const Case& c : cases) {
    const Json* got = FindAttribute(pool, c.label);
    ASSERT_NE(got, nullptr) << c.label;
    EXPECT_EQ(*got, c.expected) << c.label;
  }
  EXPECT_EQ(pool["SchemaAttributes"][0]["Name"], "sub");
  EXPECT_EQ(pool["SchemaAttributes"][19]["Name"], "updated_at");
}

TEST_F(PoolActionsTest, SchemaMergesCustomAndStandardOverrides) {
  const Json pool =
      CreatePool({{"PoolName", "p"},
                  {"Schema",
                   {{{"Name", "email"}, {"Required", true}, {"Mutable", false}},
                    {{"Name", "tier"},
                     {"AttributeDataType", "String"},
                     {"StringAttributeConstraints", {{"MinLength", "1"}, {"MaxLength", "20"}}}},
                    {{"Name", "score"}, {"AttributeDataType", "Number"}, {"Mutable", false}},
                    {{"Name", "secret"},
                     {"AttributeDataType", "String"},
                     {"DeveloperOnlyAttribute", true}}}}});
  ASSERT_EQ(pool["SchemaAttributes"].size(), 23u);
  const Json* email = FindAttribute(pool, "email");
  ASSERT_NE(email, nullptr);
  EXPECT_EQ((*email)["Required"], true);
  EXPECT_EQ((*email)["Mutable"], false);
  EXPECT_EQ((*email)["StringAttributeConstraints"]["MaxLength"], "2048");
  const Json* tier = FindAttribute(pool, "custom:tier");
  ASSERT_NE(tier, nullptr);
  EXPECT_EQ(*tier,
            Json({{"Name", "custom:tier"},
                  {"AttributeDataType", "String"},
                  {"DeveloperOnlyAttribute", false},
                  {"Mutable", true},
                  {"Required", false},
                  {"StringAttributeConstraints", {{"MinLength", "1"}, {"MaxLength", "20"}}}}));
  const Json* score = FindAttribute(pool, "custom:score");
  ASSERT_NE(score, nullptr);
  EXPECT_EQ((*score)["Mutable"], false);
  EXPECT_EQ((*score)["NumberAttributeConstraints"], Json::object());
  EXPECT_NE(FindAttribute(pool, "dev:custom:secret"), nullptr);
  EXPECT_EQ(pool["SchemaAttributes"][20]["Name"], "custom:tier");
}

TEST_F(PoolActionsTest, InvalidSchemaEntriesAreRejected) {
  struct Case {
    const char* label;
    Json attribute;
    const char* message;
  };
  const Case cases[] = {
      {"required custom",
       {{"Name", "x"}, {"AttributeDataType", "String"}, {"Required", true}},
       "Required custom attributes are not supported currently."},
      {"custom without type",
       {{"Name", "x"}},
       "Invalid AttributeDataType input, consider using the provided AttributeDataType enum."},
      {"standard type change",
       {{"Name", "email"}, {"AttributeDataType", "Number"}},
       "You can not change AttributeDataType or set developerOnlyAttribute for standard schema "
       "attribute email"},
      {"min above max",
       {{"Name", "x"},
        {"AttributeDataType", "String"},
        {"StringAttributeConstraints", {{"MinLength", "5"}, {"MaxLength", "2"}}}},
       "user.custom:x: Max length cannot be less than min length."},
      {"non-numeric bound",
       {{"Name", "x"},
        {"AttributeDataType", "Number"},
        {"NumberAttributeConstraints", {{"MinValue", "low"}}}},
       "Invalid MinValue for schema attribute custom:x"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Fails("CreateUserPool", {{"PoolName", "p"}, {"Schema", {c.attribute}}},
                    "InvalidParameterException"),
              c.message)
        << c.label;
  }
  const Json twice = {{"Name", "x"}, {"AttributeDataType", "String"}};
  EXPECT_EQ(Fails("CreateUserPool", {{"PoolName", "p"}, {"Schema", {twice, twice}}},
                  "InvalidParameterException"),
            "custom:x: Existing attribute already has name custom:x.");
}

TEST_F(PoolActionsTest, PartialPasswordPolicyKeepsGivenValues) {
  const Json pool = CreatePool({{"PoolName", "p"},
                                {"Policies",
                                 {{"PasswordPolicy",
                                   {{"MinimumLength", 6},
                                    {"RequireNumbers", true},
                                    {"TemporaryPasswordValidityDays", 0}}}}}});
  EXPECT_EQ(pool["Policies"]["PasswordPolicy"], Json({{"MinimumLength", 6},
                                                      {"RequireUppercase", false},
                                                      {"RequireLowercase", false},
                                                      {"RequireNumbers", true},
                                                      {"RequireSymbols", false},
                                                      {"TemporaryPasswordValidityDays", 7}}));
  EXPECT_TRUE(pool["Policies"].contains("SignInPolicy"));
}

TEST_F(PoolActionsTest, GivenMembersAreEchoed) {
  const Json input = {
      {"PoolName", "p"},
      {"AutoVerifiedAttributes", {"email"}},
      {"UsernameAttributes", {"email"}},
      {"UsernameConfiguration", {{"CaseSensitive", false}}},
      {"UserPoolTags", {{"team", "auth"}}},
      {"LambdaConfig", {{"PreSignUp", "arn:aws:lambda:us-east-1:123456789012:function:f"}}},
      {"AccountRecoverySetting",
       {{"RecoveryMechanisms", {{{"Priority", 1}, {"Name", "verified_email"}}}}}},
      {"EmailVerificationMessage", "Code {####}"},
      {"DeletionProtection", "ACTIVE"},
      {"MfaConfiguration", "OPTIONAL"},
      {"SmsConfiguration", {{"SnsCallerArn", "arn:aws:iam::123456789012:role/sms"}}},
      {"UserPoolTier", "PLUS"},
      {"SmsAuthenticationMessage", nullptr},
  };
  const Json pool = CreatePool(input);
  for (const char* key :
       {"AutoVerifiedAttributes", "UsernameAttributes", "UsernameConfiguration", "UserPoolTags",
        "LambdaConfig", "AccountRecoverySetting", "EmailVerificationMessage", "DeletionProtection",
        "MfaConfiguration", "SmsConfiguration", "UserPoolTier"}) {
    EXPECT_EQ(pool[key], input[key]) << key;
  }
  EXPECT_FALSE(pool.contains("SmsAuthenticationMessage"));  // null means absent
  EXPECT_EQ(pool["VerificationMessageTemplate"]["EmailMessage"], "Code {####}");
}

TEST_F(PoolActionsTest, AliasAndUsernameAttributesAreExclusive) {
  EXPECT_EQ(
      Fails("CreateUserPool",
            {{"PoolName", "p"}, {"AliasAttributes", {"email"}}, {"UsernameAttributes", {"email"}}},
            "InvalidParameterException"),
      "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
}

TEST_F(PoolActionsTest, ValidatorRejectsBadInput) {
  const std::string long_name(129, 'a');
  EXPECT_EQ(Fails("CreateUserPool", {{"PoolName", long_name}}, "InvalidParameterException"),
            "1 validation error detected: Value '" + long_name +
                "' at 'poolName' failed to satisfy constraint: Member must have length less than "
                "or equal to 128");
  EXPECT_EQ(Fails("CreateUserPool", Json::object(), "InvalidParameterException"),
            "1 validation error detected: Value null at 'poolName' failed to satisfy "
            "constraint: Member must not be null");
  EXPECT_NE(
      Fails("CreateUserPool", {{"PoolName", 5}}, "InvalidParameterException").find("'poolName'"),
      std::string::npos);
  EXPECT_NE(Fails("ListUserPools", {{"MaxResults", 61}}, "InvalidParameterException")
                .find("Member must have value less than or equal to 60"),
            std::string::npos);
  EXPECT_NE(Fails("ListUserPools", Json::object(), "InvalidParameterException")
                .find("Value null at 'maxResults'"),
            std::string::npos);
}

TEST_F(PoolActionsTest, DescribeUnknownPool) {
  EXPECT_EQ(
      Fails("DescribeUserPool", {{"UserPoolId", "us-east-1_nope"}}, "ResourceNotFoundException"),
      "User pool us-east-1_nope does not exist.");
}

TEST_F(PoolActionsTest, DescribeCountsUsers) {
  const std::string id = CreatePool({{"PoolName", "p"}})["Id"];
  Ok("AdminCreateUser", {{"UserPoolId", id}, {"Username", "alice"}, {"MessageAction", "SUPPRESS"}});
  EXPECT_EQ(Describe(id)["EstimatedNumberOfUsers"], 1);
}

TEST_F(PoolActionsTest, UpdateRevertsMembersNotGivenAndKeepsImmutableOnes) {
  const Json created =
      CreatePool({{"PoolName", "before"},
                  {"UsernameAttributes", {"email"}},
                  {"UsernameConfiguration", {{"CaseSensitive", false}}},
                  {"Schema", {{{"Name", "tier"}, {"AttributeDataType", "String"}}}},
                  {"MfaConfiguration", "OPTIONAL"},
                  {"SmsConfiguration", {{"SnsCallerArn", "arn:aws:iam::123456789012:role/sms"}}},
                  {"DeletionProtection", "ACTIVE"},
                  {"UserPoolTier", "PLUS"},
                  {"Policies", {{"PasswordPolicy", {{"MinimumLength", 12}}}}}});
  const std::string id = created["Id"];
  clock_.Advance(5'500);
  const Json lambda = {{"PreSignUp", "arn:aws:lambda:us-east-1:123456789012:function:f"}};
  EXPECT_EQ(Ok("UpdateUserPool", {{"UserPoolId", id},
                                  {"PoolName", "after"},
                                  {"LambdaConfig", lambda},
                                  {"AliasAttributes", {"preferred_username"}}}),
            Json::object());
  const Json pool = Describe(id);
  EXPECT_EQ(pool["Name"], "after");
  EXPECT_EQ(pool["LambdaConfig"], lambda);
  EXPECT_EQ(pool["MfaConfiguration"], "OFF");
  EXPECT_EQ(pool["DeletionProtection"], "INACTIVE");
  EXPECT_EQ(pool["Policies"]["PasswordPolicy"]["MinimumLength"], 8);
  EXPECT_EQ(pool["Policies"]["PasswordPolicy"]["RequireSymbols"], true);
  EXPECT_EQ(pool["UserPoolTier"], "PLUS");  // the one member kept when absent
  EXPECT_EQ(pool["UsernameAttributes"], created["UsernameAttributes"]);
  EXPECT_EQ(pool["UsernameConfiguration"], created["UsernameConfiguration"]);
  EXPECT_EQ(pool["SchemaAttributes"], created["SchemaAttributes"]);
  EXPECT_FALSE(pool.contains("AliasAttributes"));  // not an UpdateUserPool member
  EXPECT_EQ(pool["CreationDate"], 1'700'000'000);
  EXPECT_EQ(pool["LastModifiedDate"], 1'700'000'005.5);
  EXPECT_EQ(pool["Id"], id);
}

TEST_F(PoolActionsTest, UpdateWithGivenMembersAndUnknownPool) {
  const std::string id = CreatePool({{"PoolName", "p"}})["Id"];
  Ok("UpdateUserPool", {{"UserPoolId", id},
                        {"DeletionProtection", "ACTIVE"},
                        {"UserPoolTier", "LITE"},
                        {"AutoVerifiedAttributes", {"email"}}});
  const Json pool = Describe(id);
  EXPECT_EQ(pool["DeletionProtection"], "ACTIVE");
  EXPECT_EQ(pool["UserPoolTier"], "LITE");
  EXPECT_EQ(pool["AutoVerifiedAttributes"], Json::array({"email"}));
  EXPECT_EQ(pool["Name"], "p");
  EXPECT_EQ(
      Fails("UpdateUserPool", {{"UserPoolId", "us-east-1_nope"}}, "ResourceNotFoundException"),
      "User pool us-east-1_nope does not exist.");
}

TEST_F(PoolActionsTest, DeleteRemovesPoolUnlessProtected) {
  const std::string id = CreatePool({{"PoolName", "p"}, {"DeletionProtection", "ACTIVE"}})["Id"];
  EXPECT_EQ(Fails("DeleteUserPool", {{"UserPoolId", id}}, "InvalidParameterException"),
            "The user pool cannot be deleted because deletion protection is activated.");
  Describe(id);
  Ok("UpdateUserPool", {{"UserPoolId", id}, {"DeletionProtection", "INACTIVE"}});
  EXPECT_EQ(Ok("DeleteUserPool", {{"UserPoolId", id}}), Json::object());
  Fails("DescribeUserPool", {{"UserPoolId", id}}, "ResourceNotFoundException");
  EXPECT_EQ(Fails("DeleteUserPool", {{"UserPoolId", id}}, "ResourceNotFoundException"),
            "User pool " + id + " does not exist.");
}

TEST_F(PoolActionsTest, ListPaginatesOnePoolAtATime) {
  std::set<std::string> created;
  for (const char* name : {"a", "b", "c"}) {
    created.insert(CreatePool({{"PoolName", name}})["Id"].get<std::string>());
  }
  std::vector<std::string> seen;
  Json input = {{"MaxResults", 1}};
  for (int page = 0; page < 5; ++page) {
    const Json out = Ok("ListUserPools", input);
    ASSERT_EQ(out["UserPools"].size(), 1u) << "page " << page;
    const Json& entry = out["UserPools"][0];
    EXPECT_EQ(entry.size(), 5u) << entry.dump();
    for (const char* key : {"Id", "Name", "LambdaConfig", "CreationDate", "LastModifiedDate"}) {
      EXPECT_TRUE(entry.contains(key)) << key;
    }
    seen.push_back(entry["Id"]);
    if (!out.contains("NextToken")) {
      break;
    }
    input["NextToken"] = out["NextToken"];
  }
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), created);
  const Json all = Ok("ListUserPools", {{"MaxResults", 60}});
  EXPECT_EQ(all["UserPools"].size(), 3u);
  EXPECT_FALSE(all.contains("NextToken"));
}

TEST_F(PoolActionsTest, ListOfNoPoolsAndBadTokens) {
  EXPECT_EQ(Ok("ListUserPools", {{"MaxResults", 10}}), Json({{"UserPools", Json::array()}}));
  const std::string pool = CreatePool({{"PoolName", "p"}})["Id"];
  Ok("CreateUserPoolClient", {{"UserPoolId", pool}, {"ClientName", "c1"}});
  Ok("CreateUserPoolClient", {{"UserPoolId", pool}, {"ClientName", "c2"}});
  const Json clients = Ok("ListUserPoolClients", {{"UserPoolId", pool}, {"MaxResults", 1}});
  ASSERT_TRUE(clients.contains("NextToken"));
  struct Case {
    const char* label;
    Json token;
  };
  const Case cases[] = {
      {"not base64", "%%%"}, {"plain id", pool}, {"client token", clients["NextToken"]}};
  for (const Case& c : cases) {
    EXPECT_EQ(Fails("ListUserPools", {{"MaxResults", 1}, {"NextToken", c.token}},
                    "InvalidParameterException"),
              "Invalid NextToken provided.")
        << c.label;
  }
}

TEST(PoolDocumentTest, SettingsFollowTheDocument) {
  struct Case {
    const char* label;
    Json input;
    bool case_sensitive;
    int minimum_length;
    bool require_symbols;
    std::string mfa;
  };
  const Case cases[] = {
      {"defaults", {{"PoolName", "p"}}, true, 8, true, "OFF"},
      {"case insensitive",
       {{"PoolName", "p"}, {"UsernameConfiguration", {{"CaseSensitive", false}}}},
       false,
       8,
       true,
       "OFF"},
      {"explicit case sensitive",
       {{"PoolName", "p"}, {"UsernameConfiguration", {{"CaseSensitive", true}}}},
       true,
       8,
       true,
       "OFF"},
      {"custom policy",
       {{"PoolName", "p"},
        {"MfaConfiguration", "OPTIONAL"},
        {"SmsConfiguration", {{"SnsCallerArn", "arn:aws:iam::123456789012:role/sms"}}},
        {"Policies", {{"PasswordPolicy", {{"MinimumLength", 10}}}}}},
       true,
       10,
       false,
       "OPTIONAL"},
  };
  for (const Case& c : cases) {
    storage::PoolRecord record;
    record.description_json = NewPoolDocument(c.input).dump();
    const PoolSettings s = ParsePoolSettings(record);
    EXPECT_EQ(s.case_sensitive, c.case_sensitive) << c.label;
    EXPECT_EQ(s.password_policy.minimum_length, c.minimum_length) << c.label;
    EXPECT_EQ(s.password_policy.require_symbols, c.require_symbols) << c.label;
    EXPECT_EQ(s.password_policy.temporary_password_validity_days, 7) << c.label;
    EXPECT_EQ(s.mfa_configuration, c.mfa) << c.label;
  }
  storage::PoolRecord record;
  record.description_json = NewPoolDocument({{"PoolName", "p"},
                                             {"AliasAttributes", {"email", "preferred_username"}},
                                             {"AutoVerifiedAttributes", {"email"}},
                                             {"UserAttributeUpdateSettings",
                                              {{"AttributesRequireVerificationBeforeUpdate",
                                                {"email"}}}}})
                                .dump();
  const PoolSettings s = ParsePoolSettings(record);
  EXPECT_EQ(s.alias_attributes, (std::vector<std::string>{"email", "preferred_username"}));
  EXPECT_EQ(s.auto_verified_attributes, std::vector<std::string>{"email"});
  EXPECT_EQ(s.verify_before_update, std::vector<std::string>{"email"});
  EXPECT_TRUE(s.username_attributes.empty());
}

TEST(PoolDocumentTest, SchemaKeepsStoredOrderAndFindsByName) {
  storage::PoolRecord record;
  record.description_json =
      Json{{"SchemaAttributes",
            {{{"Name", "sub"}, {"Mutable", false}},
             "not an entry",
             {{"Name", "custom:tier"}, {"Mutable", true}},
             {{"Name", "custom:tier"}, {"Mutable", false}}}}}
          .dump();
  const auto schema = ParsePoolSchema(record);
  ASSERT_EQ(schema->Attributes().size(), 3u);
  EXPECT_EQ(schema->Attributes()[0]["Name"], "sub");
  EXPECT_EQ(schema->Attributes()[1]["Name"], "custom:tier");
  ASSERT_NE(schema->Find("custom:tier"), nullptr);
  EXPECT_EQ((*schema->Find("custom:tier"))["Mutable"], true);  // the first entry of a name wins
  EXPECT_EQ(schema->Find("email"), nullptr);

  // Remembered by document text: the same text gives the same schema, a changed one a new one.
  EXPECT_EQ(ParsePoolSchema(record), schema);
  record.description_json = Json{{"SchemaAttributes", {{{"Name", "email"}}}}}.dump();
  const auto changed = ParsePoolSchema(record);
  ASSERT_EQ(changed->Attributes().size(), 1u);
  EXPECT_NE(changed->Find("email"), nullptr);
  EXPECT_EQ(changed->Find("custom:tier"), nullptr);

  record.description_json = Json{{"PoolName", "p"}}.dump();
  EXPECT_TRUE(ParsePoolSchema(record)->Attributes().empty());
}

TEST(PoolDocumentTest, UnusedAccountValidityDaysStandsInForTemporaryValidity) {
  const Json doc = NewPoolDocument({{"PoolName", "p"},
                                    {"AdminCreateUserConfig", {{"UnusedAccountValidityDays", 3}}},
                                    {"Policies", {{"PasswordPolicy", {{"MinimumLength", 8}}}}}});
  EXPECT_EQ(doc["Policies"]["PasswordPolicy"]["TemporaryPasswordValidityDays"], 3);
  EXPECT_EQ(doc["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"], false);
}

TEST(PoolDocumentTest, PageTokensRoundTripPerKind) {
  const std::string token = EncodePageToken("pools", "us-east-1_abc");
  EXPECT_EQ(DecodePageToken("pools", token), "us-east-1_abc");
  EXPECT_THROW(DecodePageToken("clients", token), CognitoError);
  EXPECT_EQ(PoolArn("eu-west-2_X"),
            "arn:aws:cognito-idp:eu-west-2:123456789012:userpool/eu-west-2_X");
}

TEST_F(PoolActionsTest, TagsOnAPoolByItsArn) {
  const Json pool = CreatePool({{"PoolName", "tagged"}, {"UserPoolTags", {{"team", "auth"}}}});
  const std::string arn = pool["Arn"];
  EXPECT_EQ(Ok("ListTagsForResource", {{"ResourceArn", arn}})["Tags"], Json({{"team", "auth"}}));
  EXPECT_EQ(Ok("TagResource", {{"ResourceArn", arn}, {"Tags", {{"env", "test"}, {"team", "id"}}}}),
            Json::object());
  EXPECT_EQ(Ok("ListTagsForResource", {{"ResourceArn", arn}})["Tags"],
            Json({{"env", "test"}, {"team", "id"}}));
  Ok("UntagResource", {{"ResourceArn", arn}, {"TagKeys", {"team", "absent"}}});
  EXPECT_EQ(Ok("DescribeUserPool", {{"UserPoolId", pool["Id"]}})["UserPool"]["UserPoolTags"],
            Json({{"env", "test"}}));

  Json many = Json::object();
  for (int i = 0; i < 50; ++i) {
    many["k" + std::to_string(i)] = "v";
  }
  EXPECT_EQ(Fails("TagResource", {{"ResourceArn", arn}, {"Tags", many}}, "InvalidParameterException"),
            "A user pool can have at most 50 tags.");
  const std::string id = pool["Id"];
  const std::string other = arn.substr(0, arn.size() - 1) + (arn.back() == 'A' ? "B" : "A");
  Fails("ListTagsForResource", {{"ResourceArn", other}}, "ResourceNotFoundException");
  Fails("ListTagsForResource",
        {{"ResourceArn", "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/" + id}},
        "ResourceNotFoundException");
  Fails("ListTagsForResource", {{"ResourceArn", "arn:aws:s3:::bucket"}},
        "InvalidParameterException");
}

}  // namespace
}  // namespace cognito::actions
