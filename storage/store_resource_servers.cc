// Store: OAuth resource servers.
#include "storage/store.h"

namespace cognito::storage {
namespace {

constexpr std::string_view kSelect =
    "SELECT pool_id, identifier, name, scopes_json FROM resource_servers ";

ResourceServerRecord ReadServer(const Statement& stmt) {
  return {stmt.Text(0), stmt.Text(1), stmt.Text(2), stmt.Text(3)};
}

void BindServer(Statement& stmt, const ResourceServerRecord& server) {
  stmt.BindText(1, server.pool_id)
      .BindText(2, server.identifier)
      .BindText(3, server.name)
      .BindText(4, server.scopes_json);
}

}  // namespace

bool Store::InsertResourceServer(const ResourceServerRecord& server) {
  Statement stmt = db_.Prepare(
      "INSERT INTO resource_servers (pool_id, identifier, name, scopes_json)"
      " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
  BindServer(stmt, server);
  stmt.Run();
  return db_.Changes() > 0;
}

std::optional<ResourceServerRecord> Store::GetResourceServer(const std::string& pool_id,
                                                             const std::string& identifier) {
  Statement stmt = db_.Prepare(std::string(kSelect) + "WHERE pool_id = ?1 AND identifier = ?2");
  stmt.BindText(1, pool_id).BindText(2, identifier);
  if (!stmt.Step()) {
    return std::nullopt;
  }
  return ReadServer(stmt);
}

bool Store::UpdateResourceServer(const ResourceServerRecord& server) {
  Statement stmt = db_.Prepare(
      "UPDATE resource_servers SET name = ?3, scopes_json = ?4"
      " WHERE pool_id = ?1 AND identifier = ?2");
  BindServer(stmt, server);
  stmt.Run();
  return db_.Changes() > 0;
}

bool Store::DeleteResourceServer(const std::string& pool_id, const std::string& identifier) {
  Statement stmt =
      db_.Prepare("DELETE FROM resource_servers WHERE pool_id = ?1 AND identifier = ?2");
  stmt.BindText(1, pool_id).BindText(2, identifier).Run();
  return db_.Changes() > 0;
}

std::vector<ResourceServerRecord> Store::ListResourceServers(const std::string& pool_id,
                                                             const std::string& after, int limit) {
  Statement stmt = db_.Prepare(std::string(kSelect) +
                               "WHERE pool_id = ?1 AND identifier > ?2 ORDER BY identifier LIMIT ?3");
  stmt.BindText(1, pool_id).BindText(2, after).BindInt(3, limit > 0 ? limit : -1);
  std::vector<ResourceServerRecord> out;
  while (stmt.Step()) {
    out.push_back(ReadServer(stmt));
  }
  return out;
}

}  // namespace cognito::storage
