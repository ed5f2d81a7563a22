// Store: devices confirmed for device SRP (devices).
#include "storage/store.h"

namespace cognito::storage {
namespace {

// SQLite reads a negative LIMIT as "no limit".
int64_t SqlLimit(int limit) { return limit > 0 ? limit : -1; }

constexpr std::string_view kDeviceColumns =
    "SELECT pool_id, device_key, username, group_key, name, salt, verifier, remembered,"
    " created_ms, modified_ms, last_authenticated_ms FROM devices";

DeviceRecord ReadDevice(const Statement& stmt) {
  DeviceRecord d;
  d.pool_id = stmt.Text(0);
  d.device_key = stmt.Text(1);
  d.username = stmt.Text(2);
  d.group_key = stmt.Text(3);
  d.name = stmt.Text(4);
  d.salt = stmt.Blob(5);
  d.verifier = stmt.Blob(6);
  d.remembered = stmt.Int(7) != 0;
  d.created_ms = stmt.Int(8);
  d.modified_ms = stmt.Int(9);
  d.last_authenticated_ms = stmt.Int(10);
  return d;
}

}  // namespace

bool Store::InsertDevice(const DeviceRecord& d) {
  Statement stmt = db_.Prepare(
      "INSERT INTO devices (pool_id, device_key, username, group_key, name, salt, verifier,"
      " remembered, created_ms, modified_ms, last_authenticated_ms)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
      " ON CONFLICT (pool_id, device_key) DO NOTHING");
  stmt.BindText(1, d.pool_id)
      .BindText(2, d.device_key)
      .BindText(3, d.username)
      .BindText(4, d.group_key)
      .BindText(5, d.name)
      .BindBlob(6, d.salt)
      .BindBlob(7, d.verifier)
      .BindInt(8, d.remembered ? 1 : 0)
      .BindInt(9, d.created_ms)
      .BindInt(10, d.modified_ms)
      .BindInt(11, d.last_authenticated_ms);
  stmt.Run();
  return db_.Changes() > 0;
}

std::optional<DeviceRecord> Store::GetDevice(const std::string& pool_id,
                                             const std::string& device_key) {
  Statement stmt =
      db_.Prepare(std::string(kDeviceColumns) + " WHERE pool_id = ?1 AND device_key = ?2");
  stmt.BindText(1, pool_id).BindText(2, device_key);
  if (!stmt.Step()) {
    return std::nullopt;
  }
  return ReadDevice(stmt);
}

std::vector<DeviceRecord> Store::ListDevices(const std::string& pool_id,
                                             const std::string& username,
                                             const std::string& after_key, int limit) {
  Statement stmt = db_.Prepare(std::string(kDeviceColumns) +
                               " WHERE pool_id = ?1 AND username = ?2 AND device_key > ?3"
                               " ORDER BY device_key LIMIT ?4");
  stmt.BindText(1, pool_id).BindText(2, username).BindText(3, after_key).BindInt(4, SqlLimit(limit));
  std::vector<DeviceRecord> devices;
  while (stmt.Step()) {
    devices.push_back(ReadDevice(stmt));
  }
  return devices;
}

bool Store::SetDeviceRemembered(const std::string& pool_id, const std::string& device_key,
                                bool remembered, int64_t modified_ms) {
  Statement stmt = db_.Prepare(
      "UPDATE devices SET remembered = ?3, modified_ms = ?4 WHERE pool_id = ?1 AND device_key = ?2");
  stmt.BindText(1, pool_id)
      .BindText(2, device_key)
      .BindInt(3, remembered ? 1 : 0)
      .BindInt(4, modified_ms);
  stmt.Run();
  return db_.Changes() > 0;
}

bool Store::TouchDevice(const std::string& pool_id, const std::string& device_key,
                        int64_t authenticated_ms) {
  Statement stmt = db_.Prepare(
      "UPDATE devices SET last_authenticated_ms = ?3 WHERE pool_id = ?1 AND device_key = ?2");
  stmt.BindText(1, pool_id).BindText(2, device_key).BindInt(3, authenticated_ms);
  stmt.Run();
  return db_.Changes() > 0;
}

bool Store::DeleteDevice(const std::string& pool_id, const std::string& device_key) {
  Statement stmt = db_.Prepare("DELETE FROM devices WHERE pool_id = ?1 AND device_key = ?2");
  stmt.BindText(1, pool_id).BindText(2, device_key);
  stmt.Run();
  return db_.Changes() > 0;
}

}  // namespace cognito::storage
