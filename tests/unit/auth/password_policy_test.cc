#include "auth/password_policy.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "auth/random.h"

namespace cognito::auth {
namespace {

constexpr char kShort[] = "Password not long enough";
constexpr char kLower[] = "Password must have lowercase characters";
constexpr char kUpper[] = "Password must have uppercase characters";
constexpr char kNumber[] = "Password must have numeric characters";
constexpr char kSymbol[] = "Password must have symbol characters";

struct Case {
  const char* label;
  std::string password;
  std::string expected;
};

void RunCases(const PasswordPolicy& policy, const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(PasswordPolicyViolation(policy, c.password), c.expected);
  }
}

TEST(PasswordPolicyTest, DefaultPolicyRulesInCognitoOrder) {
  const std::vector<Case> cases = {
      {"conforming", "Passw0rd!", ""},
      {"empty", "", kShort},
      {"seven chars", "Pa0!abc", kShort},
      {"eight chars", "Pa0!abcd", ""},
      {"length wins over everything", "a", kShort},
      {"no lowercase", "PASSW0RD!", kLower},
      {"lowercase reported before uppercase", "12345678!", kLower},
      {"no uppercase", "passw0rd!", kUpper},
      {"no digit", "Password!", kNumber},
      {"no symbol", "Passw0rdX", kSymbol},
      {"non-ASCII letters are not letters", "12345!\xc3\x84\xc3\x96\xc3\x9c", kLower},
      {"non-ASCII digits are not digits", "Password!\xd9\xa3", kNumber},
  };
  RunCases(PasswordPolicy{}, cases);
}

TEST(PasswordPolicyTest, EverySymbolCounts) {
  const std::string symbols = "^$*.[]{}()?-\"!@#%&/\\,><':;|_~`+=";
  for (char c : symbols) {
    SCOPED_TRACE(std::string(1, c));
    EXPECT_EQ(PasswordPolicyViolation(PasswordPolicy{}, std::string("Passw0rd") + c), "");
  }
}

TEST(PasswordPolicyTest, SpaceCountsOnlyInside) {
  const std::vector<Case> cases = {
      {"inner space", "Pass w0rd", ""},
      {"leading space", " Passw0rd", kSymbol},
      {"trailing space", "Passw0rd ", kSymbol},
      {"tab is not a symbol", "Pass\tw0rd", kSymbol},
      {"non-ASCII punctuation is not a symbol", "Passw0rd\xc2\xa7", kSymbol},
  };
  RunCases(PasswordPolicy{}, cases);
}

TEST(PasswordPolicyTest, LengthCountsCodePoints) {
  PasswordPolicy policy;
  policy.minimum_length = 6;
  policy.require_symbols = false;
  const std::vector<Case> cases = {
      // "Aa1" + three 2-byte characters = 6 code points, 9 bytes.
      {"six code points", "Aa1\xc3\xa4\xc3\xb6\xc3\xbc", ""},
      // "Aa1" + two 4-byte emoji = 5 code points, 11 bytes.
      {"five code points, eleven bytes", "Aa1\xf0\x9f\x98\x80\xf0\x9f\x98\x80", kShort},
  };
  RunCases(policy, cases);
}

TEST(PasswordPolicyTest, DisabledRulesAreSkipped) {
  const PasswordPolicy relaxed{6, false, false, false, false, 7};
  const std::vector<Case> relaxed_cases = {
      {"digits only", "123456", ""},
      {"letters only", "abcdef", ""},
      {"still too short", "abcde", kShort},
  };
  RunCases(relaxed, relaxed_cases);
  PasswordPolicy numbers_only = relaxed;
  numbers_only.require_numbers = true;
  RunCases(numbers_only, {{"no digit", "abcdef", kNumber}, {"with digit", "abcde1", ""}});
}

TEST(PasswordPolicyTest, GeneratedPasswordsConform) {
  SeededRandom random(42);
  const PasswordPolicy policies[] = {
      PasswordPolicy{},
      PasswordPolicy{6, false, false, false, false, 7},
      PasswordPolicy{20, true, true, true, true, 7},
  };
  for (const PasswordPolicy& policy : policies) {
    SCOPED_TRACE(policy.minimum_length);
    std::set<std::string> seen;
    for (int i = 0; i < 50; ++i) {
      const std::string password = GenerateTemporaryPassword(policy, random);
      EXPECT_EQ(password.size(), static_cast<size_t>(std::max(policy.minimum_length, 8)));
      EXPECT_EQ(PasswordPolicyViolation(PasswordPolicy{}, password), "") << password;
      EXPECT_EQ(PasswordPolicyViolation(policy, password), "") << password;
      seen.insert(password);
    }
    EXPECT_EQ(seen.size(), 50u);
  }
}

TEST(PasswordPolicyTest, GeneratedPasswordsAreShuffled) {
  SeededRandom random(3);
  int not_upper_first = 0;
  for (int i = 0; i < 100; ++i) {
    const std::string password = GenerateTemporaryPassword(PasswordPolicy{}, random);
    not_upper_first += (password[0] >= 'A' && password[0] <= 'Z') ? 0 : 1;
  }
  // Without the shuffle the first character would always be the uppercase one.
  EXPECT_GT(not_upper_first, 0);
}

}  // namespace
}  // namespace cognito::auth
