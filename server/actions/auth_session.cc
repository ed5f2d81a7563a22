#include "server/actions/auth_session.h"

#include "auth/crypto.h"
#include "server/actions/error.h"
#include "server/actions/purge_schedule.h"

namespace cognito::actions {

namespace {

constexpr size_t kSessionBytes = 120;  // 160 base64url characters, within the model's 20..2048
PurgeSchedule purges;  // of this file's table

std::string Hash(const std::string& text) { return auth::Sha256(text); }

}  // namespace

std::string StartSession(Context& ctx, const SessionBinding& binding, const std::string& challenge,
                         const Json& state, int64_t validity_seconds,
                         const std::string& secret_block) {
  const int64_t now = ctx.env.clock.NowMillis();
  const std::string session = auth::Base64UrlEncode(ctx.env.random.Bytes(kSessionBytes));
  storage::AuthSessionRecord record;
  record.id_hash = Hash(session);
  record.secret_block_hash = secret_block.empty() ? "" : Hash(secret_block);
  record.pool_id = binding.pool_id;
  record.client_id = binding.client_id;
  record.username = binding.username;
  record.challenge = challenge;
  record.state_json = state.dump();
  record.expires_ms = now + validity_seconds * 1000;
  ctx.Write([record = std::move(record), now](storage::Store& store) {
    if (purges.Due()) {
      store.PurgeAuthSessions(now, PurgeSchedule::kLimit);
    }
    store.InsertAuthSession(record);
  });
  return session;
}

OpenSession LoadSession(Context& ctx, const std::string& session, const std::string& secret_block,
                        const std::string& client_id, const std::string& challenge) {
  std::optional<storage::AuthSessionRecord> record;
  if (!session.empty()) {
    record = ctx.store.GetAuthSession(Hash(session));
  } else if (!secret_block.empty()) {
    record = ctx.store.GetAuthSessionBySecretBlock(Hash(secret_block));
  }
  if (!record) {
    throw CognitoError::NotAuthorized("Invalid session for the user.");
  }
  if (record->consumed) {
    throw CognitoError::NotAuthorized("Invalid session for the user, session can only be used once.");
  }
  if (record->expires_ms <= ctx.env.clock.NowMillis()) {
    throw CognitoError::NotAuthorized("Invalid session for the user, session is expired.");
  }
  if ((!client_id.empty() && record->client_id != client_id) || record->challenge != challenge ||
      (!secret_block.empty() && !record->secret_block_hash.empty() &&
       !auth::ConstantTimeEquals(Hash(secret_block), record->secret_block_hash))) {
    throw CognitoError::NotAuthorized("Invalid session provided for the user.");
  }
  Json state = Json::parse(record->state_json, nullptr, false);
  if (!state.is_object()) {
    throw CognitoError::NotAuthorized("Invalid session for the user.");
  }
  return {std::move(*record), std::move(state)};
}

void SaveSessionState(Context& ctx, const OpenSession& session) {
  storage::AuthSessionRecord record = session.record;
  record.state_json = session.state.dump();
  ctx.Write(
      [record = std::move(record)](storage::Store& store) { store.UpdateAuthSession(record); });
}

void ConsumeSession(Context& ctx, OpenSession& session) {
  session.record.state_json = "{}";
  ctx.Write([record = session.record](storage::Store& store) {
    store.UpdateAuthSession(record);
    // Another request may have used the session since it was read: only one may win.
    if (!store.ConsumeAuthSession(record.id_hash)) {
      throw CognitoError::NotAuthorized(
          "Invalid session for the user, session can only be used once.");
    }
  });
}

}  // namespace cognito::actions
