// Store: opening, transactions, pools, clients and signing keys. Users live in store_users.cc.
#include "storage/store.h"

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "storage/mapped_vfs.h"
#include "storage/schema.h"

namespace cognito::storage {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr int kOpenAttempts = 50;
constexpr std::chrono::milliseconds kOpenRetryPause{20};

bool IsMemoryPath(const std::string& path) { return path == ":memory:" || path.empty(); }

// Per-connection settings; journal_mode=WAL also persists in the file. No busy_timeout yet: while
// another process holds the file, every statement is busy, and Open should say so at once.
void Configure(Connection& db, const std::string& path) {
  std::string mode;
  {
    Statement stmt = db.Prepare("PRAGMA journal_mode = WAL");
    if (stmt.Step()) {
      mode = stmt.Text(0);
    }
  }
  if (!IsMemoryPath(path) && mode != "wal") {
    throw StoreError("open: could not enable WAL journal mode");
  }
  // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss.
  db.RunScript("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
  // Reads of database pages from the process's shared map rather than `pread` (mapped_vfs.h).
  db.RunScript("PRAGMA mmap_size = " + std::to_string(mapped_vfs::kMapBytes));
}

// The open journal (the WAL in WAL mode) of `db`'s main database, or null.
sqlite3_file* JournalFile(Connection& db) {
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(db.get(), "main", SQLITE_FCNTL_JOURNAL_POINTER, &file) != SQLITE_OK ||
      file == nullptr || file->pMethods == nullptr) {
    return nullptr;
  }
  return file;
}

// SQLite reads a negative LIMIT as "no limit".
int64_t SqlLimit(int limit) { return limit > 0 ? limit : -1; }

void BindPool(Statement& stmt, const PoolRecord& pool) {
  stmt.BindText(1, pool.id)
      .BindText(2, pool.name)
      .BindText(3, pool.description_json)
      .BindInt(4, pool.created_ms)
      .BindInt(5, pool.modified_ms);
}

PoolRecord ReadPool(const Statement& stmt) {
  return PoolRecord{stmt.Text(0), stmt.Text(1), stmt.Text(2), stmt.Int(3), stmt.Int(4)};
}

void BindClient(Statement& stmt, const ClientRecord& client) {
  stmt.BindText(1, client.pool_id)
      .BindText(2, client.client_id)
      .BindText(3, client.name)
      .BindText(4, client.secret)
      .BindText(5, client.description_json)
      .BindInt(6, client.created_ms)
      .BindInt(7, client.modified_ms);
}

ClientRecord ReadClient(const Statement& stmt) {
  return ClientRecord{stmt.Text(0), stmt.Text(1), stmt.Text(2), stmt.Text(3),
                      stmt.Text(4), stmt.Int(5),  stmt.Int(6)};
}

constexpr std::string_view kPoolColumns = "id, name, description_json, created_ms, modified_ms";
constexpr std::string_view kClientColumns =
    "pool_id, client_id, name, secret, description_json, created_ms, modified_ms";

// Pools read lately, by id, with the revision they were read at (migration 9: every write of
// a pool row sets a new random 64-bit revision, so an entry whose revision matches the row's is
// that row). Shared by every Store of the process, whatever its file: two rows of one id and
// revision in two files come from copying one file, and are the same row until one is written.
class PoolMemo {
 public:
  std::shared_ptr<const PoolRecord> Find(const std::string& id, int64_t revision) {
    std::lock_guard lock(mu_);
    auto it = pools_.find(id);
    if (it == pools_.end() || it->second.first != revision) {
      return nullptr;
    }
    return it->second.second;
  }

  void Put(std::shared_ptr<const PoolRecord> pool, int64_t revision) {
    std::lock_guard lock(mu_);
    if (pools_.size() >= kMaxPools) {
      pools_.clear();
    }
    std::string id = pool->id;
    pools_.insert_or_assign(std::move(id), std::make_pair(revision, std::move(pool)));
  }

 private:
  static constexpr size_t kMaxPools = 256;
  std::mutex mu_;
  std::map<std::string, std::pair<int64_t, std::shared_ptr<const PoolRecord>>, std::less<>> pools_;
};

PoolMemo& ThePoolMemo() {
  static PoolMemo* memo = new PoolMemo();  // never destroyed: stores may close at exit
  return *memo;
}

std::string SelectFrom(std::string_view columns, std::string_view rest) {
  std::string sql = "SELECT ";
  sql += columns;
  sql += rest;
  return sql;
}

}  // namespace

