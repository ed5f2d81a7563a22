// Users of Store (store_users.cc): CRUD, lookups, attributes, pagination and filters.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/store.h"

namespace cognito::storage {
namespace {

using Op = UserFilter::Op;

UserRecord User(const std::string& username, std::vector<Attribute> attributes = {}) {
  UserRecord user;
  user.pool_id = "p1";
  user.username = username;
  user.sub = "sub-" + username;
  user.status = "CONFIRMED";
  user.attributes = std::move(attributes);
  return user;
}

std::vector<std::string> Names(const std::vector<UserRecord>& users) {
  std::vector<std::string> names;
  for (const UserRecord& user : users) {
    names.push_back(user.username);
  }
  return names;
}

class StoreUsersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_->InsertPool(PoolRecord{"p1", "pool one", "{}", 1, 1});
    store_->InsertPool(PoolRecord{"p2", "pool two", "{}", 1, 1});
  }

  std::vector<std::string> List(const std::optional<UserFilter>& filter,
                                const std::string& after = "", int limit = 60) {
    return Names(store_->ListUsers("p1", after, limit, filter));
  }

  std::unique_ptr<Store> store_ = Store::Open(":memory:");
};

TEST_F(StoreUsersTest, InsertAndGetRoundTripsEveryField) {
  UserRecord user = User("Alice", {{"email", "a@example.com"}, {"custom:tier", "gold"}});
  user.status = "FORCE_CHANGE_PASSWORD";
  user.enabled = false;
  user.password = UserPassword{std::string("\x00\x01\xff", 3), std::string(384, '\x7f')};
  user.password_set_ms = 11;
  user.created_ms = 22;
  user.modified_ms = 33;
  ASSERT_TRUE(store_->InsertUser(user));
  std::optional<UserRecord> got = store_->GetUser("p1", "Alice", true);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->pool_id, "p1");
  EXPECT_EQ(got->username, "Alice");
  EXPECT_EQ(got->sub, "sub-Alice");
  EXPECT_EQ(got->status, "FORCE_CHANGE_PASSWORD");
  EXPECT_FALSE(got->enabled);
  EXPECT_EQ(got->attributes, user.attributes);
  EXPECT_FALSE(got->password.has_value()) << "user reads leave the password out";
  const UserPassword password = store_->GetPassword("p1", "Alice");
  EXPECT_EQ(password.salt, user.password->salt);
  EXPECT_EQ(password.verifier, user.password->verifier);
  EXPECT_EQ(got->password_set_ms, 11);
  EXPECT_EQ(got->created_ms, 22);
  EXPECT_EQ(got->modified_ms, 33);
  EXPECT_FALSE(store_->GetUser("p2", "Alice", true).has_value());
}

TEST_F(StoreUsersTest, EmptyPasswordStaysEmpty) {
  ASSERT_TRUE(store_->InsertUser(User("bob")));
  std::optional<UserRecord> got = store_->GetUser("p1", "bob", true);
  ASSERT_TRUE(got.has_value());
  EXPECT_TRUE(store_->GetPassword("p1", "bob").salt.empty());
  EXPECT_TRUE(store_->GetPassword("p1", "bob").verifier.empty());
  EXPECT_TRUE(store_->GetPassword("p1", "nobody").verifier.empty());
  EXPECT_TRUE(got->enabled);
}

TEST_F(StoreUsersTest, UpdateWithoutAPasswordKeepsTheStoredOne) {
  UserRecord user = User("bob");
  user.password = UserPassword{"salt", "verifier"};
  ASSERT_TRUE(store_->InsertUser(user));
  UserRecord read = *store_->GetUser("p1", "bob", true);
  ASSERT_FALSE(read.password.has_value());
  read.status = "RESET_REQUIRED";
  store_->UpdateUser(read);
  EXPECT_EQ(store_->GetPassword("p1", "bob").verifier, "verifier");
  EXPECT_EQ(store_->GetUser("p1", "bob", true)->status, "RESET_REQUIRED");
}

