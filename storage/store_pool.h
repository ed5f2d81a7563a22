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
  StorePool(std::string path, size_t size);
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

 private:
  void Release(std::unique_ptr<Store> store) noexcept;

  const std::string path_;
  size_t size_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Store>> idle_;
  size_t waiting_ = 0;
};

}  // namespace cognito::storage
