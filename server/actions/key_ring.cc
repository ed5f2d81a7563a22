#include "server/actions/key_ring.h"

#include <optional>
#include <stdexcept>

#include "auth/crypto.h"

namespace cognito::actions {

namespace {

std::optional<auth::SigningKey> Load(const std::vector<storage::SigningKeyRecord>& records,
                                     const std::string& purpose) {
  for (const auto& r : records) {
    if (r.purpose == purpose) {
      auto key = auth::SigningKey::FromPem(r.private_key_pem);
      if (!key) {
        throw std::runtime_error("stored signing key '" + purpose + "' cannot be read");
      }
      return key;
    }
  }
  return std::nullopt;
}

}  // namespace

KeyRing KeyRing::LoadOrCreate(storage::Store& store) {
  storage::Store::Transaction tx(store, true);
  const auto records = store.SigningKeys();
  auto id_key = Load(records, "id");
  auto access_key = Load(records, "access");
  for (auto* slot : {&id_key, &access_key}) {
    if (!*slot) {
      *slot = auth::SigningKey::Generate();
      store.InsertSigningKey({slot == &id_key ? "id" : "access", (*slot)->kid(),
                              (*slot)->PrivatePem(), 0});
    }
  }
  tx.Commit();
  return KeyRing(std::move(*id_key), std::move(*access_key));
}

const auth::SigningKey* KeyRing::Find(const std::string& kid) const {
  if (kid == id_key_.kid()) {
    return &id_key_;
  }
  if (kid == access_key_.kid()) {
    return &access_key_;
  }
  return nullptr;
}

bool KeyRing::VerifyAccessSignature(std::string_view signing_input,
                                    std::string_view signature) const {
  std::string message(signing_input);
  message.push_back('.');
  message.append(signature);
  std::string digest = auth::Sha256(message);
  {
    std::lock_guard lock(verified_->mu);
    if (verified_->digests.count(digest) != 0) {
      return true;
    }
  }
  if (!access_key_.Verify(signing_input, signature)) {
    return false;
  }
  std::lock_guard lock(verified_->mu);
  if (verified_->digests.size() >= kMaxVerified) {
    verified_->digests.clear();
  }
  verified_->digests.insert(std::move(digest));
  return true;
}

}  // namespace cognito::actions
