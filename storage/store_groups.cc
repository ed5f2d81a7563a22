// Store: groups and group memberships.
#include "storage/store.h"

namespace cognito::storage {
namespace {

constexpr std::string_view kGroupColumns =
    "pool_id, name, description, role_arn, ifnull(precedence, -1), created_ms, modified_ms";

std::string SelectGroups(std::string_view rest) {
  std::string sql = "SELECT ";
  sql += kGroupColumns;
  sql += " FROM pool_groups ";
  sql += rest;
  return sql;
}

GroupRecord ReadGroup(const Statement& stmt) {
  GroupRecord group{stmt.Text(0), stmt.Text(1), stmt.Text(2), stmt.Text(3),
                    std::nullopt, stmt.Int(5),  stmt.Int(6)};
  if (stmt.Int(4) >= 0) {
    group.precedence = stmt.Int(4);
  }
  return group;
}

// Precedence is bound as -1 for "none" and stored as NULL.
void BindGroup(Statement& stmt, const GroupRecord& group) {
  stmt.BindText(1, group.pool_id)
      .BindText(2, group.name)
      .BindText(3, group.description)
      .BindText(4, group.role_arn)
      .BindInt(5, group.precedence.value_or(-1))
      .BindInt(6, group.created_ms)
      .BindInt(7, group.modified_ms);
}

int64_t SqlLimit(int limit) { return limit > 0 ? limit : -1; }

}  // namespace

bool Store::InsertGroup(const GroupRecord& group) {
  Statement stmt = db_.Prepare(
      "INSERT INTO pool_groups (pool_id, name, description, role_arn, precedence, created_ms,"
      " modified_ms) VALUES (?1, ?2, ?3, ?4, CASE WHEN ?5 < 0 THEN NULL ELSE ?5 END, ?6, ?7)"
      " ON CONFLICT DO NOTHING");
  BindGroup(stmt, group);
  stmt.Run();
  return db_.Changes() > 0;
}

std::optional<GroupRecord> Store::GetGroup(const std::string& pool_id, const std::string& name) {
  Statement stmt = db_.Prepare(SelectGroups("WHERE pool_id = ?1 AND name = ?2"));
  stmt.BindText(1, pool_id).BindText(2, name);
  if (!stmt.Step()) {
    return std::nullopt;
  }
  return ReadGroup(stmt);
}

void Store::UpdateGroup(const GroupRecord& group) {
  Statement stmt = db_.Prepare(
      "UPDATE pool_groups SET description = ?3, role_arn = ?4,"
      " precedence = CASE WHEN ?5 < 0 THEN NULL ELSE ?5 END, created_ms = ?6, modified_ms = ?7"
      " WHERE pool_id = ?1 AND name = ?2");
  BindGroup(stmt, group);
  stmt.Run();
  if (db_.Changes() == 0) {
    throw StoreError("UpdateGroup: no such group");
  }
}

bool Store::DeleteGroup(const std::string& pool_id, const std::string& name) {
  Statement stmt = db_.Prepare("DELETE FROM pool_groups WHERE pool_id = ?1 AND name = ?2");
  stmt.BindText(1, pool_id).BindText(2, name).Run();
  return db_.Changes() > 0;
}

std::vector<GroupRecord> Store::ListGroups(const std::string& pool_id, const std::string& after,
                                           int limit) {
  Statement stmt =
      db_.Prepare(SelectGroups("WHERE pool_id = ?1 AND name > ?2 ORDER BY name LIMIT ?3"));
  stmt.BindText(1, pool_id).BindText(2, after).BindInt(3, SqlLimit(limit));
  std::vector<GroupRecord> groups;
  while (stmt.Step()) {
    groups.push_back(ReadGroup(stmt));
  }
  return groups;
}

void Store::AddUserToGroup(const std::string& pool_id, const std::string& group,
                           const std::string& username) {
  Statement stmt = db_.Prepare(
      "INSERT INTO user_groups (pool_id, group_name, username) VALUES (?1, ?2, ?3)"
      " ON CONFLICT DO NOTHING");
  stmt.BindText(1, pool_id).BindText(2, group).BindText(3, username).Run();
}

bool Store::RemoveUserFromGroup(const std::string& pool_id, const std::string& group,
                                const std::string& username) {
  Statement stmt = db_.Prepare(
      "DELETE FROM user_groups WHERE pool_id = ?1 AND group_name = ?2 AND username = ?3");
  stmt.BindText(1, pool_id).BindText(2, group).BindText(3, username).Run();
  return db_.Changes() > 0;
}

std::vector<GroupRecord> Store::GroupsOfUser(const std::string& pool_id,
                                             const std::string& username) {
  Statement stmt = db_.Prepare(
      "SELECT g.pool_id, g.name, g.description, g.role_arn, ifnull(g.precedence, -1),"
      " g.created_ms, g.modified_ms FROM user_groups m JOIN pool_groups g"
      " ON g.pool_id = m.pool_id AND g.name = m.group_name"
      " WHERE m.pool_id = ?1 AND m.username = ?2"
      " ORDER BY g.precedence IS NULL, g.precedence, g.name");
  stmt.BindText(1, pool_id).BindText(2, username);
  std::vector<GroupRecord> groups;
  while (stmt.Step()) {
    groups.push_back(ReadGroup(stmt));
  }
  return groups;
}

std::vector<UserRecord> Store::UsersInGroup(const std::string& pool_id, const std::string& group,
                                            const std::string& after_username, int limit) {
  std::vector<std::string> names;
  {
    Statement stmt = db_.Prepare(
        "SELECT username FROM user_groups WHERE pool_id = ?1 AND group_name = ?2"
        " AND username > ?3 ORDER BY username LIMIT ?4");
    stmt.BindText(1, pool_id).BindText(2, group).BindText(3, after_username).BindInt(
        4, SqlLimit(limit));
    while (stmt.Step()) {
      names.push_back(stmt.Text(0));
    }
  }
  std::vector<UserRecord> users;
  for (const auto& name : names) {
    if (auto user = GetUser(pool_id, name, true)) {
      users.push_back(std::move(*user));
    }
  }
  return users;
}

}  // namespace cognito::storage
