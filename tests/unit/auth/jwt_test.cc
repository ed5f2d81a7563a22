#include "auth/jwt.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
#include <string>

#include "auth/crypto.h"
#include "auth/openssl_ptr.h"

namespace cognito::auth {
namespace {

// RSA-2048 generation is slow, so the suite shares two keys generated once at runtime.
class JwtTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    key_ = std::make_unique<SigningKey>(SigningKey::Generate());
    other_key_ = std::make_unique<SigningKey>(SigningKey::Generate());
  }
  static void TearDownTestSuite() {
    key_.reset();
    other_key_.reset();
  }

  static std::unique_ptr<SigningKey> key_;
  static std::unique_ptr<SigningKey> other_key_;
};

std::unique_ptr<SigningKey> JwtTest::key_;
std::unique_ptr<SigningKey> JwtTest::other_key_;

BignumPtr FromBase64Url(std::string_view text) {
  const std::string bytes = Base64UrlDecode(text).value_or("");
  return BignumPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                             static_cast<int>(bytes.size()), nullptr));
}

// Independent RS256 check: signature^e mod n must equal the EMSA-PKCS1-v1_5 encoding of
// SHA-256(data) (RFC 8017 §9.2), computed here from the JWK n and e alone.
std::string RecoverEncodedMessage(const SigningKey& key, std::string_view signature) {
  const BignumPtr n = FromBase64Url(key.ModulusBase64Url());
  const BignumPtr e = FromBase64Url(key.ExponentBase64Url());
  const BignumPtr s(BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()),
                              static_cast<int>(signature.size()), nullptr));
  const BignumPtr m(BN_new());
  const BnCtxPtr ctx(BN_CTX_new());
  EXPECT_EQ(BN_mod_exp(m.get(), s.get(), e.get(), n.get(), ctx.get()), 1);
  std::string out(256, '\0');
  EXPECT_EQ(BN_bn2binpad(m.get(), reinterpret_cast<unsigned char*>(out.data()), 256), 256);
  return out;
}

std::string ExpectedPkcs1Encoding(std::string_view data) {
  const std::string digest_info_prefix =
      HexDecode("3031300d060960864801650304020105000420").value();
  const std::string t = digest_info_prefix + Sha256(data);
  return std::string("\x00\x01", 2) + std::string(256 - 3 - t.size(), '\xff') +
         std::string(1, '\0') + t;
}

std::string Ed25519Pem() {
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "ED25519", nullptr));
  EVP_PKEY* raw = nullptr;
  EXPECT_EQ(EVP_PKEY_keygen_init(ctx.get()), 1);
  EXPECT_EQ(EVP_PKEY_generate(ctx.get(), &raw), 1);
  const EvpPkeyPtr pkey(raw);
  BioPtr bio(BIO_new(BIO_s_mem()));
  EXPECT_EQ(
      PEM_write_bio_PKCS8PrivateKey(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr),
      1);
  std::string pem(BIO_ctrl_pending(bio.get()), '\0');
  size_t read = 0;
  EXPECT_EQ(BIO_read_ex(bio.get(), pem.data(), pem.size(), &read), 1);
  return pem;
}

TEST_F(JwtTest, SignVerifyRoundTrip) {
  const std::string signature = key_->Sign("hello");
  EXPECT_EQ(signature.size(), 256u);
  EXPECT_TRUE(key_->Verify("hello", signature));
  EXPECT_FALSE(key_->Verify("hellp", signature));
  EXPECT_FALSE(other_key_->Verify("hello", signature));
  std::string tampered = signature;
  tampered[100] = static_cast<char>(tampered[100] ^ 0x40);
  EXPECT_FALSE(key_->Verify("hello", tampered));
  EXPECT_FALSE(key_->Verify("hello", signature.substr(1)));
  EXPECT_FALSE(key_->Verify("hello", ""));
}

TEST_F(JwtTest, SignatureIsDeterministicPkcs1v15Sha256) {
  for (const char* data : {"", "a", "header.payload"}) {
    SCOPED_TRACE(data);
    const std::string signature = key_->Sign(data);
    EXPECT_EQ(signature, key_->Sign(data));
    EXPECT_EQ(HexEncode(RecoverEncodedMessage(*key_, signature)),
              HexEncode(ExpectedPkcs1Encoding(data)));
  }
}

TEST_F(JwtTest, JwkMaterial) {
  EXPECT_EQ(key_->ExponentBase64Url(), "AQAB");
  const std::optional<std::string> modulus = Base64UrlDecode(key_->ModulusBase64Url());
  ASSERT_TRUE(modulus.has_value());
  ASSERT_EQ(modulus->size(), 256u);
  EXPECT_NE(static_cast<unsigned char>((*modulus)[0]) & 0x80, 0);
  EXPECT_EQ(key_->ModulusBase64Url().find('='), std::string::npos);
  EXPECT_NE(key_->ModulusBase64Url(), other_key_->ModulusBase64Url());
}

