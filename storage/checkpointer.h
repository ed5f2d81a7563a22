// Runs the WAL checkpoints of a database file on a thread of its own.
//
// SQLite's automatic checkpoint runs inside the COMMIT that takes the WAL past 1,000 pages: that
// commit, and every writer queued behind it, waits while the checkpoint copies the pages into the
// database file and syncs it. Here the connections' WAL hook only wakes this thread, which runs a
// PASSIVE checkpoint on its own connection while the writers go on (a passive checkpoint takes
// no lock that a reader or a writer waits for). Writers append meanwhile, so that pass leaves a
// few frames behind; a second pass holds the writers' mutex, copies those and, once the readers
// still reading frames of the WAL are done (a bounded wait), starts the WAL over from its
// beginning (RESTART). Without that the WAL would grow for as long as writes go on, and a
// growing file makes every fdatasync also write the file's metadata.
//
// Threads: Attach is called once per connection, before the connection is used; the hook runs on
// whichever thread commits. Lifetime: the Checkpointer must outlive every connection attached to
// it; its destructor stops and joins the thread (a pending checkpoint is left to the next start,
// or to the close of the last connection, which checkpoints the whole WAL).
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "storage/sqlite.h"

namespace cognito::storage {

class Checkpointer {
 public:
  // SQLite's own default threshold (PRAGMA wal_autocheckpoint).
  static constexpr int kDefaultPages = 1000;

  // Opens a connection of its own on `path` (a database file in WAL mode) and starts the thread.
  // A commit that leaves at least `pages` frames in the WAL wakes the thread. `writers` is the
  // mutex that the server's writers hold from BEGIN to COMMIT (a writer that does not hold it
  // is still safe: it meets SQLite's own lock, and the restart waits or waits for next time).
  Checkpointer(const std::string& path, std::mutex& writers, int pages = kDefaultPages);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Replaces `db`'s automatic checkpoint with a hook that wakes this thread.
  void Attach(sqlite3* db);
  // Checkpoints run so far, and the result code of the last one (for tests).
  uint64_t Runs() const;
  int LastResult() const;

 private:
  static int OnCommit(void* self, sqlite3* db, const char* schema, int frames);
  void Loop();

  Connection db_;
  std::mutex& writers_;
  const int pages_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  int next_;  // the WAL size in frames at which a commit wakes the thread
  bool pending_ = false;
  bool stop_ = false;
  uint64_t runs_ = 0;
  int last_result_ = SQLITE_OK;
  std::thread thread_;  // last: starts once everything above is constructed
};

}  // namespace cognito::storage
