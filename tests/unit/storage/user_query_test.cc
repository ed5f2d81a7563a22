#include "storage/user_query.h"

#include <gtest/gtest.h>

#include <string>

#include "storage/schema.h"
#include "storage/sqlite.h"

namespace cognito::storage {
namespace {

using Op = UserFilter::Op;

struct BoundCase {
  const char* label;
  std::string prefix;
  std::optional<std::string> bound;
};

TEST(PrefixUpperBoundTest, KnownAnswers) {
  const BoundCase cases[] = {
      {"empty prefix has no bound", "", std::nullopt},
      {"last byte incremented", "abc", "abd"},
      {"percent", "a%", "a&"},
      {"multibyte utf-8", "\xC3\xA9", "\xC3\xAA"},
      {"trailing 0xFF carried", std::string("a\xFF"), "b"},
      {"only 0xFF", std::string("\xFF\xFF"), std::nullopt},
      {"0x7F becomes 0x80", "\x7F", "\x80"},
  };
  for (const BoundCase& c : cases) {
    EXPECT_EQ(PrefixUpperBound(c.prefix), c.bound) << c.label;
  }
}

TEST(BuildUserListQueryTest, ParametersPerFilterKind) {
  EXPECT_TRUE(BuildUserListQuery(std::nullopt).values.empty());
  EXPECT_EQ(BuildUserListQuery(UserFilter{"username", Op::kEquals, "bob"}).values,
            (std::vector<std::string>{"bob"}));
  EXPECT_EQ(BuildUserListQuery(UserFilter{"sub", Op::kStartsWith, "ab"}).values,
            (std::vector<std::string>{"ab", "ac"}));
  EXPECT_EQ(BuildUserListQuery(UserFilter{"email", Op::kStartsWith, ""}).values,
            (std::vector<std::string>{"email", ""}));
  EXPECT_EQ(BuildUserListQuery(UserFilter{"custom:x", Op::kEquals, "1"}).values,
            (std::vector<std::string>{"custom:x", "1"}));
}

TEST(BuildUserListQueryTest, StatusFilterMapsToEnabledFlag) {
  EXPECT_NE(BuildUserListQuery(UserFilter{"status", Op::kEquals, "Enabled"}).sql.find(
                "u.enabled = 1"),
            std::string::npos);
  EXPECT_NE(BuildUserListQuery(UserFilter{"status", Op::kEquals, "Disabled"}).sql.find(
                "u.enabled = 0"),
            std::string::npos);
  EXPECT_TRUE(BuildUserListQuery(UserFilter{"status", Op::kEquals, "enabled"}).matches_nothing);
  EXPECT_TRUE(BuildUserListQuery(UserFilter{"status", Op::kStartsWith, "X"}).matches_nothing);
  UserListQuery any = BuildUserListQuery(UserFilter{"status", Op::kStartsWith, ""});
  EXPECT_FALSE(any.matches_nothing);
  EXPECT_EQ(any.sql.find("u.enabled ="), std::string::npos);
}

struct PlanCase {
  const char* label;
  std::optional<UserFilter> filter;
  const char* expected;  // must appear in the plan of the first table searched
};

std::string QueryPlan(Connection& db, const UserListQuery& query) {
  Statement stmt = db.Prepare("EXPLAIN QUERY PLAN " + query.sql);
  std::string plan;
  while (stmt.Step()) {
    plan += stmt.Text(3) + "\n";
  }
  return plan;
}

TEST(BuildUserListQueryTest, EveryFilterSearchesAnIndex) {
  Connection db = Connection::Open(":memory:");
  ApplyMigrations(db);
  const PlanCase cases[] = {
      {"no filter", std::nullopt, "SEARCH u USING PRIMARY KEY (pool_id=? AND username>?)"},
      {"username =", UserFilter{"username", Op::kEquals, "a"},
       "SEARCH u USING PRIMARY KEY (pool_id=? AND username=?)"},
      {"username ^=", UserFilter{"username", Op::kStartsWith, "a"},
       "SEARCH u USING PRIMARY KEY (pool_id=? AND username>? AND username<?)"},
      {"sub =", UserFilter{"sub", Op::kEquals, "a"},
       "USING INDEX users_by_sub (pool_id=? AND sub=? AND username>?)"},
      {"sub ^=", UserFilter{"sub", Op::kStartsWith, "a"},
       "USING INDEX users_by_sub (pool_id=? AND sub>? AND sub<?)"},
      {"cognito:user_status =", UserFilter{"cognito:user_status", Op::kEquals, "CONFIRMED"},
       "USING INDEX users_by_status (pool_id=? AND status=? AND username>?)"},
      {"status Enabled", UserFilter{"status", Op::kEquals, "Enabled"},
       "USING INDEX users_by_enabled (pool_id=? AND enabled=? AND username>?)"},
      {"status Disabled", UserFilter{"status", Op::kEquals, "Disabled"},
       "USING INDEX users_by_enabled (pool_id=? AND enabled=? AND username>?)"},
      {"email =", UserFilter{"email", Op::kEquals, "a@x"},
       "USING COVERING INDEX user_attributes_by_value (pool_id=? AND name=? AND value=? AND "
       "username>?)"},
      {"email ^=", UserFilter{"email", Op::kStartsWith, "a%_*?["},
       "USING COVERING INDEX user_attributes_by_value (pool_id=? AND name=? AND value>? AND "
       "value<?)"},
      {"custom ^= empty", UserFilter{"custom:tier", Op::kStartsWith, ""},
       "USING COVERING INDEX user_attributes_by_value (pool_id=? AND name=? AND value>?)"},
  };
  for (const PlanCase& c : cases) {
    std::string plan = QueryPlan(db, BuildUserListQuery(c.filter));
    EXPECT_NE(plan.find(c.expected), std::string::npos) << c.label << "\n" << plan;
    EXPECT_EQ(plan.find("SCAN"), std::string::npos) << c.label << "\n" << plan;
  }
}

TEST(BuildUserListQueryTest, AttributeFilterJoinsUsersByPrimaryKey) {
  Connection db = Connection::Open(":memory:");
  ApplyMigrations(db);
  std::string plan =
      QueryPlan(db, BuildUserListQuery(UserFilter{"email", Op::kEquals, "a@example.com"}));
  EXPECT_NE(plan.find("SEARCH u USING PRIMARY KEY (pool_id=? AND username=?)"),
            std::string::npos)
      << plan;
  // Equality on the value keeps index order = username order: no sort step.
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
}

}  // namespace
}  // namespace cognito::storage
