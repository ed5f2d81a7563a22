#include "server/actions/group_commit.h"

#include <gtest/gtest.h>

#include <chrono>
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
  std::mutex write_mu;
  GroupCommit group(write_mu);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> leading{false};
  Store* first_store = nullptr;
  Store* used_by_second = nullptr;
  Store* used_by_third = nullptr;

  std::thread first([&] {
    auto lease = pool.Acquire();
    first_store = &*lease;
    group.Apply(*lease, {InsertPool("p1"), [&](Store&) {
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

  // Both waiting batches ran in one transaction on the connection of whichever led it.
  EXPECT_EQ(used_by_second, used_by_third);
  EXPECT_NE(used_by_second, first_store);
  auto lease = pool.Acquire();
  for (const char* id : {"p1", "p2", "p3"}) {
    EXPECT_TRUE(lease->GetPool(id).has_value()) << id;
  }
}

TEST(GroupCommitTest, AFailingBatchFailsAloneAndLeavesNothingBehind) {
  storage::testing::TempDbPath path;
  StorePool pool(path.path(), 8);
  std::mutex write_mu;
  GroupCommit group(write_mu);
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
    EXPECT_EQ(lease->GetPool("p" + std::to_string(i)).has_value(), i != 3) << i;
  }
}

TEST(GroupCommitTest, NothingToWriteReturnsAtOnce) {
  StorePool pool(":memory:", 1);
  std::mutex write_mu;
  GroupCommit group(write_mu);
  auto lease = pool.Acquire();
  group.Apply(*lease, {});
  EXPECT_EQ(group.Waiting(), 0u);
}

}  // namespace
}  // namespace cognito::actions
