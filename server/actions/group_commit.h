// Group commit for the deferred writes of the read-then-write actions (sign-in paths). Every
// SQLite commit costs an fsync (synchronous=FULL), and writers go one at a time, so committing
// each request alone caps those actions at the disk's fsync rate. Here the writes of requests that
// arrive while a commit is in progress wait, then go together in the next transaction: one fsync
// for the group, and each request is answered only after the commit that holds its writes.
//
// If any write of a group throws, the group's transaction is rolled back and each request's
// writes are retried in a transaction of their own, so one failing request never fails another.
// Threads: Apply runs on many workers at once; the leader of a group runs its commit under the
// writer mutex shared with the write actions.
#pragma once

#include <condition_variable>
#include <exception>
#include <mutex>
#include <vector>

#include "server/actions/context.h"

namespace cognito::actions {

class GroupCommit {
 public:
  explicit GroupCommit(std::mutex& write_mu) : write_mu_(write_mu) {}

  // Applies `writes` durably on `store` (the caller's own connection, used when the caller leads
  // a group) and returns once they are committed; throws what one of them threw, and then none
  // of them took effect.
  void Apply(storage::Store& store, const std::vector<StoreWrite>& writes);
  // Batches waiting for the next group (a snapshot, for tests).
  size_t Waiting();

 private:
  struct Batch {
    const std::vector<StoreWrite>* writes;
    std::exception_ptr error;
    bool done = false;
  };
  void Commit(storage::Store& store, const std::vector<Batch*>& group);

  std::mutex& write_mu_;
  std::mutex mu_;
  std::condition_variable committed_;
  std::vector<Batch*> waiting_;
  bool leading_ = false;
};

}  // namespace cognito::actions
