// Group commit for the deferred writes of the read-then-write actions (sign-in paths). Every
// durable SQLite commit costs an fsync, and writers go one at a time, so committing each request
// alone caps those actions at the disk's fsync rate. Here the writes of requests that arrive
// while a group is being committed wait, then go together in the next transaction: one fsync for
// the group, and each request is answered only after the sync that covers its writes.
//
// The leader of a group commits under the writer mutex on the pool's writer connection, whose
// commits do not wait for the disk (StorePool::writer), lets the next group start, then syncs
// the WAL: the next group's statements run while this group's fdatasync is in flight. One sync
// runs at a time: groups that commit while one is in flight wait for it to end, and then one
// sync covers them all (a member of the oldest runs it). Syncs in parallel would each flush
// the disk's cache, and the disk would spend its time on flushes; one at a time, each covers
// every commit of the meantime, so under load a sync covers more writes instead of there being
// more syncs. A commit is visible to readers from the moment it is written, a little before it
// is durable; no request is answered before a sync that began after its commit has ended, and
// the WAL is written in order, so a sync covers every commit written before it.
//
// If any write of a group throws, the group's transaction is rolled back and each request's
// writes are retried in a transaction of their own, so one failing request never fails another.
// Threads: Apply runs on many workers at once; the leader of a group runs its commit under the
// writer mutex shared with the write actions.
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include "server/actions/context.h"

namespace cognito::actions {

class GroupCommit {
 public:
  // Groups commit on `writer` (StorePool::writer) under `write_mu`, or, when it is null, on the
  // leader's own Store. `sync` makes a group's commit durable (Store::SyncWal on the leader's
  // own Store unless a test says otherwise).
  using Sync = std::function<void(storage::Store&)>;
  GroupCommit(std::mutex& write_mu, storage::Store* writer, Sync sync = {});

  // Applies `writes` durably and returns once they are committed and synced; throws what one of
  // them threw, and then none of them took effect. `store` is the caller's own connection.
  void Apply(storage::Store& store, const std::vector<StoreWrite>& writes);
  // Batches waiting for the next group (a snapshot, for tests).
  size_t Waiting();

 private:
  // Each batch sleeps on a condition of its own and is woken only when it has something to do
  // (lead the next group, run the next sync, or return): a condition shared by all would wake
  // every waiting worker at each step of each group, and all but one or two would go back to
  // sleep.
  struct Batch {
    const std::vector<StoreWrite>* writes = nullptr;
    std::exception_ptr error;
    bool taken = false;      // in a group being committed
    bool sync_turn = false;  // committed; its owner is to run the next sync
    bool done = false;       // committed and synced (or failed)
    std::condition_variable wake;
  };
  // Takes every queued batch (the caller's among them) as a group, commits it, lets the next
  // leader in, then syncs unless a sync is in flight. Called and returns with `lock` held.
  void Lead(storage::Store& store, std::unique_lock<std::mutex>& lock);
  // Syncs every committed batch, marks them done, and hands the next sync to the oldest batch
  // committed meanwhile. Called with `lock` held and no sync in flight; returns with it held.
  void SyncCommitted(storage::Store& store, std::unique_lock<std::mutex>& lock);
  void Commit(storage::Store& store, const std::vector<Batch*>& group);

  std::mutex& write_mu_;
  storage::Store* writer_;
  Sync sync_;
  std::mutex mu_;
  std::vector<Batch*> waiting_;    // oldest first
  std::vector<Batch*> committed_;  // committed, waiting for the next sync; oldest first
  bool leading_ = false;  // a leader is committing (not syncing) a group
  bool syncing_ = false;  // a sync is in flight
};

}  // namespace cognito::actions