TEST_F(JwtTest, KidFormat) {
  const std::string& kid = key_->kid();
  EXPECT_EQ(kid.size(), 44u);
  EXPECT_EQ(kid.back(), '=');
  const std::optional<std::string> digest = Base64Decode(kid);
  ASSERT_TRUE(digest.has_value());
  EXPECT_EQ(digest->size(), 32u);
  EXPECT_NE(kid, other_key_->kid());
}

TEST_F(JwtTest, PemRoundTripKeepsIdentity) {
  const std::string pem = key_->PrivatePem();
  EXPECT_EQ(pem.rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0u);
  const std::string old_signature = key_->Sign("data");
  std::optional<SigningKey> loaded = SigningKey::FromPem(pem);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->kid(), key_->kid());
  EXPECT_EQ(loaded->ModulusBase64Url(), key_->ModulusBase64Url());
  EXPECT_TRUE(loaded->Verify("data", old_signature));
  EXPECT_EQ(loaded->Sign("data"), old_signature);
  EXPECT_EQ(loaded->PrivatePem(), pem);
}

TEST_F(JwtTest, FromPemRejectsUnusableInput) {
  const std::string pem = key_->PrivatePem();
  const std::pair<const char*, std::string> cases[] = {
      {"empty", ""},
      {"garbage", "not a pem"},
      {"truncated", pem.substr(0, pem.size() / 2)},
      {"not RSA", Ed25519Pem()},
  };
  for (const auto& [label, text] : cases) {
    SCOPED_TRACE(label);
    EXPECT_FALSE(SigningKey::FromPem(text).has_value());
  }
}

TEST_F(JwtTest, EncodeDecodeRoundTrip) {
  const std::string payload = R"({"sub":"abc","token_use":"id","n":1})";
  const std::string token = EncodeJwt(*key_, payload);
  const std::optional<DecodedJwt> decoded = DecodeJwt(token);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->header_json, R"({"kid":")" + key_->kid() + R"(","alg":"RS256"})");
  EXPECT_EQ(decoded->payload_json, payload);
  EXPECT_EQ(decoded->signing_input, token.substr(0, token.rfind('.')));
  EXPECT_EQ(Base64UrlEncode(decoded->header_json) + "." + Base64UrlEncode(payload),
            decoded->signing_input);
  EXPECT_TRUE(key_->Verify(decoded->signing_input, decoded->signature));
  EXPECT_FALSE(other_key_->Verify(decoded->signing_input, decoded->signature));
  EXPECT_EQ(token.find_first_of("+/="), std::string::npos);
}

TEST_F(JwtTest, TamperedPayloadFailsVerification) {
  const std::string token = EncodeJwt(*key_, R"({"sub":"abc"})");
  const size_t first = token.find('.');
  const size_t second = token.find('.', first + 1);
  const std::string forged =
      token.substr(0, first + 1) + Base64UrlEncode(R"({"sub":"abd"})") + token.substr(second);
  const std::optional<DecodedJwt> decoded = DecodeJwt(forged);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->payload_json, R"({"sub":"abd"})");
  EXPECT_FALSE(key_->Verify(decoded->signing_input, decoded->signature));
}

TEST_F(JwtTest, DecodeRejectsMalformedTokens) {
  const std::string token = EncodeJwt(*key_, "{}");
  const size_t first = token.find('.');
  const size_t second = token.find('.', first + 1);
  const std::string header = token.substr(0, first);
  const std::string payload = token.substr(first + 1, second - first - 1);
  const std::string signature = token.substr(second + 1);
  const std::pair<const char*, std::string> cases[] = {
      {"empty", ""},
      {"one part", header},
      {"two parts", header + "." + payload},
      {"four parts", token + "." + signature},
      {"trailing dot", token + "."},
      {"empty header", "." + payload + "." + signature},
      {"empty payload", header + ".." + signature},
      {"empty signature", header + "." + payload + "."},
      {"standard alphabet", header + "." + payload + "." + signature + "+/"},
      {"invalid character", header + ".e30*." + signature},
      {"impossible length", header + "." + payload + "xx." + signature},
  };
  for (const auto& [label, text] : cases) {
    SCOPED_TRACE(label);
    EXPECT_FALSE(DecodeJwt(text).has_value());
  }
  EXPECT_TRUE(DecodeJwt(token).has_value());
}

}  // namespace
}  // namespace cognito::auth
