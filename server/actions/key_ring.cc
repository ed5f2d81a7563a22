#include "server/actions/key_ring.h"

#include <nlohmann/json.hpp>

#include <future>
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

nlohmann::json ParseObject(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  return !j.is_discarded() && j.is_object() ? j : nlohmann::json();
}

// A string member; "" when absent or of another type, so odd types in a forged token make an
// invalid token like any other, not an exception.
std::string StringMember(const nlohmann::json& object, const char* name) {
  if (!object.is_object()) {
    return {};
  }
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::shared_ptr<const AccessClaims> Decode(const std::string& token, const auth::SigningKey& key) {
  const auto decoded = auth::DecodeJwt(token);
  if (!decoded) {
    return nullptr;
  }
  const nlohmann::json header = ParseObject(decoded->header_json);
  if (StringMember(header, "alg") != "RS256" || StringMember(header, "kid") != key.kid() ||
      !key.Verify(decoded->signing_input, decoded->signature)) {
    return nullptr;
  }
  const nlohmann::json claims = ParseObject(decoded->payload_json);
  if (StringMember(claims, "token_use") != "access" || !claims.contains("exp") ||
      !claims["exp"].is_number_integer() || !claims.contains("iss") ||
      !claims["iss"].is_string() || !claims.contains("username") ||
      !claims["username"].is_string()) {
    return nullptr;
  }
  auto out = std::make_shared<AccessClaims>();
  out->exp = claims["exp"].get<int64_t>();
  out->iss = claims["iss"].get<std::string>();
  out->username = claims["username"].get<std::string>();
  out->sub = StringMember(claims, "sub");
  out->origin_jti = StringMember(claims, "origin_jti");
  out->client_id = StringMember(claims, "client_id");
  out->device_key = StringMember(claims, "device_key");
  out->scope = StringMember(claims, "scope");
  return out;
}

}  // namespace

KeyRing::KeyRing(auth::SigningKey id_key, auth::SigningKey access_key)
    : id_key_(std::move(id_key)),
      access_key_(std::move(access_key)),
      refresh_key_(auth::HmacSha256(access_key_.PrivatePem(), "cognito-emulator refresh tokens")) {}

KeyRing KeyRing::LoadOrCreate(storage::Store& store) {
  storage::Store::Transaction tx(store, true);
  const auto records = store.SigningKeys();
  auto id_key = Load(records, "id");
  auto access_key = Load(records, "access");
  // A new database needs both keys: the access key is made on a thread of its own meanwhile, so
  // that a first start waits for one key generation (~0.1-0.5 s each), not two in a row.
  std::future<auth::SigningKey> new_access_key;
  if (!id_key && !access_key) {
    new_access_key = std::async(std::launch::async, &auth::SigningKey::Generate);
  }
  for (auto* slot : {&id_key, &access_key}) {
    if (!*slot) {
      *slot = slot == &access_key && new_access_key.valid() ? new_access_key.get()
                                                            : auth::SigningKey::Generate();
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

std::shared_ptr<const AccessClaims> KeyRing::VerifyAccessToken(const std::string& token) const {
  const std::string digest = auth::Sha256(token);
  {
    std::lock_guard lock(verified_->mu);
    if (const auto it = verified_->by_digest.find(digest); it != verified_->by_digest.end()) {
      return it->second;
    }
  }
  auto claims = Decode(token, access_key_);
  if (!claims) {
    return nullptr;
  }
  std::lock_guard lock(verified_->mu);
  if (verified_->by_digest.size() >= kMaxVerified) {
    verified_->by_digest.clear();
  }
  verified_->by_digest.emplace(digest, claims);
  return claims;
}

}  // namespace cognito::actions