TEST_F(StoreUsersTest, AnEmptyVerifierRemovesThePassword) {
  UserRecord user = User("bob");
  user.password = UserPassword{"salt", "verifier"};
  ASSERT_TRUE(store_->InsertUser(user));
  user.password = UserPassword{};
  store_->UpdateUser(user);
  EXPECT_TRUE(store_->GetPassword("p1", "bob").verifier.empty());
}

TEST_F(StoreUsersTest, DeletingAUserDeletesItsPassword) {
  UserRecord user = User("bob");
  user.password = UserPassword{"salt", "verifier"};
  ASSERT_TRUE(store_->InsertUser(user));
  ASSERT_TRUE(store_->DeleteUser("p1", "bob"));
  ASSERT_TRUE(store_->InsertUser(User("bob")));
  EXPECT_TRUE(store_->GetPassword("p1", "bob").verifier.empty())
      << "a new user of the same name must not inherit the old password";
}

TEST_F(StoreUsersTest, DuplicateUsernameReturnsFalseAndKeepsOriginal) {
  ASSERT_TRUE(store_->InsertUser(User("bob", {{"email", "first@x"}})));
  UserRecord again = User("bob", {{"email", "second@x"}});
  again.sub = "another-sub";
  EXPECT_FALSE(store_->InsertUser(again));
  EXPECT_EQ(store_->GetUser("p1", "bob", true)->attributes[0].second, "first@x");
  EXPECT_FALSE(store_->GetUserBySub("p1", "another-sub").has_value());
  EXPECT_EQ(store_->CountUsers("p1"), 1);
}

TEST_F(StoreUsersTest, SameUsernameInAnotherPoolIsFine) {
  ASSERT_TRUE(store_->InsertUser(User("bob")));
  UserRecord other = User("bob");
  other.pool_id = "p2";
  EXPECT_TRUE(store_->InsertUser(other));
}

TEST_F(StoreUsersTest, OtherInsertFailuresThrowAndLeaveNothing) {
  ASSERT_TRUE(store_->InsertUser(User("bob")));
  UserRecord same_sub = User("carol");
  same_sub.sub = "sub-bob";
  EXPECT_THROW(store_->InsertUser(same_sub), StoreError) << "sub is unique per pool";
  UserRecord no_pool = User("dave");
  no_pool.pool_id = "missing";
  EXPECT_THROW(store_->InsertUser(no_pool), StoreError) << "foreign key";
  UserRecord duplicate_attribute = User("erin", {{"email", "a"}, {"email", "b"}});
  EXPECT_THROW(store_->InsertUser(duplicate_attribute), StoreError);
  EXPECT_FALSE(store_->GetUser("p1", "erin", true).has_value()) << "insert is atomic";
  EXPECT_EQ(store_->CountUsers("p1"), 1);
}

TEST_F(StoreUsersTest, CaseInsensitiveLookup) {
  ASSERT_TRUE(store_->InsertUser(User("MixedCase")));
  EXPECT_FALSE(store_->GetUser("p1", "mixedcase", true).has_value());
  std::optional<UserRecord> got = store_->GetUser("p1", "mIXEDcASE", false);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->username, "MixedCase");
  EXPECT_FALSE(store_->GetUser("p2", "mixedcase", false).has_value());
}

TEST_F(StoreUsersTest, CaseInsensitiveLookupPrefersExactMatch) {
  ASSERT_TRUE(store_->InsertUser(User("bob")));
  ASSERT_TRUE(store_->InsertUser(User("BOB")));
  ASSERT_TRUE(store_->InsertUser(User("Bob")));
  EXPECT_EQ(store_->GetUser("p1", "Bob", false)->username, "Bob");
  EXPECT_EQ(store_->GetUser("p1", "bob", false)->username, "bob");
  EXPECT_EQ(store_->GetUser("p1", "bOB", false)->username, "BOB") << "smallest wins";
}

