// The install's two RS256 signing keys (one for ID tokens, one for access tokens), loaded from
// the store or generated and persisted on first start. The keys are immutable after
// construction; the memo of verified access tokens has its own lock. Safe to share between
// threads.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "auth/jwt.h"
#include "storage/store.h"

namespace cognito::actions {

class KeyRing {
 public:
  // Loads both keys, generating and storing any that is missing (in one write transaction).
  static KeyRing LoadOrCreate(storage::Store& store);

  const auth::SigningKey& id_key() const { return id_key_; }
  const auth::SigningKey& access_key() const { return access_key_; }
  // The key with this kid, or nullptr.
  const auth::SigningKey* Find(const std::string& kid) const;

  // access_key().Verify, remembering the (signing input, signature) pairs that verified, so a
  // token presented again costs a SHA-256 instead of an RSA verification. Only the signature
  // check is remembered: expiry, revocation and the user are checked on every call.
  bool VerifyAccessSignature(std::string_view signing_input, std::string_view signature) const;

 private:
  // At most this many remembered tokens; the memo starts over when full.
  static constexpr size_t kMaxVerified = 16384;
  struct Verified {
    std::mutex mu;
    std::unordered_set<std::string> digests;
  };

  KeyRing(auth::SigningKey id_key, auth::SigningKey access_key)
      : id_key_(std::move(id_key)), access_key_(std::move(access_key)) {}
  auth::SigningKey id_key_;
  auth::SigningKey access_key_;
  std::unique_ptr<Verified> verified_ = std::make_unique<Verified>();
};

}  // namespace cognito::actions
