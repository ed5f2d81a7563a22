// Refresh tokens (tokens.md §6) carry their own claims, sealed: a compact JWE with direct
// AES-256-GCM encryption under the KeyRing's refresh key, so a sign-in stores nothing for its
// refresh token and the token still survives a restart. Only the emulator can read or forge
// one. What changes after issue (revocation, rotation, sign-out) is kept in the store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/random.h"
#include "server/actions/key_ring.h"

namespace cognito::actions {

struct RefreshClaims {
  std::string pool_id;
  std::string client_id;
  std::string sub;
  std::string origin_jti;
  int64_t auth_time_s = 0;
  std::string device_key;  // empty = none
  int64_t issued_ms = 0;
  int64_t expires_ms = 0;
};

// base64url({"cty":"JWT","enc":"A256GCM","alg":"dir"}) . (no encrypted key) . base64url(IV) .
// base64url(ciphertext) . base64url(tag), the header's text as the additional data (RFC 7516).
// The IV is random (96 bits): NIST's bound for one key, 2^32 tokens, is far beyond an install's.
std::string SealRefreshToken(const KeyRing& keys, auth::Random& random,
                             const RefreshClaims& claims);
// The same token around any payload and IV (kAesGcmIvBytes): what SealRefreshToken builds on,
// and how tests and the fuzzer make tokens whose claims are wrong.
std::string SealRefreshPayload(const KeyRing& keys, std::string_view iv,
                               std::string_view payload_json);

// The claims of a token this install sealed, spelled exactly as sealed (canonical base64url);
// nullopt for any other string (another shape or spelling, another key, a changed byte, claims
// of the wrong types).
std::optional<RefreshClaims> OpenRefreshToken(const KeyRing& keys, const std::string& token);

}  // namespace cognito::actions