TEST_F(StoreUsersTest, LowercasingIsAsciiOnly) {
  ASSERT_TRUE(store_->InsertUser(User("\xC3\x89mile")));  // "Émile"
  EXPECT_TRUE(store_->GetUser("p1", "\xC3\x89MILE", false).has_value());
  EXPECT_FALSE(store_->GetUser("p1", "\xC3\xA9mile", false).has_value()) << "é is not É";
}

TEST_F(StoreUsersTest, GetUserBySub) {
  ASSERT_TRUE(store_->InsertUser(User("bob", {{"email", "b@x"}})));
  std::optional<UserRecord> got = store_->GetUserBySub("p1", "sub-bob");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->username, "bob");
  EXPECT_EQ(got->attributes.size(), 1u);
  EXPECT_FALSE(store_->GetUserBySub("p2", "sub-bob").has_value());
}

TEST_F(StoreUsersTest, AttributeOrderIsInsertionOrder) {
  std::vector<Attribute> attributes = {
      {"zoneinfo", "UTC"}, {"email", "a@x"}, {"custom:b", "1"}, {"custom:a", "2"}, {"name", "A"}};
  ASSERT_TRUE(store_->InsertUser(User("bob", attributes)));
  EXPECT_EQ(store_->GetUser("p1", "bob", true)->attributes, attributes);
  EXPECT_EQ(store_->ListUsers("p1", "", 10, std::nullopt)[0].attributes, attributes);
}

TEST_F(StoreUsersTest, UpdateUserReplacesFieldsAndAttributes) {
  ASSERT_TRUE(store_->InsertUser(User("bob", {{"email", "old@x"}, {"name", "Old"}})));
  UserRecord user = *store_->GetUser("p1", "bob", true);
  user.status = "RESET_REQUIRED";
  user.enabled = false;
  user.password = UserPassword{"salt", "verifier"};
  user.modified_ms = 99;
  user.attributes = {{"phone_number", "+15550100"}, {"email", "new@x"}};
  store_->UpdateUser(user);
  std::optional<UserRecord> got = store_->GetUser("p1", "bob", true);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->status, "RESET_REQUIRED");
  EXPECT_FALSE(got->enabled);
  EXPECT_EQ(store_->GetPassword("p1", "bob").salt, "salt");
  EXPECT_EQ(store_->GetPassword("p1", "bob").verifier, "verifier");
  EXPECT_EQ(got->modified_ms, 99);
  EXPECT_EQ(got->attributes, user.attributes);
  EXPECT_EQ(List(UserFilter{"email", Op::kEquals, "old@x"}), std::vector<std::string>{});
  EXPECT_EQ(List(UserFilter{"name", Op::kEquals, "Old"}), std::vector<std::string>{});
}

TEST_F(StoreUsersTest, UpdateMissingUserThrows) {
  EXPECT_THROW(store_->UpdateUser(User("ghost", {{"email", "g@x"}})), StoreError);
  EXPECT_EQ(List(UserFilter{"email", Op::kEquals, "g@x"}), std::vector<std::string>{});
}

TEST_F(StoreUsersTest, FailedUpdateKeepsOldAttributes) {
  ASSERT_TRUE(store_->InsertUser(User("bob", {{"email", "old@x"}})));
  UserRecord user = User("bob", {{"email", "a"}, {"email", "b"}});
  EXPECT_THROW(store_->UpdateUser(user), StoreError);
  EXPECT_EQ(store_->GetUser("p1", "bob", true)->attributes,
            (std::vector<Attribute>{{"email", "old@x"}}));
}

