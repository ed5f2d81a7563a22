// Known answers for HOTP/TOTP (RFC 4226 appendix D, RFC 6238 appendix B, vectors.json "totp")
// and the Base32 secret encoding (RFC 4648 §10).
#include "auth/totp.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/auth/test_vectors.h"

namespace cognito::auth {
namespace {

const std::string kRfcKey = "12345678901234567890";

TEST(TotpTest, Rfc4226HotpValues) {
  const char* const kCodes[] = {"755224", "287082", "359152", "969429", "338314",
                                "254676", "287922", "162583", "399871", "520489"};
  for (uint64_t counter = 0; counter < 10; ++counter) {
    EXPECT_EQ(HotpCode(kRfcKey, counter), kCodes[counter]) << "counter " << counter;
  }
}

TEST(TotpTest, Rfc6238Sha1Table) {
  struct Case {
    int64_t time;
    const char* eight_digits;
  };
  const Case cases[] = {{59, "94287082"},         {1111111109, "07081804"},
                        {1111111111, "14050471"}, {1234567890, "89005924"},
                        {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& c : cases) {
    const uint64_t step = static_cast<uint64_t>(TotpStep(c.time));
    EXPECT_EQ(HotpCode(kRfcKey, step, 8), c.eight_digits) << "t=" << c.time;
    // Six digits are the last six of the eight (the same number modulo 10^6).
    EXPECT_EQ(TotpCode(kRfcKey, c.time), std::string(c.eight_digits).substr(2)) << "t=" << c.time;
  }
}

TEST(TotpTest, VectorsJson) {
  const nlohmann::json section = testing::VectorSection("totp");
  ASSERT_TRUE(section.is_array());
  ASSERT_FALSE(section.empty());
  for (const auto& v : section) {
    const std::string label = v["secret_base32"].get<std::string>().substr(0, 8) +
                              " t=" + std::to_string(v["unix_time"].get<int64_t>());
    const auto key = Base32Decode(v["secret_base32"].get<std::string>());
    ASSERT_TRUE(key.has_value()) << label;
    EXPECT_EQ(Base32Encode(*key), v["secret_base32"]) << label;
    EXPECT_EQ(TotpStep(v["unix_time"].get<int64_t>()), v["step"].get<int64_t>()) << label;
    EXPECT_EQ(TotpCode(*key, v["unix_time"].get<int64_t>()), v["code"]) << label;
  }
}

TEST(TotpTest, Base32KnownAnswers) {
  struct Case {
    const char* raw;
    const char* text;
  };
  // RFC 4648 §10 without the padding.
  const Case cases[] = {{"", ""},
                        {"f", "MY"},
                        {"fo", "MZXQ"},
                        {"foo", "MZXW6"},
                        {"foob", "MZXW6YQ"},
                        {"fooba", "MZXW6YTB"},
                        {"foobar", "MZXW6YTBOI"}};
  for (const auto& c : cases) {
    EXPECT_EQ(Base32Encode(c.raw), c.text) << c.raw;
    EXPECT_EQ(Base32Decode(c.text), std::string(c.raw)) << c.text;
  }
  EXPECT_EQ(Base32Decode("MZXW6YQ="), std::string("foob")) << "padding accepted";
  EXPECT_EQ(Base32Decode("mzxw6ytboi"), std::string("foobar")) << "lowercase accepted";
}

TEST(TotpTest, Base32RejectsMalformedText) {
  struct Case {
    const char* label;
    const char* text;
  };
  const Case cases[] = {{"digit outside the alphabet", "MZXW1"},
                        {"digit 8", "MZXW8"},
                        {"one-character quantum", "MZXW6YTBO"},
                        {"three-character quantum", "MZX"},
                        {"six-character quantum", "MZXW6Y"},
                        {"non-zero trailing bits", "MZ"},
                        {"space", "MZ XQ"},
                        {"base64 character", "MZXW+"}};
  for (const auto& c : cases) {
    EXPECT_EQ(Base32Decode(c.text), std::nullopt) << c.label;
  }
}

TEST(TotpTest, SecretLengths) {
  EXPECT_EQ(Base32Encode(std::string(20, '\x01')).size(), 32u);
  EXPECT_EQ(Base32Encode(std::string(32, '\x01')).size(), 52u);
}

TEST(TotpTest, StepIsAFloor) {
  EXPECT_EQ(TotpStep(0), 0);
  EXPECT_EQ(TotpStep(29), 0);
  EXPECT_EQ(TotpStep(30), 1);
  EXPECT_EQ(TotpStep(-1), -1);
}

TEST(TotpTest, MatchAcceptsTheWindowOnceEach) {
  const int64_t now = 1'767'225'615;  // inside step 58907520
  const int64_t step = TotpStep(now);
  struct Case {
    const char* label;
    int64_t code_time;
    int64_t last_used;
    std::optional<int64_t> want;
  };
  const Case cases[] = {
      {"current step", now, 0, step},
      {"previous step", now - 30, 0, step - 1},
      {"next step", now + 30, 0, step + 1},
      {"two steps ago", now - 60, 0, std::nullopt},
      {"two steps ahead", now + 60, 0, std::nullopt},
      {"current step already used", now, step, std::nullopt},
      {"previous step used, current still fine", now, step - 1, step},
      {"next step after current was used", now + 30, step, step + 1},
      {"previous step after current was used", now - 30, step, std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(MatchTotp(kRfcKey, TotpCode(kRfcKey, c.code_time), now, c.last_used), c.want)
        << c.label;
  }
  EXPECT_EQ(MatchTotp(kRfcKey, "000000", now, 0), std::nullopt) << "wrong code";
  EXPECT_EQ(MatchTotp(kRfcKey, "", now, 0), std::nullopt) << "empty code";
  EXPECT_EQ(MatchTotp("other key", TotpCode(kRfcKey, now), now, 0), std::nullopt) << "other key";
}

}  // namespace
}  // namespace cognito::auth
