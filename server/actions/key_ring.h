// The install's two RS256 signing keys (one for ID tokens, one for access tokens), loaded from
// the store or generated and persisted on first start, and the AES-256 key that seals refresh
// tokens, derived from the access key (so it needs no storage of its own). The keys are immutable after
// construction; the memo of verified access tokens has its own lock. Safe to share between
// threads.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "auth/jwt.h"
#include "storage/store.h"

namespace cognito::actions {

// What a verified access token says; string claims absent from it are empty.
struct AccessClaims {
  int64_t exp = 0;
  std::string iss, username, sub, origin_jti, client_id, device_key, scope;
};

class KeyRing {
 public:
  // Loads both keys, generating and storing any that is missing (in one write transaction).
  static KeyRing LoadOrCreate(storage::Store& store);

  const auth::SigningKey& id_key() const { return id_key_; }
  const auth::SigningKey& access_key() const { return access_key_; }
  // 32 bytes: HMAC-SHA256 of the access key's private PEM with a fixed label.
  const std::string& refresh_key() const { return refresh_key_; }
  // The key with this kid, or nullptr.
  const auth::SigningKey* Find(const std::string& kid) const;

  // The claims of an access token whose header (RS256, access_key()'s kid), signature and
  // claim types (token_use "access", integer exp, string iss and username) check out; nullptr
  // for any other string. Tokens that pass are remembered by their SHA-256, so one presented
  // again costs a hash and a lookup instead of an RSA verification and two JSON parses. Only
  // what the token itself says is remembered: expiry, revocation and the user are the caller's
  // to check on every call.
  std::shared_ptr<const AccessClaims> VerifyAccessToken(const std::string& token) const;

 private:
  // At most this many remembered tokens (a few hundred bytes each); the memo starts over when
  // full.
  static constexpr size_t kMaxVerified = 4096;
  struct Verified {
    std::mutex mu;
    std::unordered_map<std::string, std::shared_ptr<const AccessClaims>> by_digest;
  };

  KeyRing(auth::SigningKey id_key, auth::SigningKey access_key);
  auth::SigningKey id_key_;
  auth::SigningKey access_key_;
  std::string refresh_key_;
  std::unique_ptr<Verified> verified_ = std::make_unique<Verified>();
};

}  // namespace cognito::actions
