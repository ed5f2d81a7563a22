#include <gtest/gtest.h>

#include <set>

#include "tests/unit/actions/service_fixture.h"

namespace cognito::actions {
namespace {

using testing::ServiceTest;

class UserActionsTest : public ServiceTest {};

const Json kEmail = Json::array({{{"Name", "email"}, {"Value", "ann@example.com"}}});

TEST_F(UserActionsTest, AdminCreateUserReturnsUserType) {
  const std::string pool = CreatePool();
  Json out = Ok("AdminCreateUser", {{"UserPoolId", pool},
                                    {"Username", "ann"},
                                    {"TemporaryPassword", "Temp-Pass1"},
                                    {"MessageAction", "SUPPRESS"},
                                    {"UserAttributes", kEmail}});
  const Json& user = out["User"];
  EXPECT_EQ(user["Username"], "ann");
  EXPECT_EQ(user["UserStatus"], "FORCE_CHANGE_PASSWORD");
  EXPECT_EQ(user["Enabled"], true);
  EXPECT_TRUE(user["UserCreateDate"].is_number());
  ASSERT_EQ(user["Attributes"].size(), 2u);
  EXPECT_EQ(user["Attributes"][0]["Name"], "sub");
  EXPECT_EQ(user["Attributes"][0]["Value"].get<std::string>().size(), 36u);
  EXPECT_EQ(user["Attributes"][1], kEmail[0]);
  EXPECT_EQ(user.count("Password"), 0u);
  EXPECT_EQ(user.count("TemporaryPassword"), 0u);
}

TEST_F(UserActionsTest, AdminCreateUserErrors) {
  const std::string pool = CreatePool();
  CreateUser(pool, "ann", "Temp-Pass1", false);
  Json e = Fail("AdminCreateUser", {{"UserPoolId", pool}, {"Username", "ann"}});
  EXPECT_EQ(e["__type"], "UsernameExistsException");
  EXPECT_EQ(e["message"], "User account already exists");

  e = Fail("AdminCreateUser", {{"UserPoolId", pool}, {"Username", "bob"}, {"TemporaryPassword", "short"}});
  EXPECT_EQ(e["__type"], "InvalidPasswordException");
  EXPECT_EQ(e["message"], "Password does not conform to policy: Password not long enough");

  e = Fail("AdminCreateUser", {{"UserPoolId", pool},
                               {"Username", "bob"},
                               {"UserAttributes", {{{"Name", "shoe_size"}, {"Value", "9"}}}}});
  EXPECT_EQ(e["__type"], "InvalidParameterException");
  EXPECT_EQ(e["message"],
            "Attributes did not conform to the schema: shoe_size: Attribute does not exist in the schema.\n");

  e = Fail("AdminCreateUser", {{"UserPoolId", "us-east-1_nopool"}, {"Username", "bob"}});
  EXPECT_EQ(e["__type"], "ResourceNotFoundException");
  EXPECT_EQ(e["message"], "User pool us-east-1_nopool does not exist.");

  e = Fail("AdminCreateUser", {{"UserPoolId", pool}, {"Username", 42}});
  EXPECT_EQ(e["__type"], "InvalidParameterException");
  e = Fail("AdminCreateUser", {{"UserPoolId", pool}, {"Username", std::string(129, 'u')}});
  EXPECT_EQ(e["__type"], "InvalidParameterException");
  EXPECT_NE(e["message"].get<std::string>().find("less than or equal to 128"), std::string::npos);
}

TEST_F(UserActionsTest, GeneratedTemporaryPasswordsAreUnique) {
  const std::string pool = CreatePool();
  Ok("AdminCreateUser", {{"UserPoolId", pool}, {"Username", "gen1"}, {"MessageAction", "SUPPRESS"}});
  EXPECT_EQ(Ok("AdminGetUser", {{"UserPoolId", pool}, {"Username", "gen1"}})["UserStatus"],
            "FORCE_CHANGE_PASSWORD");
}

TEST_F(UserActionsTest, EmailUsernamePoolsUseSubAsUsername) {
  const std::string pool = CreatePool({{"UsernameAttributes", {"email"}}});
  Json user = Ok("AdminCreateUser", {{"UserPoolId", pool},
                                     {"Username", "zed@example.com"},
                                     {"MessageAction", "SUPPRESS"}})["User"];
  EXPECT_EQ(user["Username"], user["Attributes"][0]["Value"]);
  Json got = Ok("AdminGetUser", {{"UserPoolId", pool}, {"Username", "zed@example.com"}});
  EXPECT_EQ(got["Username"], user["Username"]);
  Json e = Fail("AdminCreateUser", {{"UserPoolId", pool}, {"Username", "not-an-email"}});
  EXPECT_EQ(e["message"], "Username should be either an email or a phone number.");
  e = Fail("AdminCreateUser", {{"UserPoolId", pool}, {"Username", "zed@example.com"}});
  EXPECT_EQ(e["__type"], "UsernameExistsException");
}

TEST_F(UserActionsTest, AdminGetUserAndDelete) {
  const std::string pool = CreatePool();
  CreateUser(pool, "ann", "Passw0rd!", true, kEmail);
  Json got = Ok("AdminGetUser", {{"UserPoolId", pool}, {"Username", "ann"}});
  EXPECT_EQ(got["UserStatus"], "CONFIRMED");
  EXPECT_EQ(got["UserAttributes"][1], kEmail[0]);
  EXPECT_EQ(got.count("Attributes"), 0u);

  Ok("AdminDeleteUser", {{"UserPoolId", pool}, {"Username", "ann"}});
  Json e = Fail("AdminGetUser", {{"UserPoolId", pool}, {"Username", "ann"}});
  EXPECT_EQ(e["__type"], "UserNotFoundException");
  EXPECT_EQ(e["message"], "User does not exist.");
  e = Fail("AdminDeleteUser", {{"UserPoolId", pool}, {"Username", "ann"}});
  EXPECT_EQ(e["__type"], "UserNotFoundException");
}

TEST_F(UserActionsTest, AdminSetUserPasswordPermanentAndTemporary) {
  const std::string pool = CreatePool();
  CreateUser(pool, "ann", "Temp-Pass1", false);
  Ok("AdminSetUserPassword", {{"UserPoolId", pool}, {"Username", "ann"}, {"Password", "Perm-Pass1"}, {"Permanent", true}});
  EXPECT_EQ(Ok("AdminGetUser", {{"UserPoolId", pool}, {"Username", "ann"}})["UserStatus"], "CONFIRMED");
  Ok("AdminSetUserPassword", {{"UserPoolId", pool}, {"Username", "ann"}, {"Password", "Perm-Pass2"}});
  EXPECT_EQ(Ok("AdminGetUser", {{"UserPoolId", pool}, {"Username", "ann"}})["UserStatus"],
            "FORCE_CHANGE_PASSWORD");
  Json e = Fail("AdminSetUserPassword", {{"UserPoolId", pool}, {"Username", "ann"}, {"Password", "alllowercase1!"}});
  EXPECT_EQ(e["__type"], "InvalidPasswordException");
  EXPECT_EQ(e["message"], "Password does not conform to policy: Password must have uppercase characters");
  e = Fail("AdminSetUserPassword", {{"UserPoolId", pool}, {"Username", "nobody"}, {"Password", "Perm-Pass1"}});
  EXPECT_EQ(e["__type"], "UserNotFoundException");
}

TEST_F(UserActionsTest, ListUsersPaginatesInUsernameOrder) {
  const std::string pool = CreatePool();
  for (const char* name : {"carl", "anna", "bert"}) {
    CreateUser(pool, name, "Temp-Pass1", false);
  }
  std::vector<std::string> seen;
  Json input{{"UserPoolId", pool}, {"Limit", 2}};
  for (int page = 0; page < 5; ++page) {
    Json out = Ok("ListUsers", input);
    for (const auto& u : out["Users"]) {
      seen.push_back(u["Username"]);
    }
    if (!out.contains("PaginationToken")) {
      break;
    }
    input["PaginationToken"] = out["PaginationToken"];
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"anna", "bert", "carl"}));
  Json e = Fail("ListUsers", {{"UserPoolId", pool}, {"PaginationToken", "!!!"}});
  EXPECT_EQ(e["__type"], "InvalidParameterException");
  e = Fail("ListUsers", {{"UserPoolId", pool}, {"Limit", 61}});
  EXPECT_EQ(e["__type"], "InvalidParameterException");
}

