// FormatSrpTimestamp / ParseSrpTimestamp from auth/srp.h (implemented in srp_timestamp.cc).
#include <gtest/gtest.h>

#include <string>

#include "auth/srp.h"
#include "test_vectors.h"

namespace cognito::auth {
namespace {

TEST(SrpTimestampTest, FormatsEveryVector) {
  const nlohmann::json cases = testing::VectorSection("timestamps");
  ASSERT_TRUE(cases.is_array());
  ASSERT_GE(cases.size(), 4u);
  for (const nlohmann::json& c : cases) {
    const auto text = c.at("TIMESTAMP").get<std::string>();
    const int64_t seconds = c.at("epoch_ms").get<int64_t>() / 1000;
    SCOPED_TRACE(text);
    EXPECT_EQ(FormatSrpTimestamp(seconds), text);
    EXPECT_EQ(ParseSrpTimestamp(text), seconds);
  }
}

TEST(SrpTimestampTest, SrpVectorTimestampsParse) {
  const nlohmann::json users = testing::VectorSection("user_srp");
  ASSERT_TRUE(users.is_array());
  for (const nlohmann::json& v : users) {
    const auto text = v.at("inputs").at("TIMESTAMP").get<std::string>();
    SCOPED_TRACE(text);
    const std::optional<int64_t> seconds = ParseSrpTimestamp(text);
    ASSERT_TRUE(seconds.has_value());
    EXPECT_EQ(FormatSrpTimestamp(*seconds), text);
  }
}

TEST(SrpTimestampTest, KnownAnswers) {
  const std::pair<int64_t, const char*> cases[] = {
      {0, "Thu Jan 1 00:00:00 UTC 1970"},           {951782400, "Tue Feb 29 00:00:00 UTC 2000"},
      {1700000000, "Tue Nov 14 22:13:20 UTC 2023"}, {-1, "Wed Dec 31 23:59:59 UTC 1969"},
      {4102444799, "Thu Dec 31 23:59:59 UTC 2099"},
  };
  for (const auto& [seconds, text] : cases) {
    SCOPED_TRACE(text);
    EXPECT_EQ(FormatSrpTimestamp(seconds), text);
    EXPECT_EQ(ParseSrpTimestamp(text), seconds);
  }
}

TEST(SrpTimestampTest, RejectsDeviations) {
  const std::pair<const char*, const char*> cases[] = {
      {"zero-padded day", "Sun Nov 01 03:04:05 UTC 2026"},
      {"wrong weekday", "Mon Nov 1 03:04:05 UTC 2026"},
      {"lowercase weekday", "sun Nov 1 03:04:05 UTC 2026"},
      {"full month name", "Sun November 1 03:04:05 UTC 2026"},
      {"double space before day", "Sun Nov  1 03:04:05 UTC 2026"},
      {"day 0", "Sun Nov 0 03:04:05 UTC 2026"},
      {"day 32", "Sun Nov 32 03:04:05 UTC 2026"},
      {"Feb 30", "Mon Feb 30 03:04:05 UTC 2026"},
      {"Feb 29 in a common year", "Sun Feb 29 03:04:05 UTC 2026"},
      {"hour 24", "Sun Nov 1 24:04:05 UTC 2026"},
      {"minute 60", "Sun Nov 1 03:60:05 UTC 2026"},
      {"second 60", "Sun Nov 1 03:04:60 UTC 2026"},
      {"single-digit hour", "Sun Nov 1 3:04:05 UTC 2026"},
      {"GMT instead of UTC", "Sun Nov 1 03:04:05 GMT 2026"},
      {"two-digit year", "Sun Nov 1 03:04:05 UTC 26"},
      {"five-digit year", "Sun Nov 1 03:04:05 UTC 02026"},
      {"trailing space", "Sun Nov 1 03:04:05 UTC 2026 "},
      {"leading space", " Sun Nov 1 03:04:05 UTC 2026"},
      {"ISO format", "2026-11-01T03:04:05Z"},
      {"empty", ""},
  };
  EXPECT_TRUE(ParseSrpTimestamp("Sun Nov 1 03:04:05 UTC 2026").has_value());
  for (const auto& [label, text] : cases) {
    SCOPED_TRACE(label);
    EXPECT_FALSE(ParseSrpTimestamp(text).has_value());
  }
}

}  // namespace
}  // namespace cognito::auth
