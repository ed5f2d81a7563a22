#include "storage/checkpointer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "storage/store_pool.h"
#include "tests/unit/storage/temp_db.h"

namespace cognito::storage {
namespace {

using testing::TempDbPath;

// Commits `count` pools with a 4 KiB description each (a page apiece) on the pool's writer.
void WritePools(StorePool& pool, const std::string& prefix, int count) {
  std::lock_guard writers(pool.writers());
  Store& store = *pool.writer();
  Store::Transaction tx(store, true);
  const std::string description(4096, 'x');
  for (int i = 0; i < count; ++i) {
    store.InsertPool(PoolRecord{prefix + std::to_string(i), "name", description, 1, 1});
  }
  tx.Commit();
}

bool WaitForRuns(const Checkpointer& checkpointer, uint64_t runs) {
  for (int i = 0; i < 5000 && checkpointer.Runs() < runs; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return checkpointer.Runs() >= runs;
}

// Frames in the WAL now, as a checkpoint from a connection of the test's own reports them.
int WalFrames(const std::string& path) {
  Connection db = Connection::Open(path);
  Statement stmt = db.Prepare("PRAGMA wal_checkpoint(PASSIVE)");
  EXPECT_TRUE(stmt.Step());
  return static_cast<int>(stmt.Int(1));
}

TEST(CheckpointerTest, CopiesTheWalIntoTheFileAndStartsTheWalOver) {
  TempDbPath path;
  StorePool pool(path.path(), 2, /*checkpoint_pages=*/16);
  const auto size_before = std::filesystem::file_size(path.path());
  WritePools(pool, "big", 40);
  ASSERT_TRUE(WaitForRuns(*pool.checkpointer(), 1));
  EXPECT_EQ(pool.checkpointer()->LastResult(), SQLITE_OK);
  EXPECT_GE(std::filesystem::file_size(path.path()), size_before + 40 * 4096);

  // The next commit (a few pages) writes from the start of the WAL, not after the 40-odd pages
  // above.
  WritePools(pool, "small", 1);
  EXPECT_LT(WalFrames(path.path()), 20);
  EXPECT_NE(pool.Acquire()->GetPool("big39"), nullptr);
  EXPECT_NE(pool.Acquire()->GetPool("small0"), nullptr);
}

TEST(CheckpointerTest, AReaderInTheWalPostponesTheRestartByAnotherThreshold) {
  TempDbPath path;
  StorePool pool(path.path(), 2, /*checkpoint_pages=*/16);
  // A first checkpoint, so that the WAL starts over and holds only what follows.
  WritePools(pool, "first", 40);
  ASSERT_TRUE(WaitForRuns(*pool.checkpointer(), 1));
  ASSERT_EQ(pool.checkpointer()->LastResult(), SQLITE_OK);
  WritePools(pool, "a", 1);  // a few frames, below the threshold
  {
    auto reader = pool.Acquire();
    Store::Transaction snapshot(*reader, false);
    ASSERT_NE(reader->GetPool("a0"), nullptr);  // reads from the WAL, and stays
    WritePools(pool, "big", 40);
    ASSERT_TRUE(WaitForRuns(*pool.checkpointer(), 2));
    EXPECT_EQ(pool.checkpointer()->LastResult(), SQLITE_BUSY);
    // The WAL did not start over; a commit of a few more pages does not wake the thread again.
    WritePools(pool, "small", 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(pool.checkpointer()->Runs(), 2u);
  }
  // Reader gone: once the WAL has grown by the threshold again, the checkpoint succeeds.
  WritePools(pool, "more", 20);
  ASSERT_TRUE(WaitForRuns(*pool.checkpointer(), 3));
  EXPECT_EQ(pool.checkpointer()->LastResult(), SQLITE_OK);
  WritePools(pool, "last", 1);
  EXPECT_LT(WalFrames(path.path()), 20);
}

TEST(CheckpointerTest, TakesOverFromTheCommitsOwnCheckpoint) {
  TempDbPath path;
  // SQLite's own checkpoint would run inside a commit that leaves 1,000 pages in the WAL.
  StorePool pool(path.path(), 2, /*checkpoint_pages=*/1'000'000);
  const auto size_before = std::filesystem::file_size(path.path());
  WritePools(pool, "p", 1100);
  EXPECT_EQ(pool.checkpointer()->Runs(), 0u);
  EXPECT_LT(std::filesystem::file_size(path.path()), size_before + 100 * 4096)
      << "the commit checkpointed the WAL itself";
  EXPECT_NE(pool.Acquire()->GetPool("p1099"), nullptr);
}

TEST(CheckpointerTest, AMemoryPoolHasNoCheckpointerAndNoWriter) {
  StorePool pool(":memory:", 1);
  EXPECT_EQ(pool.checkpointer(), nullptr);
  EXPECT_EQ(pool.writer(), nullptr);
}

}  // namespace
}  // namespace cognito::storage
