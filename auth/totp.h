// Time-based one-time passwords for software-token MFA (tokens.md §9): HOTP (RFC 4226) and TOTP
// (RFC 6238) with HMAC-SHA1, 30-second steps and 6 digits, plus the RFC 4648 Base32 text that
// carries the shared secret (AssociateSoftwareToken's SecretCode). Pure functions over values:
// no clock, no state, safe from any thread. Keys are raw bytes in std::string.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cognito::auth {

inline constexpr int64_t kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;
// Steps accepted either side of the current one (clock skew between server and device).
inline constexpr int64_t kTotpWindow = 1;

// RFC 4648 Base32: uppercase A-Z2-7, no '=' padding (20 bytes -> 32 chars, 32 bytes -> 52).
std::string Base32Encode(std::string_view raw);
// Either case; '=' padding optional. Rejects other characters, impossible lengths and
// non-zero trailing bits.
std::optional<std::string> Base32Decode(std::string_view text);

// HOTP(key, counter) truncated to `digits` (6..8) decimal digits, zero-padded.
std::string HotpCode(std::string_view key, uint64_t counter, int digits = kTotpDigits);
// floor(unix_seconds / 30).
int64_t TotpStep(int64_t unix_seconds);
// The TOTP code valid at unix_seconds.
std::string TotpCode(std::string_view key, int64_t unix_seconds);

// The step within kTotpWindow of unix_seconds whose code equals `code` (compared in constant
// time) and which is later than `last_used_step`, so that a code is accepted only once; the
// current step is tried first. nullopt when none matches.
std::optional<int64_t> MatchTotp(std::string_view key, std::string_view code, int64_t unix_seconds,
                                 int64_t last_used_step);

}  // namespace cognito::auth
