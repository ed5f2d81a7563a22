#include "server/actions/group_commit.h"

#include <utility>

namespace cognito::actions {

namespace {

void RunAll(storage::Store& store, const std::vector<StoreWrite>& writes) {
  for (const auto& write : writes) {
    write(store);
  }
}

}  // namespace

GroupCommit::GroupCommit(std::mutex& write_mu, storage::Store* writer, Sync sync)
    : write_mu_(write_mu), writer_(writer), sync_(std::move(sync)) {
  if (!sync_) {
    sync_ = [](storage::Store& store) { store.SyncWal(); };
  }
}

void GroupCommit::Apply(storage::Store& store, const std::vector<StoreWrite>& writes) {
  if (writes.empty()) {
    return;
  }
  Batch batch;
  batch.writes = &writes;
  std::unique_lock lock(mu_);
  waiting_.push_back(&batch);
  batch.wake.wait(lock, [&] { return !leading_ || batch.taken; });
  if (!batch.taken) {
    Lead(store, lock);
  }
  batch.wake.wait(lock, [&] { return batch.done || batch.sync_turn; });
  if (!batch.done) {
    SyncCommitted(store, lock);
  }
  if (batch.error) {
    std::rethrow_exception(batch.error);
  }
}

void GroupCommit::Lead(storage::Store& store, std::unique_lock<std::mutex>& lock) {
  leading_ = true;
  std::vector<Batch*> group;
  group.swap(waiting_);
  for (Batch* member : group) {
    member->taken = true;
  }
  lock.unlock();
  Commit(writer_ != nullptr ? *writer_ : store, group);
  lock.lock();
  leading_ = false;
  if (!waiting_.empty()) {
    waiting_.front()->wake.notify_one();  // the next group may commit while this one syncs
  }
  committed_.insert(committed_.end(), group.begin(), group.end());
  if (!syncing_) {
    SyncCommitted(store, lock);
  }
}

void GroupCommit::SyncCommitted(storage::Store& store, std::unique_lock<std::mutex>& lock) {
  syncing_ = true;
  std::vector<Batch*> covered;
  covered.swap(committed_);
  for (Batch* member : covered) {
    member->sync_turn = false;  // this sync covers it: it may have been handed a turn already
  }
  lock.unlock();
  std::exception_ptr sync_error;
  try {
    sync_(store);
  } catch (...) {
    sync_error = std::current_exception();
  }
  lock.lock();
  syncing_ = false;
  for (Batch* member : covered) {
    if (sync_error && !member->error) {
      member->error = sync_error;
    }
    member->done = true;
    // Under the lock: a member may return (and its batch go) as soon as it can take the lock.
    member->wake.notify_one();
  }
  if (!committed_.empty()) {
    // Groups committed during this sync: the oldest one's member syncs them all.
    committed_.front()->sync_turn = true;
    committed_.front()->wake.notify_one();
  }
}

size_t GroupCommit::Waiting() {
  std::lock_guard lock(mu_);
  return waiting_.size();
}

void GroupCommit::Commit(storage::Store& store, const std::vector<Batch*>& group) {
  std::lock_guard writer(write_mu_);
  try {
    storage::Store::Transaction tx(store, true);
    for (const Batch* member : group) {
      RunAll(store, *member->writes);
    }
    tx.Commit();
    return;
  } catch (...) {
    if (group.size() == 1) {
      group.front()->error = std::current_exception();
      return;
    }
  }
  for (Batch* member : group) {
    try {
      storage::Store::Transaction tx(store, true);
      RunAll(store, *member->writes);
      tx.Commit();
    } catch (...) {
      member->error = std::current_exception();
    }
  }
}

}  // namespace cognito::actions
