// Hashing, MAC and text encodings shared by the auth code. All functions are pure, take and
// return raw bytes in std::string (no ownership beyond the returned values) and are safe to call
// from any thread. Failures inside OpenSSL (out of memory) throw std::runtime_error; malformed
// input to a decoder is reported as std::nullopt, never as an exception.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cognito::auth {

// SHA-256 digest: 32 raw bytes.
std::string Sha256(std::string_view data);

// HMAC-SHA256 (RFC 2104): 32 raw bytes. Any key length, including empty.
std::string HmacSha256(std::string_view key, std::string_view data);

// HMAC-SHA1 (RFC 2104): 20 raw bytes. Only for protocols that mandate it (TOTP, RFC 6238).
std::string HmacSha1(std::string_view key, std::string_view data);

// RFC 4648 standard alphabet with '=' padding.
std::string Base64Encode(std::string_view raw);

// Standard alphabet; padding optional but, if present, must complete the final quantum.
// Rejects characters outside the alphabet (including whitespace and the URL alphabet).
std::optional<std::string> Base64Decode(std::string_view text);

// RFC 4648 URL-safe alphabet, no padding (the JOSE form).
std::string Base64UrlEncode(std::string_view raw);

// URL-safe alphabet, padding optional; rejects '+', '/' and anything else outside the alphabet.
std::optional<std::string> Base64UrlDecode(std::string_view text);

// Lowercase hex, two characters per byte.
std::string HexEncode(std::string_view raw);

// Hex digits of either case. An odd length is accepted as if a leading '0' were present.
std::optional<std::string> HexDecode(std::string_view hex);

// Constant-time comparison of the contents (CRYPTO_memcmp). Returns false when the lengths
// differ; the length itself is not secret.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace cognito::auth
