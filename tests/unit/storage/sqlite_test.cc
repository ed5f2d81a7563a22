#include "storage/sqlite.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "tests/unit/storage/temp_db.h"

namespace cognito::storage {
namespace {

class SqliteTest : public ::testing::Test {
 protected:
  void SetUp() override { db_.RunScript("CREATE TABLE t (k TEXT PRIMARY KEY, v, n INTEGER)"); }

  int64_t Count() {
    Statement stmt = db_.Prepare("SELECT count(*) FROM t");
    EXPECT_TRUE(stmt.Step());
    return stmt.Int(0);
  }

  Connection db_ = Connection::Open(":memory:");
};

TEST_F(SqliteTest, TextBlobAndIntegerRoundTrip) {
  const std::string with_nul("a\0b", 3);
  const std::string bytes("\x00\xff\x10", 3);
  db_.Prepare("INSERT INTO t VALUES (?1, ?2, ?3)")
      .BindText(1, with_nul)
      .BindBlob(2, bytes)
      .BindInt(3, int64_t{1} << 40)
      .Run();
  Statement stmt = db_.Prepare("SELECT k, v, n, typeof(v) FROM t");
  ASSERT_TRUE(stmt.Step());
  EXPECT_EQ(stmt.Text(0), with_nul);
  EXPECT_EQ(stmt.Blob(1), bytes);
  EXPECT_EQ(stmt.Int(2), int64_t{1} << 40);
  EXPECT_EQ(stmt.Text(3), "blob");
  EXPECT_FALSE(stmt.Step());
}

TEST_F(SqliteTest, EmptyValuesAreNotNull) {
  db_.Prepare("INSERT INTO t VALUES (?1, ?2, 0)")
      .BindText(1, std::string_view())
      .BindBlob(2, std::string_view())
      .Run();
  Statement stmt = db_.Prepare("SELECT typeof(k), typeof(v), length(v) FROM t");
  ASSERT_TRUE(stmt.Step());
  EXPECT_EQ(stmt.Text(0), "text");
  EXPECT_EQ(stmt.Text(1), "blob");
  EXPECT_EQ(stmt.Int(2), 0);
}

TEST_F(SqliteTest, BoundTemporariesAreCopied) {
  {
    Statement stmt = db_.Prepare("INSERT INTO t VALUES (?1, ?2, 0)");
    stmt.BindText(1, std::string(100, 'k')).BindText(2, std::string(100, 'v'));
    stmt.Run();
  }
  Statement stmt = db_.Prepare("SELECT k, v FROM t");
  ASSERT_TRUE(stmt.Step());
  EXPECT_EQ(stmt.Text(0), std::string(100, 'k'));
  EXPECT_EQ(stmt.Text(1), std::string(100, 'v'));
}

TEST_F(SqliteTest, StatementIsResetAndUnboundWhenReturned) {
  db_.Prepare("INSERT INTO t VALUES ('a', 1, 1)").Run();
  db_.Prepare("INSERT INTO t VALUES ('b', 2, 2)").Run();
  {
    Statement stmt = db_.Prepare("SELECT k FROM t WHERE n >= ?1 ORDER BY k");
    stmt.BindInt(1, 2);
    ASSERT_TRUE(stmt.Step());
    EXPECT_EQ(stmt.Text(0), "b");
  }
  // Same cached statement: it starts from the first row and ?1 is NULL again.
  Statement stmt = db_.Prepare("SELECT k FROM t WHERE n >= ?1 ORDER BY k");
  EXPECT_FALSE(stmt.Step());
}

TEST_F(SqliteTest, BorrowingTheSameStatementTwiceThrows) {
  Statement first = db_.Prepare("SELECT 1");
  EXPECT_THROW(db_.Prepare("SELECT 1"), StoreError);
  Statement moved(std::move(first));
  EXPECT_THROW(db_.Prepare("SELECT 1"), StoreError);
}

TEST_F(SqliteTest, StatementIsFreeAgainAfterScope) {
  { Statement first = db_.Prepare("SELECT 1"); }
  Statement again = db_.Prepare("SELECT 1");
  ASSERT_TRUE(again.Step());
  EXPECT_EQ(again.Int(0), 1);
}

TEST_F(SqliteTest, RejectsMoreThanOneStatement) {
  EXPECT_THROW(db_.Prepare("SELECT 1; SELECT 2"), StoreError);
  Statement trailing_space = db_.Prepare("SELECT 1;  \n");
  EXPECT_TRUE(trailing_space.Step());
}

TEST_F(SqliteTest, ErrorsCarrySqliteMessageWithoutValues) {
  db_.Prepare("INSERT INTO t VALUES ('secret-key', 1, 1)").Run();
  try {
    db_.Prepare("INSERT INTO t VALUES (?1, 1, 1)").BindText(1, "secret-key").Run();
    FAIL() << "expected a constraint error";
  } catch (const StoreError& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("UNIQUE constraint failed: t.k"), std::string::npos) << message;
    EXPECT_EQ(message.find("secret-key"), std::string::npos) << message;
  }
  EXPECT_THROW(db_.Prepare("SELEKT 1"), StoreError);
}

TEST_F(SqliteTest, ResetAllowsRebinding) {
  Statement stmt = db_.Prepare("INSERT INTO t VALUES (?1, NULL, ?2)");
  for (int i = 0; i < 3; ++i) {
    stmt.BindText(1, std::to_string(i)).BindInt(2, i).Run();
    stmt.Reset();
  }
  EXPECT_EQ(Count(), 3);
}

TEST_F(SqliteTest, SavepointRollsBackUnlessReleased) {
  {
    Savepoint savepoint(db_);
    db_.Prepare("INSERT INTO t VALUES ('gone', 1, 1)").Run();
    EXPECT_TRUE(db_.InTransaction());
  }
  EXPECT_FALSE(db_.InTransaction());
  EXPECT_EQ(Count(), 0);
  {
    Savepoint savepoint(db_);
    db_.Prepare("INSERT INTO t VALUES ('kept', 1, 1)").Run();
    savepoint.Release();
  }
  EXPECT_FALSE(db_.InTransaction());
  EXPECT_EQ(Count(), 1);
}

TEST_F(SqliteTest, SavepointNestsInsideTransaction) {
  db_.Run("BEGIN");
  db_.Prepare("INSERT INTO t VALUES ('outer', 1, 1)").Run();
  {
    Savepoint savepoint(db_);
    db_.Prepare("INSERT INTO t VALUES ('inner', 1, 1)").Run();
  }
  EXPECT_TRUE(db_.InTransaction());
  db_.Run("COMMIT");
  EXPECT_EQ(Count(), 1);
}

TEST_F(SqliteTest, ReadSnapshotTakesASavepointOnlyOutsideATransaction) {
  {
    ReadSnapshot snapshot(db_);
    EXPECT_TRUE(db_.InTransaction());
    snapshot.End();
    EXPECT_FALSE(db_.InTransaction());
  }
  db_.Run("BEGIN");
  {
    // A probe: a savepoint here would be rolled back without End(), and the row with it.
    ReadSnapshot snapshot(db_);
    db_.Prepare("INSERT INTO t VALUES ('kept', 1, 1)").Run();
  }
  EXPECT_TRUE(db_.InTransaction());
  db_.Run("COMMIT");
  EXPECT_EQ(Count(), 1);
}

TEST_F(SqliteTest, ChangesCountsRowsOfLastStatement) {
  db_.RunScript("INSERT INTO t VALUES ('a', 1, 1), ('b', 1, 1), ('c', 2, 2)");
  db_.Prepare("UPDATE t SET n = 5 WHERE v = 1").Run();
  EXPECT_EQ(db_.Changes(), 2);
}

TEST_F(SqliteTest, QueryOnlyRefusesWritesButKeepsReadsAndTransactions) {
  db_.Prepare("INSERT INTO t VALUES ('before', 1, 1)").Run();
  db_.SetQueryOnly(true);
  db_.Run("BEGIN");
  EXPECT_EQ(Count(), 1);
  EXPECT_THROW(db_.Prepare("INSERT INTO t VALUES ('during', 1, 1)"), StoreError);
  EXPECT_THROW(db_.Prepare("DELETE FROM t"), StoreError);
  EXPECT_THROW(db_.RunScript("UPDATE t SET n = 2"), StoreError);
  {
    Savepoint savepoint(db_);
    savepoint.Release();
  }
  db_.Run("COMMIT");
  db_.SetQueryOnly(false);
  // A statement refused while query-only works afterwards (it stayed cached, unborrowed).
  db_.Prepare("INSERT INTO t VALUES ('during', 1, 1)").Run();
  EXPECT_EQ(Count(), 2);
}

// Counts the files SQLite creates in its temp directory, pointed at an empty directory for the
// test's lifetime (SQLite unlinks such files at once, so only their creation can be seen).
class TempFileWatch {
 public:
  TempFileWatch() {
    dir_ = std::filesystem::temp_directory_path() /
           ("cognito-sqlite-tmp-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    EXPECT_GE(fd_, 0);
    EXPECT_GE(inotify_add_watch(fd_, dir_.c_str(), IN_CREATE), 0);
    SetTempDirectory(dir_.string());
  }
  ~TempFileWatch() {
    SetTempDirectory("");
    ::close(fd_);
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  int Created() {
    int count = 0;
    alignas(inotify_event) char buffer[4096];
    for (ssize_t n; (n = ::read(fd_, buffer, sizeof buffer)) > 0;) {
      for (ssize_t at = 0; at < n;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
        count += (event->mask & IN_CREATE) ? 1 : 0;
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
    }
    return count;
  }

 private:
  static void SetTempDirectory(const std::string& dir) {
    Connection db = Connection::Open(":memory:");
    db.RunScript("PRAGMA temp_store_directory = '" + dir + "'");
  }

  std::filesystem::path dir_;
  int fd_ = -1;
};

// A savepoint journals the pages it changes. SQLite's default keeps 64 KiB of that journal in
// memory and then spills it to a temp file, which a group commit of a few creates exceeded; the
// library is configured to spill only past 1 MiB (sqlite.cc), and the spill, written in 1 MiB
// chunks, must still work (the unix VFS refuses writes of 128 KiB and more; mapped_vfs.cc).
TEST(SqliteJournalTest, SavepointJournalsStayInMemoryUpToOneMebibyte) {
  testing::TempDbPath path;
  Connection db = Connection::Open(path.path());
  db.RunScript(
      "PRAGMA journal_mode = WAL; CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB);"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
      " INSERT INTO t SELECT i, randomblob(3000) FROM n;");
  const auto digest = [&db] {
    Statement stmt = db.Prepare("SELECT sum(length(v)), group_concat(hex(substr(v, 1, 8))) FROM t");
    EXPECT_TRUE(stmt.Step());
    return stmt.Text(0) + stmt.Text(1);
  };
  const std::string before = digest();
  TempFileWatch watch;
  // ~240 KiB of pages journaled (60 rows of one page each): past 64 KiB, under 1 MiB.
  db.RunScript(
      "BEGIN; SAVEPOINT s; UPDATE t SET v = randomblob(3000) WHERE k <= 60; ROLLBACK TO s;"
      "RELEASE s; COMMIT;");
  EXPECT_EQ(watch.Created(), 0);
  // ~4 MiB: spilled to a file, so a journal's memory stays bounded, and rolled back from it.
  db.RunScript(
      "BEGIN; SAVEPOINT s; UPDATE t SET v = randomblob(3000); ROLLBACK TO s; RELEASE s;"
      "COMMIT;");
  EXPECT_GE(watch.Created(), 1);
  EXPECT_EQ(digest(), before);
}

TEST(SqliteOpenTest, UnopenablePathThrows) {
  EXPECT_THROW(Connection::Open("/nonexistent-dir-for-cognito-test/x.db"), StoreError);
}

}  // namespace
}  // namespace cognito::storage
