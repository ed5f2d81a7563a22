#include <gtest/gtest.h>

#include "auth/jwt.h"
#include "tests/unit/actions/service_fixture.h"

namespace cognito::actions {
namespace {

using testing::ServiceTest;

class GroupActionsTest : public ServiceTest {
 protected:
  void SetUp() override {
    pool_ = CreatePool();
    CreateUser(pool_, "ann", "Passw0rd!", true);
    CreateUser(pool_, "bob", "Passw0rd!", true);
  }
  Json Group(const std::string& name, const Json& extra = Json::object()) {
    Json input = extra;
    input["UserPoolId"] = pool_;
    input["GroupName"] = name;
    return input;
  }
  Json Member(const std::string& group, const std::string& user) {
    return {{"UserPoolId", pool_}, {"GroupName", group}, {"Username", user}};
  }
  std::string pool_;
};

TEST_F(GroupActionsTest, CreateGetUpdateDelete) {
  Json g = Ok("CreateGroup", Group("admins", {{"Description", "d"}, {"Precedence", 1},
                                              {"RoleArn", "arn:aws:iam::123456789012:role/admin"}}))["Group"];
  EXPECT_EQ(g["GroupName"], "admins");
  EXPECT_EQ(g["UserPoolId"], pool_);
  EXPECT_EQ(g["Precedence"], 1);
  EXPECT_TRUE(g["CreationDate"].is_number());
  Json e = Fail("CreateGroup", Group("admins"));
  EXPECT_EQ(e["__type"], "GroupExistsException");
  EXPECT_EQ(e["message"], "A group with the name admins already exists.");
  EXPECT_EQ(Ok("GetGroup", Group("admins"))["Group"]["Description"], "d");
  Json updated = Ok("UpdateGroup", Group("admins", {{"Description", "new"}}))["Group"];
  EXPECT_EQ(updated["Description"], "new");
  EXPECT_EQ(updated["Precedence"], 1);  // members not given are kept
  Ok("DeleteGroup", Group("admins"));
  e = Fail("GetGroup", Group("admins"));
  EXPECT_EQ(e["__type"], "ResourceNotFoundException");
  EXPECT_EQ(e["message"], "Group not found.");
  EXPECT_EQ(Fail("DeleteGroup", Group("admins"))["__type"], "ResourceNotFoundException");
  EXPECT_EQ(Fail("CreateGroup", {{"UserPoolId", "us-east-1_nopool"}, {"GroupName", "x"}})["__type"],
            "ResourceNotFoundException");
}

TEST_F(GroupActionsTest, ListGroupsPaginates) {
  for (const char* name : {"c", "a", "b"}) {
    Ok("CreateGroup", Group(name));
  }
  std::vector<std::string> seen;
  Json input{{"UserPoolId", pool_}, {"Limit", 2}};
  for (int i = 0; i < 5; ++i) {
    Json out = Ok("ListGroups", input);
    for (const auto& g : out["Groups"]) seen.push_back(g["GroupName"]);
    if (!out.contains("NextToken")) break;
    input["NextToken"] = out["NextToken"];
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(Fail("ListGroups", {{"UserPoolId", pool_}, {"NextToken", "bogus"}})["__type"],
            "InvalidParameterException");
}

TEST_F(GroupActionsTest, MembershipAndListings) {
  Ok("CreateGroup", Group("staff"));
  Ok("CreateGroup", Group("ops"));
  Ok("AdminAddUserToGroup", Member("staff", "ann"));
  Ok("AdminAddUserToGroup", Member("staff", "ann"));  // idempotent
  Ok("AdminAddUserToGroup", Member("staff", "bob"));
  Ok("AdminAddUserToGroup", Member("ops", "ann"));
  Json users = Ok("ListUsersInGroup", {{"UserPoolId", pool_}, {"GroupName", "staff"}, {"Limit", 1}});
  ASSERT_EQ(users["Users"].size(), 1u);
  EXPECT_EQ(users["Users"][0]["Username"], "ann");
  Json next = Ok("ListUsersInGroup", {{"UserPoolId", pool_}, {"GroupName", "staff"}, {"NextToken", users["NextToken"]}});
  EXPECT_EQ(next["Users"][0]["Username"], "bob");
  EXPECT_EQ(next.count("NextToken"), 0u);
  Json groups = Ok("AdminListGroupsForUser", {{"UserPoolId", pool_}, {"Username", "ann"}});
  ASSERT_EQ(groups["Groups"].size(), 2u);
  EXPECT_EQ(groups["Groups"][0]["GroupName"], "ops");
  Ok("AdminRemoveUserFromGroup", Member("staff", "ann"));
  EXPECT_EQ(Ok("AdminListGroupsForUser", {{"UserPoolId", pool_}, {"Username", "ann"}})["Groups"].size(), 1u);
  EXPECT_EQ(Fail("AdminAddUserToGroup", Member("nope", "ann"))["message"], "Group not found.");
  EXPECT_EQ(Fail("AdminAddUserToGroup", Member("staff", "zed"))["__type"], "UserNotFoundException");
  // Deleting a user or a group removes the memberships.
  Ok("AdminDeleteUser", {{"UserPoolId", pool_}, {"Username", "bob"}});
  EXPECT_TRUE(Ok("ListUsersInGroup", {{"UserPoolId", pool_}, {"GroupName", "staff"}})["Users"].empty());
  Ok("DeleteGroup", Group("ops"));
  EXPECT_TRUE(Ok("AdminListGroupsForUser", {{"UserPoolId", pool_}, {"Username", "ann"}})["Groups"].empty());
}

TEST_F(GroupActionsTest, GroupsAndRolesAppearInTokens) {
  const std::string client = CreateClient(pool_, {"ALLOW_USER_PASSWORD_AUTH"})["ClientId"];
  auto sign_in = [&](const std::string& user) {
    return Ok("InitiateAuth", {{"ClientId", client},
                               {"AuthFlow", "USER_PASSWORD_AUTH"},
                               {"AuthParameters", {{"USERNAME", user}, {"PASSWORD", "Passw0rd!"}}}})
        ["AuthenticationResult"];
  };
  auto claims = [](const Json& token) {
    return Json::parse(auth::DecodeJwt(token.get<std::string>())->payload_json);
  };
  Ok("CreateGroup", Group("low", {{"Precedence", 5}, {"RoleArn", "arn:aws:iam::123456789012:role/low"}}));
  Ok("CreateGroup", Group("high", {{"Precedence", 1}, {"RoleArn", "arn:aws:iam::123456789012:role/high"}}));
  Ok("CreateGroup", Group("plain"));
  for (const char* g : {"low", "high", "plain"}) {
    Ok("AdminAddUserToGroup", Member(g, "ann"));
  }
  Json tokens = sign_in("ann");
  Json id = claims(tokens["IdToken"]);
  EXPECT_EQ(id["cognito:groups"], Json({"high", "low", "plain"}));
  EXPECT_EQ(id["cognito:roles"], Json({"arn:aws:iam::123456789012:role/high", "arn:aws:iam::123456789012:role/low"}));
  EXPECT_EQ(id["cognito:preferred_role"], "arn:aws:iam::123456789012:role/high");
  Json access = claims(tokens["AccessToken"]);
  EXPECT_EQ(access["cognito:groups"], Json({"high", "low", "plain"}));
  EXPECT_EQ(access.count("cognito:roles"), 0u);
  // No groups, no claim.
  Json bob = claims(sign_in("bob")["IdToken"]);
  EXPECT_EQ(bob.count("cognito:groups"), 0u);
}

}  // namespace
}  // namespace cognito::actions
