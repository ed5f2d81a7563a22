// The install's two RS256 signing keys (one for ID tokens, one for access tokens), loaded from
// the store or generated and persisted on first start. Immutable after construction; safe to
// share between threads.
#pragma once

#include <string>
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

 private:
  KeyRing(auth::SigningKey id_key, auth::SigningKey access_key)
      : id_key_(std::move(id_key)), access_key_(std::move(access_key)) {}
  auth::SigningKey id_key_;
  auth::SigningKey access_key_;
};

}  // namespace cognito::actions
