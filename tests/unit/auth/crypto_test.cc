#include "auth/crypto.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace cognito::auth {
namespace {

std::string Repeat(char c, size_t n) { return std::string(n, c); }

std::string Counting(unsigned char from, unsigned char to) {
  std::string out;
  for (unsigned v = from; v <= to; ++v) {
    out.push_back(static_cast<char>(v));
  }
  return out;
}

struct HmacCase {
  const char* label;
  std::string key;
  std::string data;
  std::string hex;  // Expected MAC; a shorter value means "compare this prefix" (RFC case 5).
};

TEST(CryptoTest, HmacSha256MatchesRfc4231) {
  const std::vector<HmacCase> cases = {
      {"rfc4231-1", Repeat('\x0b', 20), "Hi There",
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {"rfc4231-2", "Jefe", "what do ya want for nothing?",
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {"rfc4231-3", Repeat('\xaa', 20), Repeat('\xdd', 50),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
      {"rfc4231-4", Counting(0x01, 0x19), Repeat('\xcd', 50),
       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
      {"rfc4231-5 (truncated to 128 bits)", Repeat('\x0c', 20), "Test With Truncation",
       "a3b6167473100ee06e0c796c2955552b"},
      {"rfc4231-6", Repeat('\xaa', 131), "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
      {"rfc4231-7", Repeat('\xaa', 131),
       "This is a test using a larger than block-size key and a larger than block-size data. "
       "The key needs to be hashed before being used by the HMAC algorithm.",
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
      {"empty key", "", "abc", "fd7adb152c05ef80dccf50a1fa4c05d5a3ec6da95575fc312ae7c5d091836351"},
      {"empty key and data", "", "",
       "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"},
  };
  for (const HmacCase& c : cases) {
    SCOPED_TRACE(c.label);
    const std::string mac = HmacSha256(c.key, c.data);
    ASSERT_EQ(mac.size(), 32u);
    EXPECT_EQ(HexEncode(mac).substr(0, c.hex.size()), c.hex);
  }
}

TEST(CryptoTest, Sha256KnownAnswers) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
  };
  for (const auto& [input, hex] : cases) {
    SCOPED_TRACE(input);
    EXPECT_EQ(HexEncode(Sha256(input)), hex);
  }
}

// Each thread reuses one digest context: the answers must not depend on what ran before, or where.
TEST(CryptoTest, Sha256IsTheSameOnEveryThreadAndEveryReuse) {
  const std::string expected = HexEncode(Sha256("abc"));
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        Sha256(std::string(static_cast<size_t>(i), 'x'));
        if (HexEncode(Sha256("abc")) != expected) {
          ++wrong;
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(wrong.load(), 0);
}

TEST(CryptoTest, Base64Rfc4648Vectors) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [raw, text] : cases) {
    SCOPED_TRACE(raw);
    EXPECT_EQ(Base64Encode(raw), text);
    EXPECT_EQ(Base64Decode(text), raw);
  }
}

TEST(CryptoTest, Base64AlphabetsDiffer) {
  const std::string raw = "\xfb\xff\xbf";
  EXPECT_EQ(Base64Encode(raw), "+/+/");
  EXPECT_EQ(Base64UrlEncode(raw), "-_-_");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_EQ(Base64UrlDecode("-_8"), std::string("\xfb\xff"));
  EXPECT_EQ(Base64UrlDecode("-_8="), std::string("\xfb\xff"));
  EXPECT_EQ(Base64Decode("+/8"), std::string("\xfb\xff"));
}

TEST(CryptoTest, Base64DecodeAcceptsMissingPadding) {
  EXPECT_EQ(Base64Decode("Zg"), "f");
  EXPECT_EQ(Base64Decode("Zm8"), "fo");
  EXPECT_EQ(Base64Decode("Zm9vYg"), "foob");
}

TEST(CryptoTest, Base64DecodeRejectsInvalid) {
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"inner space", "Zm9v YmFy"},
      {"trailing newline", "Zm9v\n"},
      {"url alphabet", "-_8="},
      {"single char quantum", "Z"},
      {"five chars", "Zm9vY"},
      {"padding incomplete", "Zg="},
      {"too much padding", "Zg==="},
      {"padding only", "===="},
      {"padding in the middle", "Zg==Zg=="},
      {"non ascii", "Zm9v\xc3\xa4"},
  };
  for (const auto& [label, text] : cases) {
    SCOPED_TRACE(label);
    EXPECT_FALSE(Base64Decode(text).has_value());
  }
  EXPECT_FALSE(Base64UrlDecode("+/8=").has_value());
  EXPECT_FALSE(Base64UrlDecode("ab.c").has_value());
}

TEST(CryptoTest, Base64RoundTripsEveryByteValue) {
  const std::string all = Counting(0x00, 0xff);
  for (size_t len = 0; len <= 7; ++len) {
    SCOPED_TRACE(len);
    const std::string raw = all.substr(250 - len, len);
    EXPECT_EQ(Base64Decode(Base64Encode(raw)), raw);
    EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(raw)), raw);
  }
  EXPECT_EQ(Base64Decode(Base64Encode(all)), all);
}

TEST(CryptoTest, HexEncodeIsLowercase) {
  EXPECT_EQ(HexEncode(""), "");
  EXPECT_EQ(HexEncode(std::string("\x00\x0f\xab\xff", 4)), "000fabff");
}

TEST(CryptoTest, HexDecodeCases) {
  const std::vector<std::pair<std::string, std::optional<std::string>>> cases = {
      {"", std::string()},
      {"00", std::string(1, '\0')},
      {"ABcd", std::string("\xab\xcd")},
      {"abc", std::string("\x0a\xbc")},
      {"f", std::string("\x0f")},
      {"xy", std::nullopt},
      {"0g", std::nullopt},
      {"a b", std::nullopt},
      {"0x1f", std::nullopt},
  };
  for (const auto& [hex, expected] : cases) {
    SCOPED_TRACE(hex);
    EXPECT_EQ(HexDecode(hex), expected);
  }
}

TEST(CryptoTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("secret", "secret"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secreT"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secret2"));
  EXPECT_FALSE(ConstantTimeEquals("", "x"));
  EXPECT_TRUE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

}  // namespace
}  // namespace cognito::auth
