#include "auth/crypto.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <array>
#include <cstdint>
#include <stdexcept>

#include "auth/openssl_ptr.h"

namespace cognito::auth {
namespace {

constexpr std::string_view kStdAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrlAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr int8_t kInvalid = -1;

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string EncodeBase64(std::string_view raw, std::string_view alphabet, bool pad) {
  std::string out;
  out.reserve((raw.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= raw.size(); i += 3) {
    const uint32_t n = (static_cast<uint32_t>(static_cast<uint8_t>(raw[i])) << 16) |
                       (static_cast<uint32_t>(static_cast<uint8_t>(raw[i + 1])) << 8) |
                       static_cast<uint32_t>(static_cast<uint8_t>(raw[i + 2]));
    out.push_back(alphabet[(n >> 18) & 0x3f]);
    out.push_back(alphabet[(n >> 12) & 0x3f]);
    out.push_back(alphabet[(n >> 6) & 0x3f]);
    out.push_back(alphabet[n & 0x3f]);
  }
  const size_t rest = raw.size() - i;
  if (rest == 0) {
    return out;
  }
  uint32_t n = static_cast<uint32_t>(static_cast<uint8_t>(raw[i])) << 16;
  if (rest == 2) {
    n |= static_cast<uint32_t>(static_cast<uint8_t>(raw[i + 1])) << 8;
  }
  out.push_back(alphabet[(n >> 18) & 0x3f]);
  out.push_back(alphabet[(n >> 12) & 0x3f]);
  if (rest == 2) {
    out.push_back(alphabet[(n >> 6) & 0x3f]);
  }
  if (pad) {
    out.append(3 - rest, '=');
  }
  return out;
}

std::array<int8_t, 256> ReverseTable(std::string_view alphabet) {
  std::array<int8_t, 256> table{};
  table.fill(kInvalid);
  for (size_t i = 0; i < alphabet.size(); ++i) {
    table[static_cast<uint8_t>(alphabet[i])] = static_cast<int8_t>(i);
  }
  return table;
}

std::optional<std::string> DecodeBase64(std::string_view text,
                                        const std::array<int8_t, 256>& table) {
  size_t padding = 0;
  while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') {
    ++padding;
  }
  // Padding, when present, must complete a 4-character quantum exactly.
  if (padding > 0 && text.size() % 4 != 0) {
    return std::nullopt;
  }
  const std::string_view body = text.substr(0, text.size() - padding);
  if (body.size() % 4 == 1) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(body.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : body) {
    const int8_t v = table[static_cast<uint8_t>(c)];
    if (v == kInvalid) {
      return std::nullopt;
    }
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

EVP_MAC* HmacAlgorithm() {
  // Fetched once: algorithm objects are immutable and safe to share between threads.
  static const EvpMacPtr mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  if (!mac) {
    throw std::runtime_error("EVP_MAC_fetch(HMAC) failed");
  }
  return mac.get();
}

// Fetched once as well: with EVP_sha256() OpenSSL 3 looks the implementation up in its provider
// tables (locks included) on every digest, which cost more than hashing a 1 KB token.
const EVP_MD* Sha256Algorithm() {
  static const EvpMdPtr md(EVP_MD_fetch(nullptr, "SHA256", nullptr));
  if (!md) {
    throw std::runtime_error("EVP_MD_fetch(SHA256) failed");
  }
  return md.get();
}

// HMAC with the named digest (an OpenSSL digest name) producing `size` bytes.
std::string Hmac(const char* digest, size_t size, std::string_view key, std::string_view data) {
  EvpMacCtxPtr ctx(EVP_MAC_CTX_new(HmacAlgorithm()));
  if (!ctx) {
    throw std::runtime_error("EVP_MAC_CTX_new failed");
  }
  std::string digest_name(digest);
  const std::array<OSSL_PARAM, 2> params = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name.data(), 0),
      OSSL_PARAM_construct_end()};
  // A non-null key pointer is required even for an empty key, otherwise no key is set.
  static const unsigned char kEmpty = 0;
  const unsigned char* key_bytes = key.empty() ? &kEmpty : Bytes(key);
  std::string out(size, '\0');
  size_t len = 0;
  if (EVP_MAC_init(ctx.get(), key_bytes, key.size(), params.data()) != 1 ||
      EVP_MAC_update(ctx.get(), Bytes(data), data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, out.size()) !=
          1 ||
      len != out.size()) {
    throw std::runtime_error(std::string("HMAC-") + digest + " failed");
  }
  return out;
}

}  // namespace

std::string Sha256(std::string_view data) {
  // One context per thread, kept between calls: a new one per digest is an allocation and a
  // fresh set-up of the algorithm, both more than hashing a short input.
  thread_local const EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  std::string out(32, '\0');
  unsigned int len = 0;
  if (!ctx || EVP_DigestInit_ex2(ctx.get(), Sha256Algorithm(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len) != 1 ||
      len != out.size()) {
    throw std::runtime_error("EVP_Digest(SHA-256) failed");
  }
  return out;
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  return Hmac("SHA256", 32, key, data);
}

std::string HmacSha1(std::string_view key, std::string_view data) {
  return Hmac("SHA1", 20, key, data);
}

std::string Base64Encode(std::string_view raw) { return EncodeBase64(raw, kStdAlphabet, true); }

std::optional<std::string> Base64Decode(std::string_view text) {
  static const std::array<int8_t, 256> kTable = ReverseTable(kStdAlphabet);
  return DecodeBase64(text, kTable);
}

std::string Base64UrlEncode(std::string_view raw) { return EncodeBase64(raw, kUrlAlphabet, false); }

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  static const std::array<int8_t, 256> kTable = ReverseTable(kUrlAlphabet);
  return DecodeBase64(text, kTable);
}

std::string HexEncode(std::string_view raw) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(raw.size() * 2);
  for (char c : raw) {
    const auto byte = static_cast<uint8_t>(c);
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0x0f]);
  }
  return out;
}

std::optional<std::string> HexDecode(std::string_view hex) {
  std::string out;
  out.reserve((hex.size() + 1) / 2);
  size_t i = 0;
  if (hex.size() % 2 == 1) {
    const int v = HexValue(hex[0]);
    if (v < 0) {
      return std::nullopt;
    }
    out.push_back(static_cast<char>(v));
    i = 1;
  }
  for (; i < hex.size(); i += 2) {
    const int hi = HexValue(hex[i]);
    const int lo = HexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return std::nullopt;
    }
    out.push_back(static_cast<char>((hi << 4) | lo));
  }
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace cognito::auth
