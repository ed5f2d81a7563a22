#include "auth/aead.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "auth/crypto.h"

namespace cognito::auth {
namespace {

std::string Hex(std::string_view hex) { return HexDecode(hex).value(); }

// The AES-256 test cases with a 96-bit IV from the GCM specification (McGrew and Viega).
const std::string kKey = Hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
const std::string kIv = Hex("cafebabefacedbaddecaf888");
const std::string kAad = Hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
const std::string kPlain = Hex(
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e24"
    "49a6b525b16aedf5aa0de657ba637b39");
const std::string kCipher = Hex(
    "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b10"
    "56828838c5f61e6393ba7a0abcc9f662");
const std::string kTag = Hex("76fc6ece0f4e1768cddf8853bb2d551b");

TEST(AeadTest, SealMatchesTheSpecificationsVectors) {
  const Sealed sealed = AesGcmSeal(kKey, kIv, kAad, kPlain);
  EXPECT_EQ(HexEncode(sealed.ciphertext), HexEncode(kCipher));
  EXPECT_EQ(HexEncode(sealed.tag), HexEncode(kTag));
  // Test case 13: zero key and IV, nothing to encrypt: the tag alone.
  const Sealed empty = AesGcmSeal(std::string(32, '\0'), std::string(12, '\0'), "", "");
  EXPECT_EQ(empty.ciphertext, "");
  EXPECT_EQ(HexEncode(empty.tag), "530f8afbc74536b9a963b4f1c4cb738b");
}

TEST(AeadTest, OpenReturnsThePlaintextOnlyWhenEverythingAuthenticates) {
  EXPECT_EQ(AesGcmOpen(kKey, kIv, kAad, kCipher, kTag), kPlain);
  std::string changed = kCipher;
  changed[5] = static_cast<char>(changed[5] ^ 1);
  EXPECT_FALSE(AesGcmOpen(kKey, kIv, kAad, changed, kTag).has_value()) << "ciphertext";
  std::string tag = kTag;
  tag[15] = static_cast<char>(tag[15] ^ 0x80);
  EXPECT_FALSE(AesGcmOpen(kKey, kIv, kAad, kCipher, tag).has_value()) << "tag";
  EXPECT_FALSE(AesGcmOpen(kKey, kIv, kAad, kCipher, kTag.substr(0, 12)).has_value()) << "short";
  EXPECT_FALSE(AesGcmOpen(kKey, kIv, "other", kCipher, kTag).has_value()) << "aad";
  std::string iv = kIv;
  iv[0] = 0;
  EXPECT_FALSE(AesGcmOpen(kKey, iv, kAad, kCipher, kTag).has_value()) << "iv";
  std::string key = kKey;
  key[31] = 0;
  EXPECT_FALSE(AesGcmOpen(key, kIv, kAad, kCipher, kTag).has_value()) << "key";
}

TEST(AeadTest, WrongKeyOrIvSizesAreRefused) {
  EXPECT_THROW(AesGcmSeal(kKey.substr(0, 16), kIv, "", "x"), std::invalid_argument);
  EXPECT_THROW(AesGcmSeal(kKey, kIv.substr(0, 8), "", "x"), std::invalid_argument);
  EXPECT_THROW(AesGcmOpen(kKey, kIv + "x", "", "x", kTag), std::invalid_argument);
}

}  // namespace
}  // namespace cognito::auth
