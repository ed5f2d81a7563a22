// When the writers that add expiring rows (sign-in sessions, revoked sign-ins, replaced refresh
// tokens) also purge the expired ones. Purging on every insert costs an index probe and DELETE
// statements each time; one insert in kEvery purges instead, up to kEvery times as many rows, so
// the tables stay as bounded (a purge removes up to 100 rows per insert on average).
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>

namespace cognito::actions {

class PurgeSchedule {
 public:
  static constexpr uint64_t kEvery = 32;
  static constexpr int kRowsPerInsert = 100;
  static constexpr int kLimit = static_cast<int>(kEvery) * kRowsPerInsert;

  // True for the first call and every kEvery-th after it.
  bool Due() { return calls_.fetch_add(1, std::memory_order_relaxed) % kEvery == 0; }

 private:
  std::atomic<uint64_t> calls_{0};
};

}  // namespace cognito::actions
