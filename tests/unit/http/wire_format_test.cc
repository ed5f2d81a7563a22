#include "server/http/wire_format.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

namespace cognito::http {
namespace {

const std::regex kUuidV4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

TEST(HttpDateTest, KnownAnswers) {
  struct Case {
    const char* label;
    long long epoch_seconds;
    const char* expected;
  };
  const Case cases[] = {
      {"epoch", 0, "Thu, 01 Jan 1970 00:00:00 GMT"},
      {"rfc7231 example", 784111777, "Sun, 06 Nov 1994 08:49:37 GMT"},
      {"leap day", 951782400, "Tue, 29 Feb 2000 00:00:00 GMT"},
      {"last second of a year", 1767225599, "Wed, 31 Dec 2025 23:59:59 GMT"},
      {"next century", 4102444800, "Fri, 01 Jan 2100 00:00:00 GMT"},
  };
  for (const Case& c : cases) {
    const std::chrono::system_clock::time_point time{std::chrono::seconds(c.epoch_seconds)};
    EXPECT_EQ(HttpDate(time), c.expected) << c.label;
  }
}

TEST(HttpDateTest, IgnoresSubSecondPart) {
  const std::chrono::system_clock::time_point time =
      std::chrono::system_clock::time_point{std::chrono::seconds(784111777)} +
      std::chrono::milliseconds(999);
  EXPECT_EQ(HttpDate(time), "Sun, 06 Nov 1994 08:49:37 GMT");
}

TEST(SanitizeHeaderValueTest, KeepsOnlyPrintableAscii) {
  struct Case {
    const char* label;
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {"plain text unchanged", "User does not exist.", "User does not exist."},
      {"CRLF injection removed", "bad\r\nSet-Cookie: x=1", "badSet-Cookie: x=1"},
      {"lone LF removed", "a\nb", "ab"},
      {"tab removed", "a\tb", "ab"},
      {"NUL removed", std::string("a\0b", 3), "ab"},
      {"DEL removed",
       "a\x7f"
       "b",
       "ab"},
      {"UTF-8 bytes removed", "caf\xc3\xa9!", "caf!"},
      {"empty stays empty", "", ""},
      {"edges kept", " ~", " ~"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(SanitizeHeaderValue(c.input), c.expected) << c.label;
  }
}

TEST(JsonEscapeTest, EscapesWhatJsonRequires) {
  struct Case {
    const char* label;
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {"plain", "Incorrect username or password.", "Incorrect username or password."},
      {"quote", "say \"hi\"", "say \\\"hi\\\""},
      {"backslash", "a\\b", "a\\\\b"},
      {"newline and CR", "a\nb\rc", "a\\nb\\rc"},
      {"tab", "a\tb", "a\\tb"},
      {"other control byte",
       std::string("a\x01"
                   "b"),
       "a\\u0001b"},
      {"unit separator", "\x1f", "\\u001f"},
      {"UTF-8 passes through", "caf\xc3\xa9", "caf\xc3\xa9"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(JsonEscape(c.input), c.expected) << c.label;
  }
}

TEST(JsonErrorBodyTest, BuildsAwsJsonError) {
  EXPECT_EQ(JsonErrorBody("NotAuthorizedException", "Incorrect username or password."),
            R"({"__type":"NotAuthorizedException","message":"Incorrect username or password."})");
  EXPECT_EQ(JsonErrorBody("X", "quote \" here"), R"({"__type":"X","message":"quote \" here"})");
}

TEST(RequestIdGeneratorTest, ProducesCanonicalUuidV4) {
  RequestIdGenerator ids;
  for (int i = 0; i < 200; ++i) {
    const std::string id = ids.Next();
    EXPECT_TRUE(std::regex_match(id, kUuidV4)) << id;
  }
}

TEST(RequestIdGeneratorTest, SeededGeneratorIsRepeatable) {
  RequestIdGenerator first(42);
  RequestIdGenerator second(42);
  RequestIdGenerator other(43);
  const std::string id = first.Next();
  EXPECT_EQ(id, second.Next());
  EXPECT_NE(id, other.Next());
  EXPECT_TRUE(std::regex_match(id, kUuidV4)) << id;
}

TEST(RequestIdGeneratorTest, IdsDoNotRepeat) {
  RequestIdGenerator ids;
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(seen.insert(ids.Next()).second);
  }
}

TEST(RequestIdGeneratorTest, DeviceSeededGeneratorsDiffer) {
  RequestIdGenerator a;
  RequestIdGenerator b;
  EXPECT_NE(a.Next(), b.Next());
}

}  // namespace
}  // namespace cognito::http
