// Cognito's SRP-6a variant (../shared/spec/srp.md): RFC 3526 3072-bit group, g = 2, SHA-256,
// Java-style PAD encodings, an HKDF "Caldera Derived Key" step and an HMAC password claim.
//
// Integers cross this interface as raw big-endian byte strings. Inputs are read as unsigned
// integers of any length (leading zero bytes allowed); outputs are always in PAD form: minimal
// big-endian bytes, with one 0x00 prepended when the top bit is set. Salts and verifiers are
// user secrets, b and a are session secrets: exponentiations with them run in constant time.
// All functions are pure apart from the injected Random, and safe to call from any thread (the
// group constants are computed once, on first use, with thread-safe static initialisation).
// OpenSSL failures (out of memory) throw std::runtime_error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/random.h"

namespace cognito::auth {

struct PasswordVerifier {
  std::string salt;      // PAD(salt): what x hashes and what SALT carries (as hex).
  std::string verifier;  // PAD(v), v = g^x mod N.
};

// x = INT(H(PAD(salt) || H(pool_name || user_id || ":" || password))); v = g^x mod N.
// Draws a new 16-byte random salt. For devices: pool_name = DeviceGroupKey, user_id = DeviceKey.
PasswordVerifier MakePasswordVerifier(std::string_view pool_name, std::string_view user_id,
                                      std::string_view password, Random& random);
// Same with a given salt (any unsigned encoding; stored normalised to PAD form).
PasswordVerifier MakePasswordVerifierWithSalt(std::string_view pool_name, std::string_view user_id,
                                              std::string_view password, std::string_view salt);
// Recomputes v from the password and compares it with stored.verifier in constant time.
bool CheckPassword(const PasswordVerifier& stored, std::string_view pool_name,
                   std::string_view user_id, std::string_view password);

// Server side of the exchange (USER_SRP_AUTH and DEVICE_SRP_AUTH).
struct SrpServerStart {
  std::string b;  // Private ephemeral: 32 random bytes. Never leaves the server.
  std::string B;  // PAD((k*v + g^b) mod N).
};
// Draws b and computes B from the stored verifier; redraws in the (negligible) case B == 0.
SrpServerStart SrpStart(std::string_view verifier, Random& random);
// Deterministic form for known-answer tests: b is given.
SrpServerStart SrpStartWithB(std::string_view verifier, std::string_view b);
// False when A mod N == 0 (the SRP-6a safety check; also false for empty A).
bool SrpIsValidA(std::string_view A);
// The 16-byte session key K, or nullopt when A is invalid or u == H(PAD(A)||PAD(B)) is zero.
std::optional<std::string> SrpServerKey(std::string_view A, std::string_view B, std::string_view b,
                                        std::string_view verifier);
// PASSWORD_CLAIM_SIGNATURE: Base64(HMAC-SHA256(K, pool_name || user_id || secret_block_raw ||
// timestamp)). The server compares it with the client's value using ConstantTimeEquals.
std::string SrpSignature(std::string_view key, std::string_view pool_name, std::string_view user_id,
                         std::string_view secret_block_raw, std::string_view timestamp);
// Lowercase hex of PAD(INT(raw)): the form the server sends in SALT and SRP_B.
std::string SrpHex(std::string_view raw);
// INT(hex) as PAD bytes. Accepts either case, odd length and leading zeros (clients send
// SRP_A as BigInteger.toString(16)); rejects empty input and non-hex characters.
std::optional<std::string> SrpParseHexInt(std::string_view hex);

// Intermediate values, exposed for known-answer tests and in-process test clients.
std::string SrpMultiplier();  // PAD(k), k = H(PAD(N) || PAD(g)).
std::string SrpComputeX(std::string_view salt, std::string_view pool_name, std::string_view user_id,
                        std::string_view password);               // PAD(x)
std::string SrpComputeU(std::string_view A, std::string_view B);  // PAD(u)
// PAD(S), S = (A * v^u)^b mod N; nullopt when A is invalid or u == 0.
std::optional<std::string> SrpServerPremaster(std::string_view A, std::string_view B,
                                              std::string_view b, std::string_view verifier);
// K = HKDF-SHA256(salt = PAD(u), ikm = PAD(S), info = "Caldera Derived Key")[0:16].
std::string SrpDeriveKey(std::string_view u, std::string_view premaster);

// Client side (what amazon-cognito-identity-js computes), for tests and tooling only.
std::string SrpClientPublic(std::string_view a);  // PAD(A), A = g^a mod N.
// PAD(S), S = (B - k*g^x)^(a + u*x) mod N; nullopt when B mod N == 0 or u == 0.
std::optional<std::string> SrpClientPremaster(std::string_view a, std::string_view B,
                                              std::string_view x);

// TIMESTAMP as Cognito clients send it: "Www Mmm D HH:MM:SS UTC YYYY", day without a leading
// zero, e.g. "Sun Nov 1 03:04:05 UTC 2026".
std::string FormatSrpTimestamp(int64_t unix_seconds);
// Strict inverse of FormatSrpTimestamp: exact layout, a real calendar date, a four-digit year
// and the weekday that date falls on. Returns Unix seconds, or nullopt on any deviation.
std::optional<int64_t> ParseSrpTimestamp(std::string_view text);

}  // namespace cognito::auth
