#include "auth/jwt.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <array>
#include <climits>
#include <stdexcept>
#include <utility>

#include "auth/crypto.h"

namespace cognito::auth {
namespace {

constexpr int kRsaBits = 2048;

void Check(int ok, const char* what) {
  if (ok != 1) {
    throw std::runtime_error(std::string("OpenSSL failure in JWT: ") + what);
  }
}

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string SubjectPublicKeyInfoDer(const EVP_PKEY* key) {
  const int len = i2d_PUBKEY(key, nullptr);
  if (len <= 0) {
    throw std::runtime_error("i2d_PUBKEY failed");
  }
  std::string der(static_cast<size_t>(len), '\0');
  auto* cursor = reinterpret_cast<unsigned char*>(der.data());
  if (i2d_PUBKEY(key, &cursor) != len) {
    throw std::runtime_error("i2d_PUBKEY failed");
  }
  return der;
}

std::string BignumParamBase64Url(const EVP_PKEY* key, const char* name) {
  BIGNUM* raw = nullptr;
  Check(EVP_PKEY_get_bn_param(key, name, &raw), "EVP_PKEY_get_bn_param");
  const BignumPtr value(raw);
  std::string bytes(static_cast<size_t>(BN_num_bytes(value.get())), '\0');
  BN_bn2bin(value.get(), reinterpret_cast<unsigned char*>(bytes.data()));
  return Base64UrlEncode(bytes);
}

}  // namespace

SigningKey::SigningKey(EvpPkeyPtr key)
    : key_(std::move(key)), kid_(Base64Encode(Sha256(SubjectPublicKeyInfoDer(key_.get())))) {}

SigningKey SigningKey::Generate() {
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  if (!ctx) {
    throw std::runtime_error("EVP_PKEY_CTX_new_from_name(RSA) failed");
  }
  BignumPtr exponent(BN_new());
  if (!exponent) {
    throw std::runtime_error("BN_new failed");
  }
  Check(BN_set_word(exponent.get(), RSA_F4), "BN_set_word");
  Check(EVP_PKEY_keygen_init(ctx.get()), "EVP_PKEY_keygen_init");
  Check(EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), kRsaBits), "set_rsa_keygen_bits");
  Check(EVP_PKEY_CTX_set1_rsa_keygen_pubexp(ctx.get(), exponent.get()), "set1_rsa_keygen_pubexp");
  EVP_PKEY* raw = nullptr;
  Check(EVP_PKEY_generate(ctx.get(), &raw), "EVP_PKEY_generate");
  return SigningKey(EvpPkeyPtr(raw));
}

std::optional<SigningKey> SigningKey::FromPem(std::string_view private_pem) {
  if (private_pem.size() > static_cast<size_t>(INT_MAX)) {
    return std::nullopt;
  }
  BioPtr bio(BIO_new_mem_buf(private_pem.data(), static_cast<int>(private_pem.size())));
  if (!bio) {
    throw std::runtime_error("BIO_new_mem_buf failed");
  }
  EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  // RS256 needs an RSA key; anything else (EC, a public key, garbage) is refused.
  if (!key || EVP_PKEY_is_a(key.get(), "RSA") != 1) {
    return std::nullopt;
  }
  return SigningKey(std::move(key));
}

std::string SigningKey::PrivatePem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) {
    throw std::runtime_error("BIO_new failed");
  }
  Check(PEM_write_bio_PKCS8PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr),
        "PEM_write_bio_PKCS8PrivateKey");
  std::string pem(BIO_ctrl_pending(bio.get()), '\0');
  size_t read = 0;
  if (!pem.empty()) {
    Check(BIO_read_ex(bio.get(), pem.data(), pem.size(), &read), "BIO_read_ex");
  }
  pem.resize(read);
  return pem;
}

std::string SigningKey::ModulusBase64Url() const {
  return BignumParamBase64Url(key_.get(), OSSL_PKEY_PARAM_RSA_N);
}

std::string SigningKey::ExponentBase64Url() const {
  return BignumParamBase64Url(key_.get(), OSSL_PKEY_PARAM_RSA_E);
}

std::string SigningKey::Sign(std::string_view data) const {
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) {
    throw std::runtime_error("EVP_MD_CTX_new failed");
  }
  // Default RSA padding for EVP_DigestSign is PKCS#1 v1.5, which RS256 requires.
  Check(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()),
        "EVP_DigestSignInit");
  size_t len = 0;
  Check(EVP_DigestSign(ctx.get(), nullptr, &len, Bytes(data), data.size()), "EVP_DigestSign");
  std::string signature(len, '\0');
  Check(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &len,
                       Bytes(data), data.size()),
        "EVP_DigestSign");
  signature.resize(len);
  return signature;
}

bool SigningKey::Verify(std::string_view data, std::string_view signature) const {
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) {
    throw std::runtime_error("EVP_MD_CTX_new failed");
  }
  Check(EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()),
        "EVP_DigestVerifyInit");
  return EVP_DigestVerify(ctx.get(), Bytes(signature), signature.size(), Bytes(data),
                          data.size()) == 1;
}

std::string EncodeJwt(const SigningKey& key, std::string_view payload_json) {
  const std::string header = R"({"kid":")" + key.kid() + R"(","alg":"RS256"})";
  std::string token = Base64UrlEncode(header);
  token.push_back('.');
  token.append(Base64UrlEncode(payload_json));
  const std::string signature = key.Sign(token);
  token.push_back('.');
  token.append(Base64UrlEncode(signature));
  return token;
}

std::optional<DecodedJwt> DecodeJwt(std::string_view token) {
  const size_t first = token.find('.');
  if (first == std::string_view::npos) {
    return std::nullopt;
  }
  const size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  const std::array<std::string_view, 3> parts = {token.substr(0, first),
                                                 token.substr(first + 1, second - first - 1),
                                                 token.substr(second + 1)};
  std::array<std::string, 3> decoded;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::optional<std::string> part = Base64UrlDecode(parts[i]);
    if (!part || part->empty()) {
      return std::nullopt;
    }
    decoded[i] = std::move(*part);
  }
  return DecodedJwt{std::move(decoded[0]), std::move(decoded[1]),
                    std::string(token.substr(0, second)), std::move(decoded[2])};
}

}  // namespace cognito::auth
