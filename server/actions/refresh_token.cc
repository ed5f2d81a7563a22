#include "server/actions/refresh_token.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string_view>
#include <vector>

#include "auth/aead.h"
#include "auth/crypto.h"

namespace cognito::actions {
namespace {

constexpr std::string_view kHeader = R"({"cty":"JWT","enc":"A256GCM","alg":"dir"})";

const std::string& EncodedHeader() {
  static const std::string encoded = auth::Base64UrlEncode(kHeader);
  return encoded;
}

// The five parts of a compact JWE, or an empty vector when the dots do not make five.
std::vector<std::string_view> Parts(std::string_view token) {
  if (std::count(token.begin(), token.end(), '.') != 4) {
    return {};
  }
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t dot = token.find('.'); dot != std::string_view::npos; dot = token.find('.', start)) {
    parts.push_back(token.substr(start, dot - start));
    start = dot + 1;
  }
  parts.push_back(token.substr(start));
  return parts;
}

bool Read(const nlohmann::json& claims, const char* name, std::string& out) {
  const auto it = claims.find(name);
  if (it == claims.end() || !it->is_string()) {
    return false;
  }
  out = it->get<std::string>();
  return true;
}

bool Read(const nlohmann::json& claims, const char* name, int64_t& out) {
  const auto it = claims.find(name);
  if (it == claims.end() || !it->is_number_integer()) {
    return false;
  }
  out = it->get<int64_t>();
  return true;
}

// A part in canonical base64url only (no padding, no stray bits), so that each token has one
// spelling: rotation remembers a replaced token by the hash of its string.
std::optional<std::string> DecodePart(std::string_view part) {
  auto raw = auth::Base64UrlDecode(part);
  if (!raw || auth::Base64UrlEncode(*raw) != part) {
    return std::nullopt;
  }
  return raw;
}

}  // namespace

std::string SealRefreshToken(const KeyRing& keys, auth::Random& random,
                             const RefreshClaims& claims) {
  const nlohmann::json payload{{"pool_id", claims.pool_id},       {"client_id", claims.client_id},
                               {"sub", claims.sub},               {"origin_jti", claims.origin_jti},
                               {"auth_time", claims.auth_time_s}, {"device_key", claims.device_key},
                               {"iat_ms", claims.issued_ms},      {"exp_ms", claims.expires_ms}};
  return SealRefreshPayload(keys, random.Bytes(auth::kAesGcmIvBytes), payload.dump());
}

std::string SealRefreshPayload(const KeyRing& keys, std::string_view iv,
                               std::string_view payload_json) {
  const auth::Sealed sealed =
      auth::AesGcmSeal(keys.refresh_key(), iv, EncodedHeader(), payload_json);
  return EncodedHeader() + ".." + auth::Base64UrlEncode(iv) + "." +
         auth::Base64UrlEncode(sealed.ciphertext) + "." + auth::Base64UrlEncode(sealed.tag);
}

std::optional<RefreshClaims> OpenRefreshToken(const KeyRing& keys, const std::string& token) {
  const std::vector<std::string_view> parts = Parts(token);
  if (parts.empty() || parts[0] != EncodedHeader() || !parts[1].empty()) {
    return std::nullopt;
  }
  const auto iv = DecodePart(parts[2]);
  const auto ciphertext = DecodePart(parts[3]);
  const auto tag = DecodePart(parts[4]);
  if (!iv || iv->size() != auth::kAesGcmIvBytes || !ciphertext || !tag) {
    return std::nullopt;
  }
  const auto plain = auth::AesGcmOpen(keys.refresh_key(), *iv, parts[0], *ciphertext, *tag);
  if (!plain) {
    return std::nullopt;
  }
  const nlohmann::json payload = nlohmann::json::parse(*plain, nullptr, false);
  RefreshClaims claims;
  if (!payload.is_object() || !Read(payload, "pool_id", claims.pool_id) ||
      !Read(payload, "client_id", claims.client_id) || !Read(payload, "sub", claims.sub) ||
      !Read(payload, "origin_jti", claims.origin_jti) ||
      !Read(payload, "auth_time", claims.auth_time_s) ||
      !Read(payload, "device_key", claims.device_key) ||
      !Read(payload, "iat_ms", claims.issued_ms) || !Read(payload, "exp_ms", claims.expires_ms)) {
    return std::nullopt;
  }
  return claims;
}

}  // namespace cognito::actions