TEST_F(StoreUsersTest, DeleteUserCascadesAttributes) {
  ASSERT_TRUE(store_->InsertUser(User("bob", {{"email", "b@x"}})));
  ASSERT_TRUE(store_->InsertUser(User("carol", {{"email", "c@x"}})));
  EXPECT_TRUE(store_->DeleteUser("p1", "bob"));
  EXPECT_FALSE(store_->DeleteUser("p1", "bob"));
  EXPECT_FALSE(store_->GetUser("p1", "bob", true).has_value());
  EXPECT_EQ(store_->CountUsers("p1"), 1);
  // Re-created without attributes: none of the old ones may reappear.
  ASSERT_TRUE(store_->InsertUser(User("bob")));
  EXPECT_TRUE(store_->GetUser("p1", "bob", true)->attributes.empty());
  EXPECT_EQ(List(UserFilter{"email", Op::kEquals, "b@x"}), std::vector<std::string>{});
}

TEST_F(StoreUsersTest, ListUsersPaginatesInBinaryOrder) {
  for (const char* name : {"delta", "Bravo", "alpha", "charlie", "echo"}) {
    ASSERT_TRUE(store_->InsertUser(User(name)));
  }
  UserRecord elsewhere = User("aaa");
  elsewhere.pool_id = "p2";
  ASSERT_TRUE(store_->InsertUser(elsewhere));
  EXPECT_EQ(List(std::nullopt, "", 2), (std::vector<std::string>{"Bravo", "alpha"}));
  EXPECT_EQ(List(std::nullopt, "alpha", 2), (std::vector<std::string>{"charlie", "delta"}));
  EXPECT_EQ(List(std::nullopt, "delta", 2), (std::vector<std::string>{"echo"}));
  EXPECT_EQ(List(std::nullopt, "echo", 2), std::vector<std::string>{});
  EXPECT_EQ(List(std::nullopt, "", 0).size(), 5u);
  EXPECT_EQ(store_->CountUsers("p1"), 5);
}

struct FilterCase {
  const char* label;
  UserFilter filter;
  std::vector<std::string> expected;
};

class StoreUsersFilterTest : public StoreUsersTest {
 protected:
  void SetUp() override {
    StoreUsersTest::SetUp();
    Add("ann", "a-1", "CONFIRMED", true, {{"email", "ann@example.com"}, {"custom:tier", "gold"}});
    Add("Ann2", "a-2", "UNCONFIRMED", true, {{"email", "ANN@example.com"}});
    Add("bob", "b-1", "CONFIRMED", false, {{"email", "bob%_*?[x]@example.com"}});
    Add("bo_b", "b-2", "FORCE_CHANGE_PASSWORD", true, {{"email", "bobby@example.com"}});
    Add("b%b", "c-1", "CONFIRMED", false, {{"custom:tier", "silver"}, {"name", "B"}});
    Add("b*?[", "c-2", "CONFIRMED", true, {{"email", "bo@example.com"}});
    UserRecord other = User("ann-elsewhere", {{"email", "ann@example.com"}});
    other.pool_id = "p2";
    ASSERT_TRUE(store_->InsertUser(other));
  }

  void Add(const std::string& name, const std::string& sub, const std::string& status,
           bool enabled, std::vector<Attribute> attributes) {
    UserRecord user = User(name, std::move(attributes));
    user.sub = sub;
    user.status = status;
    user.enabled = enabled;
    ASSERT_TRUE(store_->InsertUser(user));
  }
};

