// RS256 JSON Web Tokens and the JWKS material of a signing key (../shared/spec/tokens.md §1, §4).
// SigningKey owns one RSA key pair (EVP_PKEY). It is move-only and immutable after construction,
// so one instance may serve concurrent Sign/Verify calls from many threads. A moved-from key
// may only be destroyed or assigned to. No JSON parsing happens here: EncodeJwt takes the payload
// verbatim and DecodeJwt hands back the decoded header/payload text for the caller to parse.
// OpenSSL failures (out of memory, key generation) throw std::runtime_error.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "auth/openssl_ptr.h"

namespace cognito::auth {

class SigningKey {
 public:
  // A fresh RSA-2048 key with public exponent 65537.
  static SigningKey Generate();
  // Loads an RSA private key from PEM (PKCS#8, or traditional PKCS#1); nullopt if unusable.
  static std::optional<SigningKey> FromPem(std::string_view private_pem);

  SigningKey(SigningKey&&) noexcept = default;
  SigningKey& operator=(SigningKey&&) noexcept = default;
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  ~SigningKey() = default;

  // PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), unencrypted: for storage in the pool database.
  std::string PrivatePem() const;
  // Base64(SHA-256(DER SubjectPublicKeyInfo)): 44 characters, standard alphabet with padding.
  const std::string& kid() const { return kid_; }
  // JWK "n": the modulus, unsigned big-endian, base64url without padding.
  std::string ModulusBase64Url() const;
  // JWK "e": the public exponent ("AQAB" for 65537).
  std::string ExponentBase64Url() const;
  // RSASSA-PKCS1-v1_5 with SHA-256 over data: raw signature bytes (256 for RSA-2048).
  std::string Sign(std::string_view data) const;
  bool Verify(std::string_view data, std::string_view signature) const;

 private:
  explicit SigningKey(EvpPkeyPtr key);

  EvpPkeyPtr key_;
  std::string kid_;
};

// A compact JWS: base64url(header).base64url(payload).base64url(signature), where the header is
// exactly {"kid":"<kid>","alg":"RS256"} and payload_json is used byte for byte.
std::string EncodeJwt(const SigningKey& key, std::string_view payload_json);

struct DecodedJwt {
  std::string header_json;
  std::string payload_json;
  std::string signing_input;  // The first two encoded parts joined by '.', as signed.
  std::string signature;      // Raw signature bytes.
};

// Splits a compact JWS into exactly three non-empty base64url parts and decodes them. Does NOT
// check the signature: look the key up by the header's kid, then call SigningKey::Verify.
std::optional<DecodedJwt> DecodeJwt(std::string_view token);

}  // namespace cognito::auth
