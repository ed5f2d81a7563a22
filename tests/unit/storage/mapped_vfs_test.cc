#include "storage/mapped_vfs.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "storage/sqlite.h"
#include "temp_db.h"

namespace cognito::storage {
namespace {

constexpr int kPage = 4096;

// With a busy timeout, as the Store sets one: a connection that opens while another recovers
// the WAL's index, or switches to WAL, would otherwise fail at once with "database is locked".
Connection OpenMapped(const std::string& path) {
  Connection db = Connection::Open(path);
  db.RunScript("PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA mmap_size = " +
               std::to_string(mapped_vfs::kMapBytes));
  return db;
}

sqlite3_file* FileOf(Connection& db, int op) {
  sqlite3_file* file = nullptr;
  EXPECT_EQ(sqlite3_file_control(db.get(), "main", op, &file), SQLITE_OK);
  return file;
}

sqlite3_file* MainFile(Connection& db) { return FileOf(db, SQLITE_FCNTL_FILE_POINTER); }

// What the file reports as its map size (SQLITE_FCNTL_MMAP_SIZE; -1 asks without changing it).
int64_t MapSize(Connection& db) {
  sqlite3_int64 size = -1;
  EXPECT_EQ(sqlite3_file_control(db.get(), "main", SQLITE_FCNTL_MMAP_SIZE, &size), SQLITE_OK);
  return size;
}

void* Fetch(sqlite3_file* file, int64_t offset, int amount = kPage) {
  void* page = nullptr;
  EXPECT_EQ(file->pMethods->xFetch(file, offset, amount, &page), SQLITE_OK);
  return page;
}

int64_t FileSize(sqlite3_file* file) {
  sqlite3_int64 size = 0;
  EXPECT_EQ(file->pMethods->xFileSize(file, &size), SQLITE_OK);
  return size;
}

void Fill(Connection& db, int first, int count) {
  db.Run("BEGIN");
  for (int i = first; i < first + count; ++i) {
    db.Prepare("INSERT INTO t (k, v) VALUES (?1, ?2)")
        .BindInt(1, i)
        .BindText(2, std::string(200, static_cast<char>('a' + i % 26)))
        .Run();
  }
  db.Run("COMMIT");
}

void Checkpoint(Connection& db) { db.RunScript("PRAGMA wal_checkpoint(TRUNCATE)"); }

// Table t with `rows` rows of 200 bytes (row i: 200 times letter i mod 26), all in the file.
void CreateInFile(Connection& db, int rows) {
  db.RunScript("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
  Fill(db, 0, rows);
  Checkpoint(db);
}

std::string ValueOf(Connection& db, int key) {
  Statement stmt = db.Prepare("SELECT v FROM t WHERE k = ?1");
  stmt.BindInt(1, key);
  return stmt.Step() ? stmt.Text(0) : std::string("(none)");
}

// Two connections to one new database file.
class MappedVfsPairTest : public ::testing::Test {
 protected:
  testing::TempDbPath path_;
  Connection a_ = OpenMapped(path_.path());
  Connection b_ = OpenMapped(path_.path());
};

TEST_F(MappedVfsPairTest, ConnectionsShareOneMapThatMatchesTheFile) {
  Connection& a = a_;
  Connection& b = b_;
  CreateInFile(a, 200);
  EXPECT_EQ(ValueOf(b, 7), std::string(200, 'h'));

  sqlite3_file* file_a = MainFile(a);
  sqlite3_file* file_b = MainFile(b);
  void* page_a = Fetch(file_a, kPage);
  ASSERT_NE(page_a, nullptr);
  EXPECT_EQ(Fetch(file_b, kPage), page_a);
  EXPECT_EQ(MapSize(b), mapped_vfs::kMapBytes);
  std::string read(kPage, '\0');
  ASSERT_EQ(file_a->pMethods->xRead(file_a, read.data(), kPage, kPage), SQLITE_OK);
  EXPECT_EQ(std::memcmp(read.data(), page_a, kPage), 0);

  // The write-ahead log is read as SQLite always does.
  sqlite3_file* wal = FileOf(a, SQLITE_FCNTL_JOURNAL_POINTER);
  ASSERT_NE(wal, nullptr);
  EXPECT_EQ(Fetch(wal, 0, 32), nullptr);
}

TEST_F(MappedVfsPairTest, ReadsSeeOtherConnectionsCommitsThroughTheSameMap) {
  Connection& writer = a_;
  Connection& reader = b_;
  CreateInFile(writer, 100);
  EXPECT_EQ(ValueOf(reader, 1), std::string(200, 'b'));
  void* before = Fetch(MainFile(reader), kPage);
  ASSERT_NE(before, nullptr);

  const std::string changed(200, 'Z');
  writer.Prepare("UPDATE t SET v = ?1 WHERE k = 1").BindText(1, changed).Run();
  EXPECT_EQ(ValueOf(reader, 1), changed);  // from the log
  Checkpoint(writer);
  EXPECT_EQ(ValueOf(reader, 1), changed);  // from the database file, now the log is empty
  EXPECT_EQ(Fetch(MainFile(reader), kPage), before);
  bool found = false;
  for (int64_t offset = 0; offset + kPage <= FileSize(MainFile(reader)); offset += kPage) {
    const auto* page = static_cast<const char*>(Fetch(MainFile(reader), offset));
    ASSERT_NE(page, nullptr);
    found = found || std::string_view(page, kPage).find(changed) != std::string_view::npos;
  }
  EXPECT_TRUE(found);
}

TEST(MappedVfsTest, OnlyPagesWithinTheFileAreHandedOut) {
  testing::TempDbPath path;
  Connection db = OpenMapped(path.path());
  CreateInFile(db, 0);
  sqlite3_file* file = MainFile(db);
  const int64_t size = FileSize(file);
  ASSERT_GE(size, 2 * kPage);
  EXPECT_NE(Fetch(file, size - kPage), nullptr);
  EXPECT_EQ(Fetch(file, size), nullptr);
  EXPECT_EQ(Fetch(file, size - kPage, kPage + 1), nullptr);
  EXPECT_EQ(Fetch(file, -kPage), nullptr);
  EXPECT_EQ(Fetch(file, mapped_vfs::kMapBytes - kPage / 2), nullptr);

  Fill(db, 0, 500);
  Checkpoint(db);
  ASSERT_GT(FileSize(file), size);
  EXPECT_NE(Fetch(file, size), nullptr);  // written by this process since

  // A write past the end (as a checkpoint makes) hands out its page at once.
  const int64_t end = FileSize(file);
  const std::string bytes(kPage, 'Q');
  ASSERT_EQ(Fetch(file, end), nullptr);
  ASSERT_EQ(file->pMethods->xWrite(file, bytes.data(), kPage, end), SQLITE_OK);
  const void* page = Fetch(file, end);
  ASSERT_NE(page, nullptr);
  EXPECT_EQ(std::memcmp(page, bytes.data(), kPage), 0);
}

TEST(MappedVfsTest, TruncationStopsHandingOutTheCutPages) {
  testing::TempDbPath path;
  {
    Connection db = OpenMapped(path.path());
    CreateInFile(db, 100);
  }
  // A connection that only truncates: nothing reads the cut database afterwards.
  Connection db = Connection::Open(path.path());
  db.RunScript("PRAGMA mmap_size = 65536");
  EXPECT_EQ(ValueOf(db, 3), std::string(200, 'd'));
  sqlite3_file* file = MainFile(db);
  ASSERT_GT(FileSize(file), 3 * kPage);
  ASSERT_NE(Fetch(file, 2 * kPage), nullptr);
  ASSERT_EQ(file->pMethods->xTruncate(file, 2 * kPage), SQLITE_OK);
  EXPECT_EQ(Fetch(file, 2 * kPage), nullptr);
  EXPECT_NE(Fetch(file, kPage), nullptr);
}

TEST(MappedVfsTest, WhenTheFileCannotBeMappedItsPagesAreReadAsUsual) {
  struct Refusal {
    const bool before = mapped_vfs::RefuseMapsForTesting(true);
    ~Refusal() { mapped_vfs::RefuseMapsForTesting(before); }
  };
  testing::TempDbPath path;
  {
    Refusal refusal;
    Connection a = OpenMapped(path.path());
    Connection b = OpenMapped(path.path());
    CreateInFile(a, 300);
    sqlite3_file* file = MainFile(b);
    ASSERT_GT(FileSize(file), 4 * kPage);
    for (int64_t offset = 0; offset + kPage <= FileSize(file); offset += kPage) {
      EXPECT_EQ(Fetch(file, offset), nullptr) << offset;
    }
    EXPECT_EQ(MapSize(b), 0);
    EXPECT_EQ(ValueOf(b, 7), std::string(200, 'h'));
    a.Prepare("UPDATE t SET v = 'x' WHERE k = 7").Run();
    EXPECT_EQ(ValueOf(b, 7), "x");  // from the log
    Checkpoint(a);
    EXPECT_EQ(ValueOf(b, 7), "x");  // from the database file
    Statement count = b.Prepare("SELECT count(*) FROM t");
    ASSERT_TRUE(count.Step());
    EXPECT_EQ(count.Int(0), 300);
  }
  // Once every connection without a map has closed, the next open maps the file again.
  Connection c = OpenMapped(path.path());
  EXPECT_NE(Fetch(MainFile(c), 0), nullptr);
  EXPECT_EQ(ValueOf(c, 7), "x");
}

TEST(MappedVfsTest, TheMapOutlivesEachConnectionButNotTheLast) {
  testing::TempDbPath path;
  void* first = nullptr;
  {
    Connection a = OpenMapped(path.path());
    CreateInFile(a, 50);
    {
      Connection b = OpenMapped(path.path());
      first = Fetch(MainFile(b), 0);
      ASSERT_NE(first, nullptr);
    }
    EXPECT_EQ(Fetch(MainFile(a), 0), first);  // b's close left it to a
    EXPECT_EQ(ValueOf(a, 4), std::string(200, 'e'));
  }
  Connection c = OpenMapped(path.path());
  EXPECT_EQ(ValueOf(c, 4), std::string(200, 'e'));
  EXPECT_NE(Fetch(MainFile(c), 0), nullptr);
}

// Readers on their own threads while a writer moves amounts between rows and checkpoints:
// every read transaction must see a consistent snapshot (the total never changes).
TEST(MappedVfsTest, ReadersSeeConsistentSnapshotsWhileCheckpointsRewriteTheFile) {
  testing::TempDbPath path;
  constexpr int kRows = 400;
  constexpr int64_t kEach = 1000;
  {
    Connection db = OpenMapped(path.path());
    db.RunScript("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT, n INTEGER)");
    db.Run("BEGIN");
    for (int i = 0; i < kRows; ++i) {
      db.Prepare("INSERT INTO t VALUES (?1, ?2, ?3)")
          .BindInt(1, i)
          .BindText(2, std::string(300, 'x'))
          .BindInt(3, kEach)
          .Run();
    }
    db.Run("COMMIT");
  }
  std::atomic<bool> done{false};
  std::atomic<int> bad{0};
  std::atomic<int> reads{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      Connection db = OpenMapped(path.path());
      while (!done.load()) {
        Statement stmt = db.Prepare("SELECT sum(n), count(*) FROM t");
        if (!stmt.Step() || stmt.Int(0) != kRows * kEach || stmt.Int(1) != kRows) {
          bad.fetch_add(1);
        }
        reads.fetch_add(1);
      }
    });
  }
  Connection writer = OpenMapped(path.path());
  while (reads.load() == 0) {
    std::this_thread::yield();
  }
  const int reads_before = reads.load();
  for (int i = 0; i < 300; ++i) {
    writer.Run("BEGIN");
    writer.Prepare("UPDATE t SET n = n - 7 WHERE k = ?1").BindInt(1, i % kRows).Run();
    writer.Prepare("UPDATE t SET n = n + 7, v = ?2 WHERE k = ?1")
        .BindInt(1, (i * 37 + 11) % kRows)
        .BindText(2, std::string(static_cast<size_t>(300 + i % 50), 'y'))
        .Run();
    writer.Run("COMMIT");
    if (i % 20 == 0) {
      writer.RunScript("PRAGMA wal_checkpoint(PASSIVE)");
    }
  }
  const int reads_during = reads.load() - reads_before;
  done.store(true);
  for (auto& reader : readers) {
    reader.join();
  }
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GT(reads_during, 0);  // the readers ran while the file was being rewritten
}

// Once the process holds the file's lock, xFileSize answers from the size the VFS keeps: it must
// follow the file through growth, a checkpoint into the file and a truncation (VACUUM), and be
// read again at the first lock, since another process could change the file until then (here,
// bytes appended after the open and before the first read).
TEST(MappedVfsTest, TheFileSizeFollowsTheFileAndIsReadAgainAtTheFirstLock) {
  testing::TempDbPath path;
  const auto real_size = [&] {
    return static_cast<int64_t>(std::filesystem::file_size(path.path()));
  };
  {
    Connection db = OpenMapped(path.path());
    CreateInFile(db, 300);
  }
  Connection db = Connection::Open(path.path());
  {
    std::ofstream tail(path.path(), std::ios::binary | std::ios::app);
    tail << std::string(kPage, '\0');
  }
  db.RunScript("PRAGMA busy_timeout = 5000; PRAGMA mmap_size = " +
               std::to_string(mapped_vfs::kMapBytes));
  EXPECT_EQ(ValueOf(db, 7), std::string(200, 'h'));
  sqlite3_file* file = MainFile(db);
  EXPECT_EQ(FileSize(file), real_size());
  Fill(db, 300, 300);
  Checkpoint(db);
  EXPECT_GT(real_size(), 10 * kPage);
  EXPECT_EQ(FileSize(file), real_size());
  db.RunScript("DELETE FROM t WHERE k >= 20; VACUUM;");
  Checkpoint(db);
  EXPECT_EQ(FileSize(file), real_size());
  EXPECT_LT(real_size(), 10 * kPage);
  EXPECT_EQ(ValueOf(db, 19), std::string(200, 't'));
}

}  // namespace
}  // namespace cognito::storage
