// Store: users and their attributes.
#include <sqlite3.h>

#include <algorithm>
#include <utility>

#include "storage/store.h"
#include "storage/user_query.h"

namespace cognito::storage {
namespace {

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return lower;
}

std::string SelectUsers(std::string_view rest) {
  std::string sql = "SELECT ";
  sql += kUserColumns;
  sql += " FROM users u ";
  sql += rest;
  return sql;
}

// Reads the kUserColumns of the current row; attributes are loaded separately, the password
// only on request.
UserRecord ReadUser(const Statement& stmt) {
  UserRecord user;
  user.pool_id = stmt.Text(0);
  user.username = stmt.Text(1);
  user.sub = stmt.Text(2);
  user.status = stmt.Text(3);
  user.enabled = stmt.Int(4) != 0;
  user.password_set_ms = stmt.Int(5);
  user.created_ms = stmt.Int(6);
  user.modified_ms = stmt.Int(7);
  return user;
}

// Same parameter numbers for INSERT and UPDATE.
void BindUser(Statement& stmt, const UserRecord& user) {
  stmt.BindText(1, user.pool_id)
      .BindText(2, user.username)
      .BindText(3, AsciiLower(user.username))
      .BindText(4, user.sub)
      .BindText(5, user.status)
      .BindInt(6, user.enabled ? 1 : 0)
      .BindInt(7, user.password_set_ms)
      .BindInt(8, user.created_ms)
      .BindInt(9, user.modified_ms);
}

constexpr std::string_view kInsertUser =
    "INSERT INTO users (pool_id, username, username_lower, sub, status, enabled,"
    " password_set_ms, created_ms, modified_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

constexpr std::string_view kUpdateUser =
    "UPDATE users SET username_lower = ?3, sub = ?4, status = ?5, enabled = ?6,"
    " password_set_ms = ?7, created_ms = ?8, modified_ms = ?9"
    " WHERE pool_id = ?1 AND username = ?2";

}  // namespace

