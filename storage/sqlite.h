// Thin RAII layer over the SQLite C API, used by Store and its helpers.
//
// Ownership: a Connection owns one sqlite3 handle and every statement it has prepared; the
// statements are finalized before the handle is closed. A Statement borrows one cached
// sqlite3_stmt and resets it (and clears its bindings) when it goes out of scope, so it must not
// outlive its Connection. Threads: a Connection and its Statements are used by one thread at a
// time. Errors throw StoreError carrying SQLite's message (never SQL parameter values).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "storage/store_error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace cognito::storage {

struct SqliteCloser {
  void operator()(sqlite3* db) const noexcept;
  void operator()(sqlite3_stmt* stmt) const noexcept;
};
using DbHandle = std::unique_ptr<sqlite3, SqliteCloser>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, SqliteCloser>;

// Throws StoreError("<context>: <sqlite message>") for the last error on `db`.
[[noreturn]] void ThrowSqliteError(sqlite3* db, std::string_view context);

// A borrowed, cached prepared statement. Binding indexes and column indexes follow SQLite
// (parameters from 1, columns from 0).
class Statement {
 public:
  // `borrowed`, when not null, is cleared when this Statement is destroyed.
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool* borrowed) noexcept
      : db_(db), stmt_(stmt), borrowed_(borrowed) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  Statement& BindText(int index, std::string_view text);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindInt(int index, int64_t value);

  // Advances to the next row: true when a row is available, false when done.
  bool Step();
  // Runs the statement to completion, ignoring any rows.
  void Run();
  // Rewinds the statement so it can be bound and run again (bindings are kept).
  void Reset();
  // Like Step() but returns SQLite's extended result code instead of throwing on an error, so
  // callers can recognise an expected failure such as a primary key conflict.
  int TryStep();

  std::string Text(int column) const;
  std::string Blob(int column) const;
  int64_t Int(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* borrowed_;
};

class Connection {
 public:
  // Opens (creating if needed) `path`; ":memory:" gives a private in-memory database.
  static Connection Open(const std::string& path);
  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;

  sqlite3* get() const { return db_.get(); }
  // Returns the cached statement for `sql`, preparing it on first use. Throws if the same SQL
  // is still borrowed by a live Statement.
  Statement Prepare(std::string_view sql);
  // Prepares (cached) and runs a single statement that takes no parameters.
  void Run(std::string_view sql);
  // Runs a script of several statements without caching (schema changes, pragmas).
  void RunScript(const std::string& sql);
  // Rows changed by the last INSERT, UPDATE or DELETE on this connection.
  int64_t Changes() const;
  // True inside BEGIN ... COMMIT (or a SAVEPOINT opened outside a transaction).
  bool InTransaction() const;
  // While on, preparing a statement that writes (and running a script) throws StoreError.
  // Checked per statement, so the cached statements stay prepared (PRAGMA query_only would
  // expire them all on every switch).
  void SetQueryOnly(bool on) { query_only_ = on; }

 private:
  struct CachedStatement {
    StmtHandle stmt;
    bool borrowed = false;
  };

  explicit Connection(DbHandle db) : db_(std::move(db)) {}

  // Declared before statements_ so that the statements are finalized first.
  DbHandle db_;
  std::map<std::string, CachedStatement, std::less<>> statements_;
  bool query_only_ = false;
};

// Makes a group of statements atomic whether or not a transaction is already open: a SAVEPOINT
// nests inside BEGIN ... COMMIT and starts a (deferred) transaction on its own otherwise.
// Rolls back to the savepoint unless Release() ran; the destructor never throws.
class Savepoint {
 public:
  explicit Savepoint(Connection& db);
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  void Release();

 private:
  Connection& db_;
  bool released_ = false;
};

// One snapshot for several reads: the transaction already open, else a savepoint's (which costs
// two more statements, so it is only taken when needed). End() when the reads are done.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Connection& db) {
    if (!db.InTransaction()) {
      savepoint_.emplace(db);
    }
  }
  void End() {
    if (savepoint_) {
      savepoint_->Release();
    }
  }

 private:
  std::optional<Savepoint> savepoint_;
};

}  // namespace cognito::storage