TEST_F(StoreUsersFilterTest, EveryFilterKind) {
  using V = std::vector<std::string>;
  const FilterCase cases[] = {
      {"username =", {"username", Op::kEquals, "ann"}, V{"ann"}},
      {"username = is case-sensitive", {"username", Op::kEquals, "ANN"}, V{}},
      {"username ^=", {"username", Op::kStartsWith, "bo"}, V{"bo_b", "bob"}},
      {"username ^= with %", {"username", Op::kStartsWith, "b%"}, V{"b%b"}},
      {"username ^= with _", {"username", Op::kStartsWith, "bo_"}, V{"bo_b"}},
      {"username ^= with * ? [", {"username", Op::kStartsWith, "b*?["}, V{"b*?["}},
      {"username ^= with [ only", {"username", Op::kStartsWith, "b*?[x"}, V{}},
      {"sub =", {"sub", Op::kEquals, "b-2"}, V{"bo_b"}},
      {"sub ^=", {"sub", Op::kStartsWith, "c-"}, V{"b%b", "b*?["}},
      {"user_status =", {"cognito:user_status", Op::kEquals, "CONFIRMED"},
       V{"ann", "b%b", "b*?[", "bob"}},
      {"user_status ^=", {"cognito:user_status", Op::kStartsWith, "UN"}, V{"Ann2"}},
      {"status Enabled", {"status", Op::kEquals, "Enabled"}, V{"Ann2", "ann", "b*?[", "bo_b"}},
      {"status Disabled", {"status", Op::kEquals, "Disabled"}, V{"b%b", "bob"}},
      {"status other value", {"status", Op::kEquals, "enabled"}, V{}},
      {"email =", {"email", Op::kEquals, "ann@example.com"}, V{"ann"}},
      {"email = is exact", {"email", Op::kEquals, "ann@EXAMPLE.com"}, V{}},
      {"email ^=", {"email", Op::kStartsWith, "bo"}, V{"b*?[", "bo_b", "bob"}},
      {"email ^= with % _ * ? [", {"email", Op::kStartsWith, "bob%_*?["}, V{"bob"}},
      {"email ^= % is literal", {"email", Op::kStartsWith, "bob%x"}, V{}},
      {"email ^= _ is literal", {"email", Op::kStartsWith, "b_"}, V{}},
      {"email ^= empty matches all with email", {"email", Op::kStartsWith, ""},
       V{"Ann2", "ann", "b*?[", "bo_b", "bob"}},
      {"custom attribute =", {"custom:tier", Op::kEquals, "silver"}, V{"b%b"}},
      {"custom attribute ^=", {"custom:tier", Op::kStartsWith, "g"}, V{"ann"}},
      {"name =", {"name", Op::kEquals, "B"}, V{"b%b"}},
      {"unknown attribute", {"family_name", Op::kEquals, "x"}, V{}},
  };
  for (const FilterCase& c : cases) {
    EXPECT_EQ(List(c.filter), c.expected) << c.label;
  }
}

TEST_F(StoreUsersFilterTest, FilteredListsPaginate) {
  UserFilter confirmed{"cognito:user_status", Op::kEquals, "CONFIRMED"};
  EXPECT_EQ(List(confirmed, "", 2), (std::vector<std::string>{"ann", "b%b"}));
  EXPECT_EQ(List(confirmed, "b%b", 2), (std::vector<std::string>{"b*?[", "bob"}));
  EXPECT_EQ(List(confirmed, "bob", 2), std::vector<std::string>{});
  UserFilter email_bo{"email", Op::kStartsWith, "bo"};
  EXPECT_EQ(List(email_bo, "", 1), (std::vector<std::string>{"b*?["}));
  EXPECT_EQ(List(email_bo, "b*?[", 1), (std::vector<std::string>{"bo_b"}));
  EXPECT_EQ(List(email_bo, "bo_b", 5), (std::vector<std::string>{"bob"}));
}

TEST_F(StoreUsersFilterTest, FilteredUsersCarryAllAttributes) {
  std::vector<UserRecord> users =
      store_->ListUsers("p1", "", 10, UserFilter{"custom:tier", Op::kEquals, "gold"});
  ASSERT_EQ(users.size(), 1u);
  EXPECT_EQ(users[0].attributes,
            (std::vector<Attribute>{{"email", "ann@example.com"}, {"custom:tier", "gold"}}));
  EXPECT_EQ(users[0].sub, "a-1");
}

}  // namespace
}  // namespace cognito::storage
