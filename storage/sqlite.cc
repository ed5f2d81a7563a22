#include "storage/sqlite.h"

#include <sqlite3.h>

#include <cstdint>
#include <mutex>
#include <utility>

#include "storage/mapped_vfs.h"

namespace cognito::storage {
namespace {

// SQLITE_TRANSIENT without the old-style cast of its macro: SQLite copies the bound bytes, so
// callers may bind temporaries.
sqlite3_destructor_type Transient() {
  return reinterpret_cast<sqlite3_destructor_type>(static_cast<intptr_t>(-1));
}

// An empty std::string_view may have a null data(), which SQLite would store as NULL.
const char* NonNull(std::string_view bytes) { return bytes.data() ? bytes.data() : ""; }

// Once per process, before the first connection: no memory statistics. With them on (SQLite's
// default) every allocation SQLite makes takes one global mutex, which the threads answering
// requests then contend for. Nothing here reads the statistics. If SQLite was already in use,
// sqlite3_config refuses and the default stays: slower, not wrong.
// Also: statement and savepoint journals stay in memory up to 1 MiB instead of 64 KiB. Within a
// transaction, each savepoint (every user write has one) and each statement that may fail
// halfway journals the pages it changes; a group commit's transaction of a few creates went past
// 64 KiB, so SQLite created, wrote, unlinked and closed a file in the temp directory per group. A
// journal that outgrows 1 MiB still goes to a file, in 1 MiB writes (mapped_vfs.cc splits them).
void ConfigureLibrary() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 1 << 20);
    sqlite3_initialize();
  });
}

bool OnlyWhitespace(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

void SqliteCloser::operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }

void SqliteCloser::operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }

void ThrowSqliteError(sqlite3* db, std::string_view context) {
  std::string message(context);
  message += ": ";
  message += db ? sqlite3_errmsg(db) : "out of memory";
  const int code = db ? (sqlite3_errcode(db) & 0xff) : SQLITE_NOMEM;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
    throw StoreBusyError(message);
  }
  throw StoreError(message);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)),
      borrowed_(std::exchange(other.borrowed_, nullptr)) {}

Statement::~Statement() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  if (borrowed_ != nullptr) {
    *borrowed_ = false;
  }
}

Statement& Statement::BindText(int index, std::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, index, NonNull(text), text.size(), Transient(),
                               SQLITE_UTF8);
  if (rc != SQLITE_OK) {
    ThrowSqliteError(db_, "bind");
  }
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  int rc = sqlite3_bind_blob64(stmt_, index, NonNull(bytes), bytes.size(), Transient());
  if (rc != SQLITE_OK) {
    ThrowSqliteError(db_, "bind");
  }
  return *this;
}

Statement& Statement::BindInt(int index, int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, static_cast<sqlite3_int64>(value)) != SQLITE_OK) {
    ThrowSqliteError(db_, "bind");
  }
  return *this;
}

int Statement::TryStep() { return sqlite3_step(stmt_); }

bool Statement::Step() {
  int rc = TryStep();
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  ThrowSqliteError(db_, "step");
}

void Statement::Run() {
  while (Step()) {
  }
}

void Statement::Reset() { sqlite3_reset(stmt_); }

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) {
    return {};
  }
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string Statement::Blob(int column) const {
  const void* bytes = sqlite3_column_blob(stmt_, column);
  if (bytes == nullptr) {
    return {};
  }
  return std::string(static_cast<const char*>(bytes),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

int64_t Statement::Int(int column) const {
  return static_cast<int64_t>(sqlite3_column_int64(stmt_, column));
}

Connection Connection::Open(const std::string& path) {
  ConfigureLibrary();
  sqlite3* raw = nullptr;
  // NOMUTEX: a connection is never used by two threads at once (see the header contract).
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  // Over "unix-excl": the first read takes a lock on the file for the whole process, so the
  // connections of this process share the WAL index in memory and skip the per-transaction
  // file locks; another process cannot use the file meanwhile (Store::Open reports it). The
  // connections that ask for it (PRAGMA mmap_size) read pages from one shared map (mapped_vfs.h).
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, mapped_vfs::Name());
  DbHandle db(raw);
  if (rc != SQLITE_OK) {
    ThrowSqliteError(db.get(), "open");
  }
  sqlite3_extended_result_codes(db.get(), 1);
  return Connection(std::move(db));
}

Statement Connection::Prepare(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &raw, &tail);
    StmtHandle stmt(raw);
    if (rc != SQLITE_OK) {
      ThrowSqliteError(db_.get(), "prepare");
    }
    size_t used = tail == nullptr ? sql.size() : static_cast<size_t>(tail - sql.data());
    if (stmt == nullptr || !OnlyWhitespace(sql.substr(used))) {
      throw StoreError("prepare: expected exactly one SQL statement");
    }
    it = statements_.emplace(std::string(sql), CachedStatement{std::move(stmt), false}).first;
  }
  CachedStatement& cached = it->second;
  if (query_only_ && sqlite3_stmt_readonly(cached.stmt.get()) == 0) {
    throw StoreError("prepare: a write in a query-only phase");
  }
  if (cached.borrowed) {
    throw StoreError("prepare: statement is already in use");
  }
  cached.borrowed = true;
  return Statement(db_.get(), cached.stmt.get(), &cached.borrowed);
}

void Connection::Run(std::string_view sql) { Prepare(sql).Run(); }

void Connection::RunScript(const std::string& sql) {
  if (query_only_) {
    throw StoreError("exec: a script in a query-only phase");
  }
  if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    ThrowSqliteError(db_.get(), "exec");
  }
}

int64_t Connection::Changes() const { return static_cast<int64_t>(sqlite3_changes64(db_.get())); }

bool Connection::InTransaction() const { return sqlite3_get_autocommit(db_.get()) == 0; }

Savepoint::Savepoint(Connection& db) : db_(db) { db_.Run("SAVEPOINT store_op"); }

Savepoint::~Savepoint() {
  if (released_) {
    return;
  }
  try {
    // ROLLBACK TO keeps the savepoint open; RELEASE then closes it (and any transaction it began).
    db_.Run("ROLLBACK TO store_op");
    db_.Run("RELEASE store_op");
  } catch (...) {
    return;
  }
}

void Savepoint::Release() {
  db_.Run("RELEASE store_op");
  released_ = true;
}

}  // namespace cognito::storage
