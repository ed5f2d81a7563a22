// Store: users' MFA settings (user_mfa) and the outbox of messages the emulator would have sent.
#include "storage/store.h"

namespace cognito::storage {
namespace {

// SQLite reads a negative LIMIT as "no limit".
int64_t SqlLimit(int limit) { return limit > 0 ? limit : -1; }

constexpr int kAgePurgeBatch = 100;

constexpr std::string_view kOutboxColumns =
    "SELECT id, pool_id, username, medium, destination, purpose, code, message, created_ms,"
    " expires_ms FROM outbox";

// The WHERE clause for the outbox filters; parameters ?1 = pool_id, ?2 = username. An empty
// filter compares as "any" so one statement per shape serves every call.
std::string OutboxWhere(const std::string& pool_id, const std::string& username) {
  if (pool_id.empty()) {
    return username.empty() ? "" : " WHERE username = ?2";
  }
  return username.empty() ? " WHERE pool_id = ?1" : " WHERE pool_id = ?1 AND username = ?2";
}

OutboxRecord ReadOutbox(const Statement& stmt) {
  OutboxRecord m;
  m.id = stmt.Int(0);
  m.pool_id = stmt.Text(1);
  m.username = stmt.Text(2);
  m.medium = stmt.Text(3);
  m.destination = stmt.Text(4);
  m.purpose = stmt.Text(5);
  m.code = stmt.Text(6);
  m.message = stmt.Text(7);
  m.created_ms = stmt.Int(8);
  m.expires_ms = stmt.Int(9);
  return m;
}

}  // namespace

std::optional<UserMfaRecord> Store::GetUserMfa(const std::string& pool_id,
                                               const std::string& username) {
  Statement stmt = db_.Prepare(
      "SELECT sms_enabled, sms_preferred, totp_enabled, totp_preferred, email_enabled,"
      " email_preferred, totp_secret, totp_pending_secret, totp_friendly_name, totp_last_step"
      " FROM user_mfa WHERE pool_id = ?1 AND username = ?2");
  stmt.BindText(1, pool_id).BindText(2, username);
  if (!stmt.Step()) {
    return std::nullopt;
  }
  UserMfaRecord mfa;
  mfa.pool_id = pool_id;
  mfa.username = username;
  mfa.sms_enabled = stmt.Int(0) != 0;
  mfa.sms_preferred = stmt.Int(1) != 0;
  mfa.totp_enabled = stmt.Int(2) != 0;
  mfa.totp_preferred = stmt.Int(3) != 0;
  mfa.email_enabled = stmt.Int(4) != 0;
  mfa.email_preferred = stmt.Int(5) != 0;
  mfa.totp_secret = stmt.Blob(6);
  mfa.totp_pending_secret = stmt.Blob(7);
  mfa.totp_friendly_name = stmt.Text(8);
  mfa.totp_last_step = stmt.Int(9);
  return mfa;
}

void Store::PutUserMfa(const UserMfaRecord& mfa) {
  // An upsert, never REPLACE: REPLACE would delete the row first and fire the cascades.
  Statement stmt = db_.Prepare(
      "INSERT INTO user_mfa (pool_id, username, sms_enabled, sms_preferred, totp_enabled,"
      " totp_preferred, email_enabled, email_preferred, totp_secret, totp_pending_secret,"
      " totp_friendly_name, totp_last_step)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
      " ON CONFLICT (pool_id, username) DO UPDATE SET sms_enabled = excluded.sms_enabled,"
      " sms_preferred = excluded.sms_preferred, totp_enabled = excluded.totp_enabled,"
      " totp_preferred = excluded.totp_preferred, email_enabled = excluded.email_enabled,"
      " email_preferred = excluded.email_preferred, totp_secret = excluded.totp_secret,"
      " totp_pending_secret = excluded.totp_pending_secret,"
      " totp_friendly_name = excluded.totp_friendly_name,"
      " totp_last_step = excluded.totp_last_step");
  stmt.BindText(1, mfa.pool_id)
      .BindText(2, mfa.username)
      .BindInt(3, mfa.sms_enabled ? 1 : 0)
      .BindInt(4, mfa.sms_preferred ? 1 : 0)
      .BindInt(5, mfa.totp_enabled ? 1 : 0)
      .BindInt(6, mfa.totp_preferred ? 1 : 0)
      .BindInt(7, mfa.email_enabled ? 1 : 0)
      .BindInt(8, mfa.email_preferred ? 1 : 0)
      .BindBlob(9, mfa.totp_secret)
      .BindBlob(10, mfa.totp_pending_secret)
      .BindText(11, mfa.totp_friendly_name)
      .BindInt(12, mfa.totp_last_step)
      .Run();
}

bool Store::UseTotpStep(const std::string& pool_id, const std::string& username, int64_t step) {
  Statement stmt = db_.Prepare(
      "UPDATE user_mfa SET totp_last_step = ?3"
      " WHERE pool_id = ?1 AND username = ?2 AND totp_last_step < ?3");
  stmt.BindText(1, pool_id).BindText(2, username).BindInt(3, step).Run();
  return db_.Changes() > 0;
}

int64_t Store::InsertOutbox(const OutboxRecord& message, int64_t keep_per_pool,
                            int64_t drop_before_ms) {
  Savepoint savepoint(db_);
  int64_t id = 0;
  {
    Statement stmt = db_.Prepare(
        "INSERT INTO outbox (pool_id, username, medium, destination, purpose, code, message,"
        " created_ms, expires_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id");
    stmt.BindText(1, message.pool_id)
        .BindText(2, message.username)
        .BindText(3, message.medium)
        .BindText(4, message.destination)
        .BindText(5, message.purpose)
        .BindText(6, message.code)
        .BindText(7, message.message)
        .BindInt(8, message.created_ms)
        .BindInt(9, message.expires_ms);
    if (!stmt.Step()) {
      throw StoreError("InsertOutbox: no id returned");
    }
    id = stmt.Int(0);
    stmt.Run();
  }
  {
    // The subquery walks outbox_by_pool from the newest row; NULL (few rows) deletes nothing.
    Statement stmt = db_.Prepare(
        "DELETE FROM outbox WHERE pool_id = ?1 AND id <= (SELECT id FROM outbox"
        " WHERE pool_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)");
    stmt.BindText(1, message.pool_id).BindInt(2, keep_per_pool).Run();
  }
  {
    Statement stmt = db_.Prepare(
        "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE created_ms < ?1"
        " ORDER BY created_ms LIMIT ?2)");
    stmt.BindInt(1, drop_before_ms).BindInt(2, kAgePurgeBatch).Run();
  }
  savepoint.Release();
  return id;
}

std::vector<OutboxRecord> Store::ListOutbox(const std::string& pool_id, const std::string& username,
                                            int limit) {
  Statement stmt = db_.Prepare(std::string(kOutboxColumns) + OutboxWhere(pool_id, username) +
                               " ORDER BY id DESC LIMIT ?3");
  if (!pool_id.empty()) {
    stmt.BindText(1, pool_id);
  }
  if (!username.empty()) {
    stmt.BindText(2, username);
  }
  stmt.BindInt(3, SqlLimit(limit));
  std::vector<OutboxRecord> out;
  while (stmt.Step()) {
    out.push_back(ReadOutbox(stmt));
  }
  return out;
}

int64_t Store::ClearOutbox(const std::string& pool_id, const std::string& username) {
  Statement stmt = db_.Prepare("DELETE FROM outbox" + OutboxWhere(pool_id, username));
  if (!pool_id.empty()) {
    stmt.BindText(1, pool_id);
  }
  if (!username.empty()) {
    stmt.BindText(2, username);
  }
  stmt.Run();
  return db_.Changes();
}

}  // namespace cognito::storage
