#include "server/actions/group_commit.h"

namespace cognito::actions {

namespace {

void RunAll(storage::Store& store, const std::vector<StoreWrite>& writes) {
  for (const auto& write : writes) {
    write(store);
  }
}

}  // namespace

void GroupCommit::Apply(storage::Store& store, const std::vector<StoreWrite>& writes) {
  if (writes.empty()) {
    return;
  }
  Batch batch{&writes, nullptr, false};
  std::unique_lock lock(mu_);
  waiting_.push_back(&batch);
  while (!batch.done) {
    if (leading_) {
      committed_.wait(lock);
      continue;
    }
    // Lead the next group: everything queued so far, this batch included.
    leading_ = true;
    std::vector<Batch*> group;
    group.swap(waiting_);
    lock.unlock();
    Commit(store, group);
    lock.lock();
    for (Batch* member : group) {
      member->done = true;
    }
    leading_ = false;
    committed_.notify_all();
  }
  if (batch.error) {
    std::rethrow_exception(batch.error);
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
