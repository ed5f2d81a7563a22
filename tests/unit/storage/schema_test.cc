#include "storage/schema.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "storage/store.h"
#include "tests/unit/storage/temp_db.h"

namespace cognito::storage {
namespace {

using testing::TempDbPath;

std::set<std::string> SchemaObjects(Connection& db, const std::string& type) {
  Statement stmt =
      db.Prepare("SELECT name FROM sqlite_schema WHERE type = ?1 AND name NOT LIKE 'sqlite_%'");
  stmt.BindText(1, type);
  std::set<std::string> names;
  while (stmt.Step()) {
    names.insert(stmt.Text(0));
  }
  return names;
}

// Leaves `db` as a build that knew only the first `version` migrations would have.
void MigrateTo(Connection& db, int version) {
  for (int i = 0; i < version; ++i) {
    db.RunScript(std::string(Migrations()[static_cast<size_t>(i)]));
  }
  db.RunScript("PRAGMA user_version = " + std::to_string(version));
}

TEST(SchemaTest, FreshDatabaseGetsEveryMigration) {
  Connection db = Connection::Open(":memory:");
  EXPECT_EQ(ReadSchemaVersion(db), 0);
  EXPECT_EQ(ApplyMigrations(db), LatestSchemaVersion());
  EXPECT_EQ(ReadSchemaVersion(db), LatestSchemaVersion());
  EXPECT_GE(LatestSchemaVersion(), 1);
  EXPECT_FALSE(db.InTransaction());
}

TEST(SchemaTest, Migration1CreatesTablesAndIndexes) {
  Connection db = Connection::Open(":memory:");
  db.RunScript(std::string(Migrations()[0]));
  EXPECT_EQ(SchemaObjects(db, "table"), (std::set<std::string>{"clients", "pools", "signing_keys",
                                                               "user_attributes", "users"}));
  EXPECT_EQ(
      SchemaObjects(db, "index"),
      (std::set<std::string>{"clients_by_pool", "user_attributes_by_value", "users_by_enabled",
                             "users_by_lower", "users_by_status", "users_by_sub"}));
}

TEST(SchemaTest, Migration2AddsSessionAndTokenTables) {
  Connection db = Connection::Open(":memory:");
  MigrateTo(db, 2);
  std::set<std::string> tables = SchemaObjects(db, "table");
  for (const char* table : {"auth_sessions", "refresh_tokens", "revoked_origins"}) {
    EXPECT_EQ(tables.count(table), 1u) << table;
  }
  std::set<std::string> indexes = SchemaObjects(db, "index");
  for (const char* index :
       {"auth_sessions_by_secret_block", "auth_sessions_by_expiry", "auth_sessions_by_pool",
        "refresh_tokens_by_sub", "refresh_tokens_by_expiry", "revoked_origins_by_expiry"}) {
    EXPECT_EQ(indexes.count(index), 1u) << index;
  }
}

TEST(SchemaTest, Migration10ReplacesStoredRefreshTokens) {
  Connection db = Connection::Open(":memory:");
  ASSERT_GE(LatestSchemaVersion(), 10);
  MigrateTo(db, 9);
  db.RunScript(
      "INSERT INTO pools VALUES ('p1', 'n', '{}', 1, 1, 7);"
      "INSERT INTO refresh_tokens VALUES (x'01', 'p1', 'c', 'u', 's', 'o', 1, '', 1, 9, 0, 0);"
      "INSERT INTO revoked_origins VALUES ('p1', 'o', 9);");
  ApplyMigrations(db);
  std::set<std::string> tables = SchemaObjects(db, "table");
  EXPECT_EQ(tables.count("refresh_tokens"), 0u);
  EXPECT_EQ(tables.count("replaced_refresh_tokens"), 1u);
  EXPECT_EQ(tables.count("sign_outs"), 1u);
  std::set<std::string> indexes = SchemaObjects(db, "index");
  EXPECT_EQ(indexes.count("refresh_tokens_by_sub"), 0u);
  EXPECT_EQ(indexes.count("replaced_refresh_tokens_by_expiry"), 1u);
  EXPECT_EQ(indexes.count("replaced_refresh_tokens_by_pool"), 1u);
  Statement kept = db.Prepare("SELECT count(*) FROM revoked_origins");
  ASSERT_TRUE(kept.Step());
  EXPECT_EQ(kept.Int(0), 1) << "revocations of access tokens still in use stay";
}

TEST(SchemaTest, Migration8MovesPasswordsOutOfUsers) {
  Connection db = Connection::Open(":memory:");
  ASSERT_GE(LatestSchemaVersion(), 8);
  MigrateTo(db, 7);
  db.RunScript(
      "INSERT INTO pools VALUES ('p1', 'n', '{}', 1, 1);"
      "INSERT INTO users VALUES ('p1', 'Ann', 'ann', 's1', 'CONFIRMED', 1, x'0102', x'aabb', 5,"
      " 6, 7);"
      "INSERT INTO users VALUES ('p1', 'Bob', 'bob', 's2', 'CONFIRMED', 1, x'', x'', 0, 6, 7);");
  EXPECT_EQ(ApplyMigrations(db), LatestSchemaVersion());
  Statement moved = db.Prepare(
      "SELECT pool_id, username, hex(salt), hex(verifier) FROM user_passwords ORDER BY username");
  ASSERT_TRUE(moved.Step());
  EXPECT_EQ(moved.Text(1), "Ann");
  EXPECT_EQ(moved.Text(2), "0102");
  EXPECT_EQ(moved.Text(3), "AABB");
  EXPECT_FALSE(moved.Step()) << "a user without a password gets no row";
  Statement columns = db.Prepare("SELECT count(*) FROM pragma_table_info('users')"
                                 " WHERE name LIKE 'password_%'");
  ASSERT_TRUE(columns.Step());
  EXPECT_EQ(columns.Int(0), 1) << "only password_set_ms stays in users";
  Statement kept = db.Prepare("SELECT password_set_ms, created_ms FROM users WHERE username = 'Ann'");
  ASSERT_TRUE(kept.Step());
  EXPECT_EQ(kept.Int(0), 5);
  EXPECT_EQ(kept.Int(1), 6);
}

TEST(SchemaTest, Migration9GivesEveryPoolARevision) {
  Connection db = Connection::Open(":memory:");
  ASSERT_GE(LatestSchemaVersion(), 9);
  MigrateTo(db, 8);
  db.RunScript(
      "INSERT INTO pools VALUES ('p1', 'n', '{}', 1, 1);"
      "INSERT INTO pools VALUES ('p2', 'n', '{}', 1, 1);");
  EXPECT_EQ(ApplyMigrations(db), LatestSchemaVersion());
  Statement revisions = db.Prepare("SELECT count(DISTINCT revision) FROM pools");
  ASSERT_TRUE(revisions.Step());
  EXPECT_EQ(revisions.Int(0), 2) << "random, so one per pool";
}

TEST(SchemaTest, ApplyingTwiceIsANoOp) {
  Connection db = Connection::Open(":memory:");
  ApplyMigrations(db);
  db.RunScript("INSERT INTO signing_keys VALUES ('id', 'k', 'pem', 1)");
  EXPECT_EQ(ApplyMigrations(db), LatestSchemaVersion());
  Statement stmt = db.Prepare("SELECT count(*) FROM signing_keys");
  ASSERT_TRUE(stmt.Step());
  EXPECT_EQ(stmt.Int(0), 1);
}

TEST(SchemaTest, NewerDatabaseIsRejected) {
  Connection db = Connection::Open(":memory:");
  db.RunScript("PRAGMA user_version = " + std::to_string(LatestSchemaVersion() + 1));
  EXPECT_THROW(ApplyMigrations(db), StoreError);
  EXPECT_FALSE(db.InTransaction());
}

TEST(SchemaTest, FailedMigrationLeavesNothingBehind) {
  Connection db = Connection::Open(":memory:");
  // A clashing table makes migration 1 fail part-way: its earlier statements must roll back.
  db.RunScript("CREATE TABLE users (x)");
  EXPECT_THROW(ApplyMigrations(db), StoreError);
  EXPECT_EQ(ReadSchemaVersion(db), 0);
  EXPECT_EQ(SchemaObjects(db, "table"), (std::set<std::string>{"users"}));
  EXPECT_FALSE(db.InTransaction());
}

TEST(SchemaTest, RefusesToMigrateInsideTransaction) {
  Connection db = Connection::Open(":memory:");
  db.Run("BEGIN");
  EXPECT_THROW(ApplyMigrations(db), StoreError);
  db.Run("ROLLBACK");
}

TEST(SchemaTest, ReopeningAFileKeepsVersionAndData) {
  TempDbPath path;
  {
    auto store = Store::Open(path.path());
    EXPECT_EQ(store->SchemaVersion(), LatestSchemaVersion());
    store->InsertSigningKey(SigningKeyRecord{"id", "kid-1", "pem", 5});
  }
  auto store = Store::Open(path.path());
  EXPECT_EQ(store->SchemaVersion(), LatestSchemaVersion());
  EXPECT_EQ(store->SigningKeys().size(), 1u);
}

TEST(SchemaTest, ConcurrentOpensOfANewFileMigrateOnce) {
  TempDbPath path;
  constexpr int kThreads = 4;
  std::vector<int> versions(kThreads, -1);
  std::vector<std::string> errors(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        try {
          versions[static_cast<size_t>(i)] = Store::Open(path.path())->SchemaVersion();
        } catch (const StoreError& e) {
          errors[static_cast<size_t>(i)] = e.what();
        }
      });
    }
  }
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(errors[static_cast<size_t>(i)], "") << "thread " << i;
    EXPECT_EQ(versions[static_cast<size_t>(i)], LatestSchemaVersion()) << "thread " << i;
  }
}

}  // namespace
}  // namespace cognito::storage
