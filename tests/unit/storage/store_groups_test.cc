#include <gtest/gtest.h>

#include "storage/store.h"

namespace cognito::storage {
namespace {

class StoreGroupsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Store::Open(":memory:");
    store_->InsertPool(PoolRecord{"us-east-1_p", "p", "{}", 1, 1});
    for (const char* name : {"ann", "bob"}) {
      UserRecord user;
      user.pool_id = "us-east-1_p";
      user.username = name;
      user.sub = std::string("sub-") + name;
      user.status = "CONFIRMED";
      ASSERT_TRUE(store_->InsertUser(user));
    }
  }
  GroupRecord Group(const std::string& name, std::optional<int64_t> precedence) {
    return GroupRecord{"us-east-1_p", name, "", "", precedence, 1, 1};
  }
  std::unique_ptr<Store> store_;
};

TEST_F(StoreGroupsTest, CrudKeepsOptionalPrecedence) {
  EXPECT_TRUE(store_->InsertGroup(Group("g", std::nullopt)));
  EXPECT_FALSE(store_->InsertGroup(Group("g", 1)));
  EXPECT_FALSE(store_->GetGroup("us-east-1_p", "g")->precedence.has_value());
  GroupRecord g = Group("g", 0);
  g.description = "d";
  store_->UpdateGroup(g);
  EXPECT_EQ(store_->GetGroup("us-east-1_p", "g")->precedence, 0);
  EXPECT_EQ(store_->GetGroup("us-east-1_p", "g")->description, "d");
  EXPECT_THROW(store_->UpdateGroup(Group("nope", 1)), StoreError);
  EXPECT_TRUE(store_->DeleteGroup("us-east-1_p", "g"));
  EXPECT_FALSE(store_->GetGroup("us-east-1_p", "g"));
}

TEST_F(StoreGroupsTest, MembershipOrderAndCascades) {
  store_->InsertGroup(Group("z", 1));
  store_->InsertGroup(Group("a", std::nullopt));
  store_->InsertGroup(Group("m", 2));
  for (const char* g : {"z", "a", "m"}) {
    store_->AddUserToGroup("us-east-1_p", g, "ann");
  }
  store_->AddUserToGroup("us-east-1_p", "z", "ann");  // idempotent
  store_->AddUserToGroup("us-east-1_p", "z", "bob");
  std::vector<std::string> names;
  for (const auto& g : store_->GroupsOfUser("us-east-1_p", "ann")) names.push_back(g.name);
  EXPECT_EQ(names, (std::vector<std::string>{"z", "m", "a"}));  // precedence, none last
  auto members = store_->UsersInGroup("us-east-1_p", "z", "", 0);
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[1].username, "bob");
  EXPECT_EQ(store_->UsersInGroup("us-east-1_p", "z", "ann", 1)[0].username, "bob");
  EXPECT_THROW(store_->AddUserToGroup("us-east-1_p", "nope", "ann"), StoreError);
  EXPECT_TRUE(store_->RemoveUserFromGroup("us-east-1_p", "m", "ann"));
  EXPECT_FALSE(store_->RemoveUserFromGroup("us-east-1_p", "m", "ann"));
  store_->DeleteUser("us-east-1_p", "bob");
  EXPECT_EQ(store_->UsersInGroup("us-east-1_p", "z", "", 0).size(), 1u);
  store_->DeleteGroup("us-east-1_p", "z");
  EXPECT_EQ(store_->GroupsOfUser("us-east-1_p", "ann").size(), 1u);
  store_->DeletePool("us-east-1_p");
  EXPECT_TRUE(store_->ListGroups("us-east-1_p", "", 0).empty());
}

}  // namespace
}  // namespace cognito::storage