std::unique_ptr<Store> Store::Open(const std::string& path) {
  // Connections opening a new file at once can meet SQLITE_BUSY where SQLite does not consult
  // the busy handler (the switch to WAL, a schema another connection is writing): such an open
  // starts over after a pause, a bounded number of times. The busy handler is only set once the
  // store is open, so a file another process holds fails the open in about a second.
  for (int attempt = 1;; ++attempt) {
    try {
      Connection db = Connection::Open(path);
      Configure(db, path);
      ApplyMigrations(db);
      db.RunScript("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs));
      // The constructor is private, so make_unique cannot reach it; ownership is immediate.
      return std::unique_ptr<Store>(new Store(std::move(db)));
    } catch (const StoreBusyError& e) {
      if (attempt == kOpenAttempts) {
        throw StoreBusyError(path + " stayed busy while opening: is another process using it? "
                             "(a database file serves one cognito-emulator at a time) " + e.what());
      }
    }
    std::this_thread::sleep_for(kOpenRetryPause);
  }
}

Store::~Store() = default;

Store::Transaction::Transaction(Store& store, bool write) : store_(store) {
  if (store_.db_.InTransaction()) {
    throw StoreError("transaction: nested transactions are not supported");
  }
  store_.db_.Run(write ? "BEGIN IMMEDIATE" : "BEGIN");
}

Store::Transaction::~Transaction() {
  if (done_) {
    return;
  }
  try {
    // A failed COMMIT may already have rolled back; only roll back what is still open.
    if (store_.db_.InTransaction()) {
      store_.db_.Run("ROLLBACK");
    }
  } catch (...) {
    return;
  }
}

void Store::Transaction::Commit() {
  if (done_) {
    throw StoreError("transaction: already committed");
  }
  store_.db_.Run("COMMIT");
  done_ = true;
}

void Store::DeferSync(bool on) {
  db_.Run(on ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL");
}

void Store::SyncWal() {
  const char* file = sqlite3_db_filename(db_.get(), "main");
  if (file == nullptr || *file == '\0') {
    return;  // an in-memory database
  }
  sqlite3_file* wal = JournalFile(db_);
  if (wal == nullptr) {
    // A connection opens the WAL with its first read; any connection's handle syncs the file.
    db_.Prepare("SELECT count(*) FROM sqlite_schema").Run();
    wal = JournalFile(db_);
  }
  // The sync that synchronous=FULL runs after writing a commit's frames, run later.
  if (wal == nullptr || wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL) != SQLITE_OK) {
    throw StoreError("sync: could not sync the write-ahead log");
  }
}

void Store::HandCheckpointsTo(Checkpointer& checkpointer) { checkpointer.Attach(db_.get()); }

int Store::SchemaVersion() { return ReadSchemaVersion(db_); }

void Store::SetQueryOnly(bool on) { db_.SetQueryOnly(on); }

void Store::InsertPool(const PoolRecord& pool) {
  Statement stmt = db_.Prepare(
      "INSERT INTO pools (id, name, description_json, created_ms, modified_ms, revision)"
      " VALUES (?1, ?2, ?3, ?4, ?5, random())");
  BindPool(stmt, pool);
  stmt.Run();
}

std::shared_ptr<const PoolRecord> Store::GetPool(const std::string& pool_id) {
  {
    Statement stmt = db_.Prepare("SELECT revision FROM pools WHERE id = ?1");
    stmt.BindText(1, pool_id);
    if (!stmt.Step()) {
      return nullptr;
    }
    if (auto pool = ThePoolMemo().Find(pool_id, stmt.Int(0))) {
      return pool;
    }
  }
  // Not remembered, or changed since. Read the revision again with the row: outside a
  // transaction the row may have changed between the two statements.
  Statement stmt = db_.Prepare(SelectFrom(kPoolColumns, ", revision FROM pools WHERE id = ?1"));
  stmt.BindText(1, pool_id);
  if (!stmt.Step()) {
    return nullptr;
  }
  auto pool = std::make_shared<const PoolRecord>(ReadPool(stmt));
  ThePoolMemo().Put(pool, stmt.Int(5));
  return pool;
}

void Store::UpdatePool(const PoolRecord& pool) {
  Statement stmt = db_.Prepare(
      "UPDATE pools SET name = ?2, description_json = ?3, created_ms = ?4, modified_ms = ?5,"
      " revision = random() WHERE id = ?1");
  BindPool(stmt, pool);
  stmt.Run();
  if (db_.Changes() == 0) {
    throw StoreError("UpdatePool: no such pool");
  }
}

bool Store::DeletePool(const std::string& pool_id) {
  Statement stmt = db_.Prepare("DELETE FROM pools WHERE id = ?1");
  stmt.BindText(1, pool_id).Run();
  return db_.Changes() > 0;
}

std::vector<PoolRecord> Store::ListPools(const std::string& after_id, int limit) {
  Statement stmt =
      db_.Prepare(SelectFrom(kPoolColumns, " FROM pools WHERE id > ?1 ORDER BY id LIMIT ?2"));
  stmt.BindText(1, after_id).BindInt(2, SqlLimit(limit));
  std::vector<PoolRecord> pools;
  while (stmt.Step()) {
    pools.push_back(ReadPool(stmt));
  }
  return pools;
}

int64_t Store::CountUsers(const std::string& pool_id) {
  Statement stmt = db_.Prepare("SELECT count(*) FROM users WHERE pool_id = ?1");
  stmt.BindText(1, pool_id);
  return stmt.Step() ? stmt.Int(0) : 0;
}

void Store::InsertClient(const ClientRecord& client) {
  Statement stmt = db_.Prepare(
      "INSERT INTO clients (pool_id, client_id, name, secret, description_json, created_ms,"
      " modified_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  BindClient(stmt, client);
  stmt.Run();
}

std::optional<ClientRecord> Store::GetClient(const std::string& client_id) {
  Statement stmt = db_.Prepare(SelectFrom(kClientColumns, " FROM clients WHERE client_id = ?1"));
  stmt.BindText(1, client_id);
  if (!stmt.Step()) {
    return std::nullopt;
  }
  return ReadClient(stmt);
}

void Store::UpdateClient(const ClientRecord& client) {
  Statement stmt = db_.Prepare(
      "UPDATE clients SET name = ?3, secret = ?4, description_json = ?5, created_ms = ?6,"
      " modified_ms = ?7 WHERE pool_id = ?1 AND client_id = ?2");
  BindClient(stmt, client);
  stmt.Run();
  if (db_.Changes() == 0) {
    throw StoreError("UpdateClient: no such client");
  }
}

bool Store::DeleteClient(const std::string& pool_id, const std::string& client_id) {
  Statement stmt = db_.Prepare("DELETE FROM clients WHERE pool_id = ?1 AND client_id = ?2");
  stmt.BindText(1, pool_id).BindText(2, client_id).Run();
  return db_.Changes() > 0;
}

std::vector<ClientRecord> Store::ListClients(const std::string& pool_id,
                                             const std::string& after_id, int limit) {
  Statement stmt = db_.Prepare(SelectFrom(
      kClientColumns,
      " FROM clients WHERE pool_id = ?1 AND client_id > ?2 ORDER BY client_id LIMIT ?3"));
  stmt.BindText(1, pool_id).BindText(2, after_id).BindInt(3, SqlLimit(limit));
  std::vector<ClientRecord> clients;
  while (stmt.Step()) {
    clients.push_back(ReadClient(stmt));
  }
  return clients;
}

std::vector<SigningKeyRecord> Store::SigningKeys() {
  Statement stmt = db_.Prepare(
      "SELECT purpose, kid, private_key_pem, created_ms FROM signing_keys ORDER BY purpose");
  std::vector<SigningKeyRecord> keys;
  while (stmt.Step()) {
    keys.push_back(SigningKeyRecord{stmt.Text(0), stmt.Text(1), stmt.Text(2), stmt.Int(3)});
  }
  return keys;
}

void Store::InsertSigningKey(const SigningKeyRecord& key) {
  Statement stmt = db_.Prepare(
      "INSERT INTO signing_keys (purpose, kid, private_key_pem, created_ms)"
      " VALUES (?1, ?2, ?3, ?4)");
  stmt.BindText(1, key.purpose)
      .BindText(2, key.kid)
      .BindText(3, key.private_key_pem)
      .BindInt(4, key.created_ms);
  stmt.Run();
}

}  // namespace cognito::storage