TEST_F(UserActionsTest, ListUsersFilters) {
  const std::string pool = CreatePool();
  CreateUser(pool, "anna", "Temp-Pass1", false, {{{"Name", "email"}, {"Value", "anna@a.com"}}});
  CreateUser(pool, "bert", "Temp-Pass1", true, {{{"Name", "email"}, {"Value", "bert@b.com"}}});
  auto names = [&](const std::string& filter) {
    std::set<std::string> out;
    const Json listed = Ok("ListUsers", {{"UserPoolId", pool}, {"Filter", filter}});
    for (const auto& u : listed["Users"]) {
      out.insert(u["Username"].get<std::string>());
    }
    return out;
  };
  EXPECT_EQ(names("email = \"anna@a.com\""), std::set<std::string>{"anna"});
  EXPECT_EQ(names("email ^= \"b\""), std::set<std::string>{"bert"});
  EXPECT_EQ(names("username ^= \"\""), (std::set<std::string>{"anna", "bert"}));
  EXPECT_EQ(names("cognito:user_status = \"CONFIRMED\""), std::set<std::string>{"bert"});
  EXPECT_EQ(names("status = \"Enabled\""), (std::set<std::string>{"anna", "bert"}));
  for (const char* bad : {"email", "email = anna", "email == \"a\"", "email = \"a", "shoe = \"1\""}) {
    EXPECT_EQ(Fail("ListUsers", {{"UserPoolId", pool}, {"Filter", bad}})["__type"],
              "InvalidParameterException")
        << bad;
  }
  Json only = Ok("ListUsers", {{"UserPoolId", pool}, {"AttributesToGet", {"email"}}});
  ASSERT_EQ(only["Users"][0]["Attributes"].size(), 1u);
  EXPECT_EQ(only["Users"][0]["Attributes"][0]["Name"], "email");
}

}  // namespace
}  // namespace cognito::actions
