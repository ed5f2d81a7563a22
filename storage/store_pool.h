// A fixed set of Stores over one database, handed out one borrower at a time.
//
// Threads: StorePool is thread-safe; each Store it lends is used only by the Lease holder, so the
// one-thread-at-a-time rule of Store holds. Lifetime: the pool must outlive every Lease. A Lease
// returns its Store to the pool when destroyed (or moved-into); a moved-from Lease is empty.
// For ":memory:" the pool holds a single Store (each in-memory connection is its own database),
// so callers share it in turn.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/store.h"

namespace cognito::storage {

class StorePool {
 public:
  // Opens `size` Stores on `path` (the first one applies migrations, the others find the schema
  // current). Throws StoreError if a Store cannot be opened and std::invalid_argument if size
  // is 0.
  // Their WAL checkpoints run on a thread of the pool's own (checkpointer.h), once a commit
  // leaves `checkpoint_pages` frames in the WAL.
  StorePool(std::string path, size_t size, int checkpoint_pages = Checkpointer::kDefaultPages);
  ~StorePool();
  StorePool(const StorePool&) = delete;
  StorePool& operator=(const StorePool&) = delete;

  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    Store& operator*() const { return *store_; }
    Store* operator->() const { return store_.get(); }

   private:
    friend class StorePool;
    Lease(StorePool* pool, std::unique_ptr<Store> store) noexcept;
    void Return() noexcept;

    StorePool* pool_;
    std::unique_ptr<Store> store_;
  };

  // Blocks until a Store is free, then lends it.
  Lease Acquire();

  const std::string& path() const { return path_; }
  // Number of Stores the pool owns.
  size_t size() const { return size_; }
  // Stores currently not lent (a snapshot: may change as soon as it returns).
  size_t Idle() const;
  // Threads currently blocked in Acquire (a snapshot; for tests and metrics).
  size_t Waiting() const;
  // Held by every writer from BEGIN IMMEDIATE to COMMIT (one writer at a time in SQLite anyway:
  // waiting here costs no busy-handler sleeps), and by the checkpointer's last pass.
  std::mutex& writers() { return writers_; }
  // A Store kept for group commits, used only by the holder of writers(); null for ":memory:".
  // Its page cache stays warm: SQLite empties a connection's cache whenever another connection
  // has written, so the lent Stores, which mostly read, would give the writer a cold one. Its
  // commits do not wait for the disk (Store::DeferSync is on): whoever commits on it must call
  // SyncWal (any Store's) before telling anyone the write is durable.
  Store* writer() { return writer_.get(); }
  // The thread that runs the checkpoints; null for ":memory:", which has no WAL.
  const Checkpointer* checkpointer() const { return checkpointer_.get(); }

 private:
  void Release(std::unique_ptr<Store> store) noexcept;

  const std::string path_;
  size_t size_;
  std::mutex writers_;
  // Before the Stores: their connections close before the checkpointer's.
  std::unique_ptr<Checkpointer> checkpointer_;
  std::unique_ptr<Store> writer_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Store>> idle_;
  size_t waiting_ = 0;
};

}  // namespace cognito::storage
