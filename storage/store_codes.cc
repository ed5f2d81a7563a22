// Store: pending confirmation codes of users (user_codes).
#include "storage/store.h"

namespace cognito::storage {

std::optional<UserCodeRecord> Store::GetUserCode(const std::string& pool_id,
                                                 const std::string& username,
                                                 const std::string& purpose) {
  Statement stmt = db_.Prepare(
      "SELECT attribute, salt, hash, previous_salt, previous_hash, expires_ms, attempts"
      " FROM user_codes WHERE pool_id = ?1 AND username = ?2 AND purpose = ?3");
  stmt.BindText(1, pool_id).BindText(2, username).BindText(3, purpose);
  if (!stmt.Step()) {
    return std::nullopt;
  }
  UserCodeRecord code;
  code.pool_id = pool_id;
  code.username = username;
  code.purpose = purpose;
  code.attribute = stmt.Text(0);
  code.salt = stmt.Blob(1);
  code.hash = stmt.Blob(2);
  code.previous_salt = stmt.Blob(3);
  code.previous_hash = stmt.Blob(4);
  code.expires_ms = stmt.Int(5);
  code.attempts = stmt.Int(6);
  return code;
}

void Store::PutUserCode(const UserCodeRecord& code) {
  Statement stmt = db_.Prepare(
      "INSERT INTO user_codes (pool_id, username, purpose, attribute, salt, hash, previous_salt,"
      " previous_hash, expires_ms, attempts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
      " ON CONFLICT (pool_id, username, purpose) DO UPDATE SET attribute = excluded.attribute,"
      " salt = excluded.salt, hash = excluded.hash, previous_salt = excluded.previous_salt,"
      " previous_hash = excluded.previous_hash, expires_ms = excluded.expires_ms,"
      " attempts = excluded.attempts");
  stmt.BindText(1, code.pool_id)
      .BindText(2, code.username)
      .BindText(3, code.purpose)
      .BindText(4, code.attribute)
      .BindBlob(5, code.salt)
      .BindBlob(6, code.hash)
      .BindBlob(7, code.previous_salt)
      .BindBlob(8, code.previous_hash)
      .BindInt(9, code.expires_ms)
      .BindInt(10, code.attempts);
  stmt.Run();
}

bool Store::DeleteUserCode(const std::string& pool_id, const std::string& username,
                           const std::string& purpose) {
  Statement stmt =
      db_.Prepare("DELETE FROM user_codes WHERE pool_id = ?1 AND username = ?2 AND purpose = ?3");
  stmt.BindText(1, pool_id).BindText(2, username).BindText(3, purpose);
  stmt.Run();
  return db_.Changes() > 0;
}

}  // namespace cognito::storage