std::vector<Attribute> Store::LoadAttributes(const std::string& pool_id,
                                             const std::string& username) {
  // Put in order here, not with ORDER BY: a user has a handful of attributes, fewer than it
  // takes for SQLite's sorter (set up for every statement that sorts) to pay off.
  Statement stmt = db_.Prepare(
      "SELECT position, name, value FROM user_attributes WHERE pool_id = ?1 AND username = ?2");
  stmt.BindText(1, pool_id).BindText(2, username);
  std::vector<std::pair<int64_t, Attribute>> rows;
  while (stmt.Step()) {
    rows.emplace_back(stmt.Int(0), Attribute(stmt.Text(1), stmt.Text(2)));
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Attribute> attributes;
  attributes.reserve(rows.size());
  for (auto& row : rows) {
    attributes.push_back(std::move(row.second));
  }
  return attributes;
}

bool Store::WriteUser(const UserRecord& user, bool insert) {
  Savepoint savepoint(db_);
  {
    Statement stmt = db_.Prepare(insert ? kInsertUser : kUpdateUser);
    BindUser(stmt, user);
    int rc = stmt.TryStep();
    if (insert && rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
      return false;
    }
    if (rc != SQLITE_DONE) {
      ThrowSqliteError(db_.get(), insert ? "InsertUser" : "UpdateUser");
    }
  }
  if (!insert) {
    if (db_.Changes() == 0) {
      throw StoreError("UpdateUser: no such user");
    }
    Statement clear =
        db_.Prepare("DELETE FROM user_attributes WHERE pool_id = ?1 AND username = ?2");
    clear.BindText(1, user.pool_id).BindText(2, user.username).Run();
  }
  if (user.password) {
    WritePassword(user.pool_id, user.username, *user.password);
  }
  Statement add = db_.Prepare(
      "INSERT INTO user_attributes (pool_id, username, position, name, value)"
      " VALUES (?1, ?2, ?3, ?4, ?5)");
  for (size_t i = 0; i < user.attributes.size(); ++i) {
    add.BindText(1, user.pool_id)
        .BindText(2, user.username)
        .BindInt(3, static_cast<int64_t>(i))
        .BindText(4, user.attributes[i].first)
        .BindText(5, user.attributes[i].second)
        .Run();
    add.Reset();
  }
  savepoint.Release();
  return true;
}

void Store::WritePassword(const std::string& pool_id, const std::string& username,
                          const UserPassword& password) {
  if (password.verifier.empty()) {
    Statement clear =
        db_.Prepare("DELETE FROM user_passwords WHERE pool_id = ?1 AND username = ?2");
    clear.BindText(1, pool_id).BindText(2, username).Run();
    return;
  }
  Statement put = db_.Prepare(
      "INSERT INTO user_passwords (pool_id, username, salt, verifier) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT (pool_id, username) DO UPDATE SET salt = excluded.salt,"
      " verifier = excluded.verifier");
  put.BindText(1, pool_id)
      .BindText(2, username)
      .BindBlob(3, password.salt)
      .BindBlob(4, password.verifier)
      .Run();
}

UserPassword Store::GetPassword(const std::string& pool_id, const std::string& username) {
  Statement stmt = db_.Prepare(
      "SELECT salt, verifier FROM user_passwords WHERE pool_id = ?1 AND username = ?2");
  stmt.BindText(1, pool_id).BindText(2, username);
  UserPassword password;
  if (stmt.Step()) {
    password.salt = stmt.Blob(0);
    password.verifier = stmt.Blob(1);
  }
  return password;
}

bool Store::InsertUser(const UserRecord& user) { return WriteUser(user, true); }

void Store::UpdateUser(const UserRecord& user) { WriteUser(user, false); }

std::optional<UserRecord> Store::GetUser(const std::string& pool_id, const std::string& username,
                                         bool case_sensitive) {
  // The user row and its attributes from one snapshot.
  ReadSnapshot snapshot(db_);
  std::optional<UserRecord> user;
  {
    Statement stmt =
        case_sensitive
            ? db_.Prepare(SelectUsers("WHERE u.pool_id = ?1 AND u.username = ?2"))
            : db_.Prepare(SelectUsers("WHERE u.pool_id = ?1 AND u.username_lower = ?3"
                                      " ORDER BY u.username <> ?2, u.username LIMIT 1"));
    stmt.BindText(1, pool_id).BindText(2, username);
    if (!case_sensitive) {
      stmt.BindText(3, AsciiLower(username));
    }
    if (stmt.Step()) {
      user = ReadUser(stmt);
    }
  }
  if (user) {
    user->attributes = LoadAttributes(user->pool_id, user->username);
  }
  snapshot.End();
  return user;
}

std::optional<UserRecord> Store::GetUserBySub(const std::string& pool_id, const std::string& sub) {
  ReadSnapshot snapshot(db_);
  std::optional<UserRecord> user;
  {
    Statement stmt = db_.Prepare(SelectUsers("WHERE u.pool_id = ?1 AND u.sub = ?2"));
    stmt.BindText(1, pool_id).BindText(2, sub);
    if (stmt.Step()) {
      user = ReadUser(stmt);
    }
  }
  if (user) {
    user->attributes = LoadAttributes(user->pool_id, user->username);
  }
  snapshot.End();
  return user;
}

bool Store::DeleteUser(const std::string& pool_id, const std::string& username) {
  // A sign-out names the user by sub, outside the users table's cascades.
  Statement sign_out = db_.Prepare(
      "DELETE FROM sign_outs WHERE pool_id = ?1"
      " AND sub = (SELECT sub FROM users WHERE pool_id = ?1 AND username = ?2)");
  sign_out.BindText(1, pool_id).BindText(2, username).Run();
  Statement stmt = db_.Prepare("DELETE FROM users WHERE pool_id = ?1 AND username = ?2");
  stmt.BindText(1, pool_id).BindText(2, username).Run();
  return db_.Changes() > 0;
}

std::vector<UserRecord> Store::ListUsers(const std::string& pool_id,
                                         const std::string& after_username, int limit,
                                         const std::optional<UserFilter>& filter) {
  UserListQuery query = BuildUserListQuery(filter);
  if (query.matches_nothing) {
    return {};
  }
  ReadSnapshot snapshot(db_);
  std::vector<UserRecord> users;
  {
    Statement stmt = db_.Prepare(query.sql);
    stmt.BindText(1, pool_id).BindText(2, after_username).BindInt(3, limit > 0 ? limit : -1);
    for (size_t i = 0; i < query.values.size(); ++i) {
      stmt.BindText(static_cast<int>(i + 4), query.values[i]);
    }
    while (stmt.Step()) {
      users.push_back(ReadUser(stmt));
    }
  }
  // Attributes in a second pass, so that only one statement is active at a time.
  for (UserRecord& user : users) {
    user.attributes = LoadAttributes(user.pool_id, user.username);
  }
  snapshot.End();
  return users;
}

}  // namespace cognito::storage
