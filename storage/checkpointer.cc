#include "storage/checkpointer.h"

#include <chrono>

namespace cognito::storage {
namespace {

// How long the last pass waits for readers still in the WAL: a request's read transaction
// lasts well under a millisecond; one that takes longer only postpones the restart.
constexpr int kBusyAttempts = 40;
constexpr auto kBusyPause = std::chrono::microseconds(50);

int OnBusy(void* /*unused*/, int attempts) {
  if (attempts >= kBusyAttempts) {
    return 0;
  }
  std::this_thread::sleep_for(kBusyPause);
  return 1;
}

// A connection for checkpoints: it syncs the WAL before copying and the database file after
// (synchronous=FULL), and a first read opens the WAL, without which a checkpoint does nothing.
Connection OpenForCheckpoints(const std::string& path) {
  Connection db = Connection::Open(path);
  sqlite3_busy_handler(db.get(), &OnBusy, nullptr);
  db.RunScript("PRAGMA synchronous = FULL;");
  db.Prepare("SELECT count(*) FROM sqlite_schema").Run();
  return db;
}

// Sets `frames` to the WAL's size in frames, when SQLite reports it.
int Checkpoint(sqlite3* db, int mode, int& frames) {
  int copied = 0;
  return sqlite3_wal_checkpoint_v2(db, nullptr, mode, &frames, &copied);
}

}  // namespace

Checkpointer::Checkpointer(const std::string& path, std::mutex& writers, int pages)
    : db_(OpenForCheckpoints(path)),
      writers_(writers),
      pages_(pages),
      next_(pages),
      thread_([this] { Loop(); }) {}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Checkpointer::Attach(sqlite3* db) { sqlite3_wal_hook(db, &Checkpointer::OnCommit, this); }

uint64_t Checkpointer::Runs() const {
  std::lock_guard lock(mu_);
  return runs_;
}

int Checkpointer::LastResult() const {
  std::lock_guard lock(mu_);
  return last_result_;
}

int Checkpointer::OnCommit(void* self, sqlite3* /*db*/, const char* /*schema*/, int frames) {
  auto* checkpointer = static_cast<Checkpointer*>(self);
  {
    std::lock_guard lock(checkpointer->mu_);
    if (frames < checkpointer->next_) {
      return SQLITE_OK;
    }
    checkpointer->pending_ = true;
  }
  checkpointer->wake_.notify_one();
  return SQLITE_OK;
}

void Checkpointer::Loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return pending_ || stop_; });
    if (stop_) {
      return;
    }
    pending_ = false;
    lock.unlock();
    // PASSIVE copies what no reader still needs, never waits, and leaves the frames written
    // meanwhile; RESTART, with no writer able to start, copies those and restarts the WAL.
    int frames = 0;
    int rc = Checkpoint(db_.get(), SQLITE_CHECKPOINT_PASSIVE, frames);
    if (rc == SQLITE_OK) {
      std::lock_guard writers(writers_);
      rc = Checkpoint(db_.get(), SQLITE_CHECKPOINT_RESTART, frames);
    }
    lock.lock();
    ++runs_;
    last_result_ = rc;
    // After a failure (SQLITE_BUSY: a reader stayed in the WAL) the next try waits for as many
    // new pages, so that a long reader cannot make every commit wait for the writers' mutex.
    next_ = rc == SQLITE_OK ? pages_ : frames + pages_;
  }
}

}  // namespace cognito::storage
