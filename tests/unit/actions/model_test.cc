#include "server/actions/model.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/actions/action_table.h"

namespace cognito::actions {
namespace {

using nlohmann::json;

std::string Validate(const std::string& op, const json& input) {
  const Model& model = Model::Get();
  const Model::Operation* o = model.FindOperation(op);
  EXPECT_NE(o, nullptr) << op;
  return o ? model.Validate(*o, input) : "";
}

struct Case {
  const char* label;
  const char* op;
  json input;
  std::string expected;  // empty = valid
};

TEST(ModelTest, ValidatesLikeCognito) {
  const std::string big(129, 'a');
  // The access token's pattern is a character class: checked by a table, not a regex.
  const std::string token_class =
      "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member "
      "must satisfy regular expression pattern: [A-Za-z0-9-_=.]+";
  const Case cases[] = {
      {"valid minimal", "DescribeUserPool", {{"UserPoolId", "us-east-1_abc"}}, ""},
      {"unknown members are ignored", "DescribeUserPool",
       {{"UserPoolId", "us-east-1_abc"}, {"Whatever", 1}}, ""},
      {"missing required", "DescribeUserPool", json::object(),
       "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: "
       "Member must not be null"},
      {"null is absent", "DescribeUserPool", {{"UserPoolId", nullptr}},
       "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: "
       "Member must not be null"},
      {"pattern", "DescribeUserPool", {{"UserPoolId", "nounderscore"}},
       "1 validation error detected: Value 'nounderscore' at 'userPoolId' failed to satisfy "
       "constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+"},
      {"max length", "CreateUserPool", {{"PoolName", big}},
       "1 validation error detected: Value '" + big +
           "' at 'poolName' failed to satisfy constraint: Member must have length less than or "
           "equal to 128"},
      {"wrong type", "DescribeUserPool", {{"UserPoolId", 5}},
       "1 validation error detected: Value '5' at 'userPoolId' failed to satisfy constraint: "
       "Member must be of type string"},
      {"enum", "CreateUserPool", {{"PoolName", "p"}, {"MfaConfiguration", "SOMETIMES"}},
       "1 validation error detected: Value 'SOMETIMES' at 'mfaConfiguration' failed to satisfy "
       "constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]"},
      {"integer range", "ListUserPools", {{"MaxResults", 61}},
       "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: "
       "Member must have value less than or equal to 60"},
      {"sensitive value hidden", "AdminSetUserPassword",
       {{"UserPoolId", "us-east-1_abc"}, {"Username", "bob"}, {"Password", "has space"}},
       "1 validation error detected: Value at 'password' failed to satisfy constraint: Member "
       "must satisfy regular expression pattern: [\\S]+"},
      {"two errors", "AdminGetUser", json::object(),
       "2 validation errors detected: Value null at 'userPoolId' failed to satisfy constraint: "
       "Member must not be null; Value null at 'username' failed to satisfy constraint: Member must "
       "not be null"},
      {"nested list path", "AdminCreateUser",
       {{"UserPoolId", "us-east-1_abc"}, {"Username", "bob"},
        {"UserAttributes", json::array({{{"Value", "x"}}})}},
       "1 validation error detected: Value null at 'userAttributes.1.member.name' failed to "
       "satisfy constraint: Member must not be null"},
      {"unicode username accepted", "AdminGetUser",
       {{"UserPoolId", "us-east-1_abc"}, {"Username", "j\xc3\xb6rg"}}, ""},
      {"map values must be strings", "InitiateAuth",
       {{"ClientId", "abc"}, {"AuthFlow", "USER_PASSWORD_AUTH"}, {"AuthParameters", {{"USERNAME", 1}}}},
       "1 validation error detected: Value at 'authParameters.USERNAME' failed to satisfy "
       "constraint: Member must be of type string"},
      {"character class: every character is checked, the last too", "GetUser",
       {{"AccessToken", "abc.DEF-ghi_jkl=mno~"}}, token_class},
      {"character class: a non-ASCII character is refused", "GetUser",
       {{"AccessToken", "abc.def\xc3\xb6"}}, token_class},
      {"character class: every allowed character", "GetUser",
       {{"AccessToken", "aZ09-_=.aZ09-_=."}}, ""},
      {"null map values are absent", "InitiateAuth",
       {{"ClientId", "abc"}, {"AuthFlow", "USER_PASSWORD_AUTH"}, {"AuthParameters", {{"DEVICE_KEY", nullptr}}}},
       ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Validate(c.op, c.input), c.expected) << c.label;
  }
}

// Matches are remembered per thread (a few strings per pattern); a remembered string must not
// let another one through, whichever order they come in.
TEST(ModelTest, RememberedMatchesLetOnlyTheSameStringThrough) {
  const std::string bad =
      "1 validation error detected: Value 'us-east-1-abc' at 'userPoolId' failed to satisfy "
      "constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+";
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(Validate("DescribeUserPool", {{"UserPoolId", "us-east-1_abc"}}), "");
    EXPECT_EQ(Validate("DescribeUserPool", {{"UserPoolId", "us-east-1-abc"}}), bad);
    EXPECT_EQ(Validate("DescribeUserPool", {{"UserPoolId", "us-east-1_abc "}}),
              "1 validation error detected: Value 'us-east-1_abc ' at 'userPoolId' failed to "
              "satisfy constraint: Member must satisfy regular expression pattern: "
              "[\\w-]+_[0-9a-zA-Z]+");
  }
  for (int i = 0; i < 10; ++i) {  // more strings than are remembered
    EXPECT_EQ(Validate("DescribeUserPool", {{"UserPoolId", "us-east-1_p" + std::to_string(i)}}),
              "");
  }
  EXPECT_EQ(Validate("DescribeUserPool", {{"UserPoolId", "us-east-1-abc"}}), bad);
}

TEST(ModelTest, HugeValuesAreCutInMessages) {
  const std::string huge(100000, 'x');
  const std::string message = Validate("CreateUserPool", {{"PoolName", huge}});
  EXPECT_LT(message.size(), 1000u);
  EXPECT_NE(message.find("less than or equal to 128"), std::string::npos);
}

TEST(ModelTest, KnowsEveryOperationOfTheApi) {
  EXPECT_NE(Model::Get().FindOperation("InitiateAuth"), nullptr);
  EXPECT_TRUE(Model::Get().FindOperation("InitiateAuth")->unsigned_op);
  EXPECT_FALSE(Model::Get().FindOperation("AdminInitiateAuth")->unsigned_op);
  EXPECT_EQ(Model::Get().FindOperation("NoSuchAction"), nullptr);
}

TEST(ActionTableTest, IsSortedAndFindsActions) {
  EXPECT_TRUE(ActionTableIsSorted());
  ASSERT_NE(FindAction("AdminDeleteUser"), nullptr);
  EXPECT_EQ(FindAction("AdminDeleteUser")->tx, Tx::kWrite);
  EXPECT_EQ(FindAction("AdminCreateUser")->tx, Tx::kReadThenWrite);
  EXPECT_EQ(FindAction("InitiateAuth")->tx, Tx::kReadThenWrite);
  EXPECT_EQ(FindAction("NoSuchAction"), nullptr);
  // Every implemented action exists in the API model.
  for (const char* name : {"AdminGetUser", "ListUsers", "InitiateAuth", "GetUser"}) {
    EXPECT_NE(Model::Get().FindOperation(name), nullptr) << name;
  }
}

}  // namespace
}  // namespace cognito::actions
