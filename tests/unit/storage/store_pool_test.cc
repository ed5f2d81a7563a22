#include "storage/store_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "storage/schema.h"
#include "tests/unit/storage/temp_db.h"

namespace cognito::storage {
namespace {

using testing::TempDbPath;

// Spins (yielding) until `done` holds; bounded so a bug fails the test instead of hanging it.
template <typename Predicate>
bool EventuallyTrue(Predicate done) {
  for (int i = 0; i < 50'000'000; ++i) {
    if (done()) {
      return true;
    }
    std::this_thread::yield();
  }
  return false;
}

TEST(StorePoolTest, OpensSizeStoresOnAFile) {
  TempDbPath path;
  StorePool pool(path.path(), 3);
  EXPECT_EQ(pool.size(), 3u);
  EXPECT_EQ(pool.Idle(), 3u);
  EXPECT_EQ(pool.Acquire()->SchemaVersion(), LatestSchemaVersion());
  EXPECT_EQ(pool.Idle(), 3u) << "a temporary lease returns its store";
}

TEST(StorePoolTest, MemoryPoolHasOneStore) {
  StorePool pool(":memory:", 4);
  EXPECT_EQ(pool.size(), 1u);
  pool.Acquire()->InsertPool(PoolRecord{"p1", "n", "{}", 1, 1});
  EXPECT_NE(pool.Acquire()->GetPool("p1"), nullptr) << "same in-memory database";
}

TEST(StorePoolTest, ZeroSizeIsRejected) {
  EXPECT_THROW(StorePool(":memory:", 0), std::invalid_argument);
}

TEST(StorePoolTest, UnopenablePathThrows) {
  EXPECT_THROW(StorePool("/nonexistent-dir-for-cognito-test/x.db", 2), StoreError);
}

TEST(StorePoolTest, LeasesAreMovable) {
  StorePool pool(":memory:", 1);
  StorePool::Lease first = pool.Acquire();
  Store* store = &*first;
  StorePool::Lease second(std::move(first));
  EXPECT_EQ(second.operator->(), store);
  EXPECT_EQ(pool.Idle(), 0u);
  {
    StorePool::Lease third = std::move(second);
    EXPECT_EQ(&*third, store);
    EXPECT_EQ(pool.Idle(), 0u) << "moved-from leases return nothing";
  }
  EXPECT_EQ(pool.Idle(), 1u);
}

TEST(StorePoolTest, MoveAssignmentReturnsTheOverwrittenStore) {
  TempDbPath path;
  StorePool pool(path.path(), 2);
  StorePool::Lease a = pool.Acquire();
  StorePool::Lease b = pool.Acquire();
  EXPECT_EQ(pool.Idle(), 0u);
  a = std::move(b);
  EXPECT_EQ(pool.Idle(), 1u);
}

TEST(StorePoolTest, HandsOutDistinctStoresConcurrently) {
  TempDbPath path;
  constexpr size_t kThreads = 4;
  StorePool pool(path.path(), kThreads);
  std::vector<const Store*> seen(kThreads, nullptr);
  // Every thread holds its lease until all have one, so the leases overlap in time.
  std::barrier all_leased(static_cast<std::ptrdiff_t>(kThreads));
  {
    std::vector<std::jthread> threads;
    for (size_t i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        StorePool::Lease lease = pool.Acquire();
        seen[i] = &*lease;
        lease->InsertPool(PoolRecord{"pool-" + std::to_string(i), "n", "{}", 1, 1});
        all_leased.arrive_and_wait();
      });
    }
  }
  EXPECT_EQ(std::set<const Store*>(seen.begin(), seen.end()).size(), kThreads);
  EXPECT_EQ(pool.Acquire()->ListPools("", 0).size(), kThreads) << "writes from every store";
  EXPECT_EQ(pool.Idle(), kThreads);
}

TEST(StorePoolTest, AcquireBlocksUntilALeaseIsReturned) {
  StorePool pool(":memory:", 1);
  std::optional<StorePool::Lease> held(pool.Acquire());
  const Store* held_store = &**held;
  std::atomic<const Store*> acquired{nullptr};
  std::jthread waiter([&] {
    StorePool::Lease lease = pool.Acquire();
    acquired = &*lease;
  });
  ASSERT_TRUE(EventuallyTrue([&] { return pool.Waiting() == 1; }));
  EXPECT_EQ(acquired.load(), nullptr) << "must wait while the only store is lent";
  held.reset();
  waiter.join();
  EXPECT_EQ(acquired.load(), held_store);
  EXPECT_EQ(pool.Waiting(), 0u);
  EXPECT_EQ(pool.Idle(), 1u);
}

}  // namespace
}  // namespace cognito::storage
