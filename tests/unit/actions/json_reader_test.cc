#include "server/actions/json_reader.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <random>
#include <string>
#include <vector>

#include "tests/unit/actions/json_reference.h"

namespace cognito::actions {
namespace {

using nlohmann::json;
using reference::NlohmannVerdict;
using reference::SameJson;

// Checks `text` against nlohmann's strict parser: both accept it and build the same value, or
// both refuse it. One deliberate difference: nlohmann takes a NUL byte between tokens for the end
// of the input (`{}\0junk` parses), the reader refuses any raw NUL byte, as a strict parser does.
void ExpectAgrees(const std::string& text) {
  if (text.find('\0') != std::string::npos) {
    json out;
    EXPECT_EQ(ReadJson(text, 1000, out), JsonReadResult::kSyntaxError) << "text: " << text;
    return;
  }
  const json expected = json::parse(text, nullptr, false);
  json got;
  const JsonReadResult result = ReadJson(text, 1000, got);
  ASSERT_EQ(result == JsonReadResult::kOk, !expected.is_discarded()) << "text: " << text;
  if (result == JsonReadResult::kOk) {
    EXPECT_TRUE(SameJson(got, expected)) << "text: " << text << "\ngot: " << got.dump()
                                     << "\nexpected: " << expected.dump();
  }
}

TEST(JsonReaderTest, AgreesWithNlohmannOnKnownCases) {
  const std::vector<std::string> cases = {
      // accepted
      "{}", "[]", " {\"a\" : 1 } ", "\xEF\xBB\xBF{}", "\"x\"", "0", "-0", "-0.0", "1.5e3",
      "1E-2", "1e+2", "18446744073709551615", "18446744073709551616", "-9223372036854775808",
      "-9223372036854775809", "9223372036854775808", "1e-400", "123456789012345678901234567890",
      "true", "false", "null", "[1,[2,[3]],{\"k\":[]}]", "{\"a\":1,\"a\":2}",
      "{\"a\":{\"b\":1},\"a\":[2]}", "\"\\u0000\"", "\"\\uD83D\\uDE00\"", "\"\\u00e9\\u20AC\"",
      "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"",
      "\"\xED\x9F\xBF\xEE\x80\x80\xF4\x8F\xBF\xBF\"", "\"\x7F\"", "\t\r\n[ ]\n",
      // refused
      "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{,}", "[,1]", "{\"a\"}", "{\"a\" 1}", "{a:1}",
      "{'a':1}", "01", "-", "-a", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity",
      "1e400", "-1e400", "tru", "truex", "nul", "[1 2]", "{} {}", "{}x", "\"abc", "\"a\nb\"",
      "\"\x01\"", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\uD800\"", "\"\\uD800\\u0041\"",
      "\"\\uDC00\"", "\"\\uD800x\"", "\"\xC0\x80\"", "\"\xC1\xBF\"", "\"\xE0\x9F\xBF\"",
      "\"\xED\xA0\x80\"", "\"\xF0\x8F\xBF\xBF\"", "\"\xF4\x90\x80\x80\"", "\"\xF5\x80\x80\x80\"",
      "\"\x80\"", "\"\xC3\"", "\"\xE2\x82\"", "\xEF\xBB{}", "\xEF{}", "\xC3\xA9",
      "/* c */{}", "{}//", std::string("{\"a\":1}\0", 8), std::string("[1]\0junk", 8),
      std::string("\"a\0b\"", 5),
  };
  for (const auto& text : cases) {
    ExpectAgrees(text);
  }
}

// Random texts over JSON's own alphabet, mostly near-valid: mutations of valid documents.
TEST(JsonReaderTest, AgreesWithNlohmannOnRandomTexts) {
  std::mt19937 rng(20261206);
  const std::vector<std::string> pieces = {
      "{", "}", "[", "]", ",", ":", " ", "\"", "\\", "\\u", "\\uD83D", "\\uDE00", "0", "1", "-",
      ".", "e", "E", "+", "9", "true", "false", "null", "\"k\"", "\"v\"", "\xC3\xA9", "\xE2\x82",
      "\xAC", "\xF0\x9F\x98\x80", "\xED\xA0\x80", "\n", "\t", "a", "\x01", "\x7F",
      "12345678901234567890",
  };
  const std::vector<std::string> seeds = {
      R"({"UserPoolId":"us-east-1_abc","Username":"user1","Limit":10})",
      R"({"UserAttributes":[{"Name":"email","Value":"a@b.c"},{"Name":"x","Value":"\u00e9"}]})",
      R"([1,-2,3.5,-0,1e2,true,false,null,"s",{"a":[[]]}])",
  };
  std::uniform_int_distribution<size_t> piece(0, pieces.size() - 1);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    if (i % 2 == 0) {
      const int n = static_cast<int>(rng() % 12);
      for (int k = 0; k < n; ++k) {
        text += pieces[piece(rng)];
      }
    } else {
      text = seeds[rng() % seeds.size()];
      const int edits = 1 + static_cast<int>(rng() % 3);
      for (int k = 0; k < edits && !text.empty(); ++k) {
        const size_t at = rng() % text.size();
        switch (rng() % 3) {
          case 0:
            text.erase(at, 1);
            break;
          case 1:
            text.insert(at, pieces[piece(rng)]);
            break;
          default:
            text[at] = static_cast<char>(rng() % 256);
        }
      }
    }
    ExpectAgrees(text);
    if (HasFatalFailure()) {
      return;
    }
  }
}

TEST(JsonReaderTest, StopsAtTheDepthLimit) {
  json out;
  const auto nested = [](int n, const std::string& inner) {
    const auto count = static_cast<size_t>(n);
    return std::string(count, '[') + inner + std::string(count, ']');
  };
  // The outermost value is at depth 0, so `limit` arrays may hold a scalar, `limit + 1` may
  // be empty, and one more is too deep.
  EXPECT_EQ(ReadJson(nested(3, "1"), 3, out), JsonReadResult::kOk);
  EXPECT_EQ(ReadJson(nested(4, "1"), 3, out), JsonReadResult::kTooDeep);
  EXPECT_EQ(ReadJson(nested(4, ""), 3, out), JsonReadResult::kOk);
  EXPECT_EQ(ReadJson(nested(5, ""), 3, out), JsonReadResult::kTooDeep);
  EXPECT_EQ(ReadJson(R"({"a":{"b":{"c":1}}})", 3, out), JsonReadResult::kOk);
  EXPECT_EQ(ReadJson(R"({"a":{"b":{"c":{"d":1}}}})", 3, out), JsonReadResult::kTooDeep);
  // Deep input costs no stack: the reader stops at the limit.
  EXPECT_EQ(ReadJson(nested(1000000, ""), 64, out), JsonReadResult::kTooDeep);
  // A syntax error before the limit is reached is a syntax error.
  EXPECT_EQ(ReadJson("[1 " + nested(10, ""), 3, out), JsonReadResult::kSyntaxError);
}

// The depth is counted where nlohmann's parser callback sees it: at an opening bracket, at a key,
// and at a scalar read whole, so a text too deep and broken gets the same verdict from both.
TEST(JsonReaderTest, CountsDepthLikeNlohmannsCallback) {
  const std::vector<std::string> pieces = {"[",  "]",   "{",   "}",      "\"k\":", "1",
                                           ",",  "[]",  "{}",  "1x",     "tru",    "\"ab",
                                           "1e400", " ", "true", "\"k\"", ":",      "{\"a\":"};
  std::mt19937 rng(7);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const int n = static_cast<int>(rng() % 16);
    for (int k = 0; k < n; ++k) {
      text += pieces[rng() % pieces.size()];
    }
    const int limit = static_cast<int>(rng() % 4);
    json out;
    ASSERT_EQ(ReadJson(text, limit, out), NlohmannVerdict(text, limit))
        << "limit " << limit << ", text: " << text;
  }
}

TEST(JsonReaderTest, ReadsALongTokenWhole) {
  const std::string token(4096, 'x');
  json out;
  ASSERT_EQ(ReadJson(R"({"AccessToken":")" + token + R"("})", 64, out), JsonReadResult::kOk);
  EXPECT_EQ(out.at("AccessToken"), token);
}

}  // namespace
}  // namespace cognito::actions
