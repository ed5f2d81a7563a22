#include "server/actions/group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <thread>

#include "server/actions/error.h"
#include "storage/store_pool.h"
#include "tests/unit/storage/temp_db.h"

namespace cognito::actions {
namespace {

using storage::PoolRecord;
using storage::Store;
using storage::StorePool;

StoreWrite InsertPool(const std::string& id) {
  return [id](Store& store) { store.InsertPool(PoolRecord{id, "name", "{}", 1, 1}); };
}

void WaitUntil(const std::function<bool()>& condition) {
  for (int i = 0; i < 5000 && !condition(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_TRUE(condition());
}

TEST(GroupCommitTest, WritesQueuedDuringACommitGoTogetherInTheNext) {
  storage::testing::TempDbPath path;
  StorePool pool(path.path(), 3);
  GroupCommit group(pool.writers(), pool.writer());
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> leading{false};
  Store* used_by_first = nullptr;
  Store* used_by_second = nullptr;
  Store* used_by_third = nullptr;

  std::thread first([&] {
    auto lease = pool.Acquire();
    group.Apply(*lease, {InsertPool("p1"), [&](Store& store) {
                           used_by_first = &store;
                           leading = true;
                           released.wait();
                         }});
  });
  WaitUntil([&] { return leading.load(); });
  auto run = [&](const std::string& id, Store** used) {
    return std::thread([&, id, used] {
      auto lease = pool.Acquire();
      group.Apply(*lease, {InsertPool(id), [used](Store& store) { *used = &store; }});
    });
  };
  std::thread second = run("p2", &used_by_second);
  std::thread third = run("p3", &used_by_third);
  WaitUntil([&] { return group.Waiting() == 2; });
  release.set_value();
  first.join();
  second.join();
  third.join();

  // Every group ran on the pool's writer, not on a lent Store.
  EXPECT_EQ(used_by_first, pool.writer());
  EXPECT_EQ(used_by_second, pool.writer());
  EXPECT_EQ(used_by_third, pool.writer());
  auto lease = pool.Acquire();
  for (const char* id : {"p1", "p2", "p3"}) {
    EXPECT_NE(lease->GetPool(id), nullptr) << id;
  }
}

TEST(GroupCommitTest, GroupsCommitDuringASyncAndTheNextSyncCoversThemAll) {
  storage::testing::TempDbPath path;
  StorePool pool(path.path(), 5);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> syncs{0};
  GroupCommit group(pool.writers(), pool.writer(), [&](Store& store) {
    if (syncs.fetch_add(1) == 0) {
      released.wait();  // the first group's sync takes as long as the test wants
    }
    store.SyncWal();
  });
  std::atomic<int> done{0};
  auto run = [&](const std::string& id) {
    return std::thread([&, id] {
      auto lease = pool.Acquire();
      group.Apply(*lease, {InsertPool(id)});
      done.fetch_add(1);
    });
  };
  auto visible = [&](const std::string& id) { return pool.Acquire()->GetPool(id) != nullptr; };

  std::thread first = run("p1");
  WaitUntil([&] { return syncs.load() == 1; });
  // Committed, so visible, but not yet answered: its sync has not finished.
  EXPECT_TRUE(visible("p1"));
  std::thread second = run("p2");
  std::thread third = run("p3");
  WaitUntil([&] { return visible("p2") && visible("p3"); });
  // Both committed while the first sync is in flight; neither started a sync of its own, and
  // neither is answered before a sync that began after its commit.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(syncs.load(), 1);
  EXPECT_EQ(done.load(), 0);

  release.set_value();
  first.join();
  second.join();
  third.join();
  EXPECT_EQ(done.load(), 3);
  EXPECT_EQ(syncs.load(), 2);  // one more sync, for both
}

TEST(GroupCommitTest, AFailedSyncFailsEveryRequestOfItsGroup) {
  storage::testing::TempDbPath path;
  StorePool pool(path.path(), 2);
  GroupCommit group(pool.writers(), pool.writer(),
                    [](Store&) { throw storage::StoreError("sync: disk failure"); });
  auto lease = pool.Acquire();
  EXPECT_THROW(group.Apply(*lease, {InsertPool("p1")}), storage::StoreError);
  EXPECT_EQ(group.Waiting(), 0u);
}

TEST(GroupCommitTest, AFailingBatchFailsAloneAndLeavesNothingBehind) {
  storage::testing::TempDbPath path;
  StorePool pool(path.path(), 8);
  GroupCommit group(pool.writers(), pool.writer());
  constexpr int kThreads = 8;
  std::vector<std::future<bool>> done;
  for (int i = 0; i < kThreads; ++i) {
    done.push_back(std::async(std::launch::async, [&, i] {
      auto lease = pool.Acquire();
      std::vector<StoreWrite> writes{InsertPool("p" + std::to_string(i))};
      if (i == 3) {
        writes.push_back([](Store&) { throw CognitoError::NotAuthorized("refused"); });
      }
      try {
        group.Apply(*lease, writes);
        return true;
      } catch (const CognitoError& e) {
        EXPECT_EQ(e.message(), "refused");
        return false;
      }
    }));
  }
  for (size_t i = 0; i < done.size(); ++i) {
    EXPECT_EQ(done[i].get(), i != 3) << i;
  }
  auto lease = pool.Acquire();
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(lease->GetPool("p" + std::to_string(i)) != nullptr, i != 3) << i;
  }
}

TEST(GroupCommitTest, ManyWritersAtOnceAllReturnWithTheirWritesCommitted) {
  // Workers sleep on conditions of their own until woken to lead a group or to return; under
  // contention every one of them must come back (a watchdog aborts the test after a minute
  // rather than let it hang) with its write committed.
  storage::testing::TempDbPath path;
  constexpr int kThreads = 6;
  constexpr int kWrites = 150;
  StorePool pool(path.path(), kThreads);
  GroupCommit group(pool.writers(), pool.writer());
  std::promise<void> all_returned;
  std::thread watchdog([done = all_returned.get_future()] {
    if (done.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
      std::fprintf(stderr, "group commit: a writer never returned\n");
      std::abort();
    }
  });
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        auto lease = pool.Acquire();
        group.Apply(*lease, {InsertPool("p" + std::to_string(t) + "-" + std::to_string(i))});
      }
    });
  }
  for (auto& writer : writers) {
    writer.join();
  }
  all_returned.set_value();
  watchdog.join();

  EXPECT_EQ(group.Waiting(), 0u);
  auto lease = pool.Acquire();
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kWrites; ++i) {
      const std::string id = "p" + std::to_string(t) + "-" + std::to_string(i);
      EXPECT_NE(lease->GetPool(id), nullptr) << id;
    }
  }
}

TEST(GroupCommitTest, NothingToWriteReturnsAtOnce) {
  StorePool pool(":memory:", 1);
  GroupCommit group(pool.writers(), pool.writer());
  auto lease = pool.Acquire();
  group.Apply(*lease, {});
  EXPECT_EQ(group.Waiting(), 0u);
}

TEST(GroupCommitTest, WithoutAWriterTheLeaderCommitsOnItsOwnStore) {
  StorePool pool(":memory:", 1);
  ASSERT_EQ(pool.writer(), nullptr);
  GroupCommit group(pool.writers(), pool.writer());
  auto lease = pool.Acquire();
  Store* used = nullptr;
  group.Apply(*lease, {InsertPool("p1"), [&](Store& store) { used = &store; }});
  EXPECT_EQ(used, &*lease);
  EXPECT_NE(lease->GetPool("p1"), nullptr);
}

}  // namespace
}  // namespace cognito::actions
