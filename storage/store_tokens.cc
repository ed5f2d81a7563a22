// Store: pending sign-in steps (auth_sessions), replaced refresh tokens, sign-outs and revoked
// token origins.
#include "storage/store.h"

namespace cognito::storage {
namespace {

// SQLite reads a negative LIMIT as "no limit".
int64_t SqlLimit(int limit) { return limit > 0 ? limit : -1; }

// An empty secret block hash is written as NULL (NULLIF(?, x'')) so that the partial unique
// index skips it, and NULL reads back as an empty string.
constexpr std::string_view kSessionColumns =
    "id_hash, secret_block_hash, pool_id, client_id, username, challenge, state_json,"
    " expires_ms, consumed";

std::string SelectFrom(std::string_view columns, std::string_view table_and_where) {
  std::string sql = "SELECT ";
  sql += columns;
  sql += " FROM ";
  sql += table_and_where;
  return sql;
}

AuthSessionRecord ReadSession(const Statement& stmt) {
  AuthSessionRecord session;
  session.id_hash = stmt.Blob(0);
  session.secret_block_hash = stmt.Blob(1);
  session.pool_id = stmt.Text(2);
  session.client_id = stmt.Text(3);
  session.username = stmt.Text(4);
  session.challenge = stmt.Text(5);
  session.state_json = stmt.Text(6);
  session.expires_ms = stmt.Int(7);
  session.consumed = stmt.Int(8) != 0;
  return session;
}

std::optional<AuthSessionRecord> FirstSession(Statement& stmt) {
  if (!stmt.Step()) {
    return std::nullopt;
  }
  return ReadSession(stmt);
}

}  // namespace

void Store::InsertAuthSession(const AuthSessionRecord& session) {
  Statement stmt = db_.Prepare(
      "INSERT INTO auth_sessions (id_hash, secret_block_hash, pool_id, client_id, username,"
      " challenge, state_json, expires_ms, consumed)"
      " VALUES (?1, NULLIF(?2, x''), ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  stmt.BindBlob(1, session.id_hash)
      .BindBlob(2, session.secret_block_hash)
      .BindText(3, session.pool_id)
      .BindText(4, session.client_id)
      .BindText(5, session.username)
      .BindText(6, session.challenge)
      .BindText(7, session.state_json)
      .BindInt(8, session.expires_ms)
      .BindInt(9, session.consumed ? 1 : 0);
  stmt.Run();
}

std::optional<AuthSessionRecord> Store::GetAuthSession(const std::string& id_hash) {
  Statement stmt = db_.Prepare(SelectFrom(kSessionColumns, "auth_sessions WHERE id_hash = ?1"));
  stmt.BindBlob(1, id_hash);
  return FirstSession(stmt);
}

std::optional<AuthSessionRecord> Store::GetAuthSessionBySecretBlock(
    const std::string& secret_block_hash) {
  if (secret_block_hash.empty()) {
    return std::nullopt;
  }
  Statement stmt =
      db_.Prepare(SelectFrom(kSessionColumns, "auth_sessions WHERE secret_block_hash = ?1"));
  stmt.BindBlob(1, secret_block_hash);
  return FirstSession(stmt);
}

void Store::UpdateAuthSession(const AuthSessionRecord& session) {
  Statement stmt = db_.Prepare(
      "UPDATE auth_sessions SET secret_block_hash = NULLIF(?2, x''), challenge = ?3, state_json = "
      "?4,"
      " expires_ms = ?5 WHERE id_hash = ?1");
  stmt.BindBlob(1, session.id_hash)
      .BindBlob(2, session.secret_block_hash)
      .BindText(3, session.challenge)
      .BindText(4, session.state_json)
      .BindInt(5, session.expires_ms)
      .Run();
  if (db_.Changes() == 0) {
    throw StoreError("UpdateAuthSession: no such session");
  }
}

bool Store::ConsumeAuthSession(const std::string& id_hash) {
  Statement stmt = db_.Prepare(
      "UPDATE auth_sessions SET consumed = 1, secret_block_hash = NULL"
      " WHERE id_hash = ?1 AND consumed = 0");
  stmt.BindBlob(1, id_hash).Run();
  return db_.Changes() > 0;
}

bool Store::DeleteAuthSession(const std::string& id_hash) {
  Statement stmt = db_.Prepare("DELETE FROM auth_sessions WHERE id_hash = ?1");
  stmt.BindBlob(1, id_hash).Run();
  return db_.Changes() > 0;
}

int64_t Store::PurgeAuthSessions(int64_t before_ms, int limit) {
  // The subquery walks the expiry index, so a batch costs O(limit) however large the table.
  Statement stmt = db_.Prepare(
      "DELETE FROM auth_sessions WHERE rowid IN (SELECT rowid FROM auth_sessions"
      " WHERE expires_ms < ?1 ORDER BY expires_ms LIMIT ?2)");
  stmt.BindInt(1, before_ms).BindInt(2, SqlLimit(limit)).Run();
  return db_.Changes();
}

bool Store::MarkRefreshTokenReplaced(const std::string& token_hash, const std::string& pool_id,
                                     int64_t replaced_ms, int64_t expires_ms) {
  // Only the first rotation sets the time: the retry grace period runs from it.
  Statement stmt = db_.Prepare(
      "INSERT INTO replaced_refresh_tokens (token_hash, pool_id, replaced_ms, expires_ms)"
      " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (token_hash) DO NOTHING");
  stmt.BindBlob(1, token_hash).BindText(2, pool_id).BindInt(3, replaced_ms).BindInt(4, expires_ms);
  stmt.Run();
  return db_.Changes() > 0;
}

int64_t Store::RefreshTokenReplacedMs(const std::string& token_hash) {
  Statement stmt =
      db_.Prepare("SELECT replaced_ms FROM replaced_refresh_tokens WHERE token_hash = ?1");
  stmt.BindBlob(1, token_hash);
  return stmt.Step() ? stmt.Int(0) : 0;
}

void Store::RecordSignOut(const std::string& pool_id, const std::string& sub, int64_t at_ms) {
  Statement stmt = db_.Prepare(
      "INSERT INTO sign_outs (pool_id, sub, signed_out_ms) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (pool_id, sub) DO UPDATE SET"
      " signed_out_ms = max(signed_out_ms, excluded.signed_out_ms)");
  stmt.BindText(1, pool_id).BindText(2, sub).BindInt(3, at_ms).Run();
}

int64_t Store::SignedOutMs(const std::string& pool_id, const std::string& sub) {
  Statement stmt =
      db_.Prepare("SELECT signed_out_ms FROM sign_outs WHERE pool_id = ?1 AND sub = ?2");
  stmt.BindText(1, pool_id).BindText(2, sub);
  return stmt.Step() ? stmt.Int(0) : 0;
}

void Store::RevokeOrigin(const std::string& pool_id, const std::string& origin_jti,
                         int64_t expires_ms) {
  Statement stmt = db_.Prepare(
      "INSERT INTO revoked_origins (pool_id, origin_jti, expires_ms) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (pool_id, origin_jti)"
      " DO UPDATE SET expires_ms = max(expires_ms, excluded.expires_ms)");
  stmt.BindText(1, pool_id).BindText(2, origin_jti).BindInt(3, expires_ms).Run();
}

bool Store::IsSignInRevoked(const std::string& pool_id, const std::string& sub,
                            const std::string& origin_jti, int64_t origin_ms) {
  Statement stmt = db_.Prepare(
      "SELECT EXISTS (SELECT 1 FROM revoked_origins WHERE pool_id = ?1 AND origin_jti = ?2)"
      " OR EXISTS (SELECT 1 FROM sign_outs WHERE pool_id = ?1 AND sub = ?3"
      " AND signed_out_ms >= ?4)");
  stmt.BindText(1, pool_id).BindText(2, origin_jti).BindText(3, sub).BindInt(4, origin_ms);
  return stmt.Step() && stmt.Int(0) != 0;
}

int64_t Store::PurgeTokens(int64_t before_ms, int limit) {
  Savepoint savepoint(db_);
  int64_t deleted = 0;
  {
    Statement stmt = db_.Prepare(
        "DELETE FROM replaced_refresh_tokens WHERE rowid IN (SELECT rowid FROM"
        " replaced_refresh_tokens"
        " WHERE expires_ms < ?1 ORDER BY expires_ms LIMIT ?2)");
    stmt.BindInt(1, before_ms).BindInt(2, SqlLimit(limit)).Run();
    deleted += db_.Changes();
  }
  {
    // WITHOUT ROWID: the primary key identifies the rows instead.
    Statement stmt = db_.Prepare(
        "DELETE FROM revoked_origins WHERE (pool_id, origin_jti) IN (SELECT pool_id, origin_jti"
        " FROM revoked_origins WHERE expires_ms < ?1 ORDER BY expires_ms LIMIT ?2)");
    stmt.BindInt(1, before_ms).BindInt(2, SqlLimit(limit)).Run();
    deleted += db_.Changes();
  }
  savepoint.Release();
  return deleted;
}

}  // namespace cognito::storage
