#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "storage/schema.h"
#include "storage/store.h"
#include "tests/unit/storage/temp_db.h"

namespace cognito::storage {
namespace {

using testing::TempDbPath;

// 32 raw bytes, like a SHA-256 digest; the NUL and high bytes check that hashes travel as BLOBs.
std::string Hash(char tag) {
  std::string hash(32, '\0');
  hash[0] = tag;
  hash[31] = '\xff';
  return hash;
}

PoolRecord Pool(const std::string& id) { return PoolRecord{id, "name-" + id, "{}", 1, 2}; }

AuthSessionRecord Session(const std::string& pool_id, char id, char secret_block,
                          int64_t expires_ms) {
  AuthSessionRecord session;
  session.id_hash = Hash(id);
  session.secret_block_hash = secret_block == 0 ? "" : Hash(secret_block);
  session.pool_id = pool_id;
  session.client_id = "client-1";
  session.username = "alice";
  session.challenge = "PASSWORD_VERIFIER";
  session.state_json = R"({"srp_b":"00ff"})";
  session.expires_ms = expires_ms;
  return session;
}

void ExpectSameSession(const AuthSessionRecord& got, const AuthSessionRecord& want) {
  EXPECT_EQ(got.id_hash, want.id_hash);
  EXPECT_EQ(got.secret_block_hash, want.secret_block_hash);
  EXPECT_EQ(got.pool_id, want.pool_id);
  EXPECT_EQ(got.client_id, want.client_id);
  EXPECT_EQ(got.username, want.username);
  EXPECT_EQ(got.challenge, want.challenge);
  EXPECT_EQ(got.state_json, want.state_json);
  EXPECT_EQ(got.expires_ms, want.expires_ms);
  EXPECT_EQ(got.consumed, want.consumed);
}

// A revoked origin alone: "nobody" never signs out.
bool OriginRevoked(Store& store, const std::string& pool_id, const std::string& origin_jti) {
  return store.IsSignInRevoked(pool_id, "nobody", origin_jti, 0);
}

// Reads one value of the raw table through a separate connection.
std::string SqlText(const std::string& path, const std::string& sql) {
  Connection db = Connection::Open(path);
  Statement stmt = db.Prepare(sql);
  EXPECT_TRUE(stmt.Step()) << sql;
  return stmt.Text(0);
}

class StoreTokensTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_->InsertPool(Pool("p1"));
    store_->InsertPool(Pool("p2"));
  }

  std::unique_ptr<Store> store_ = Store::Open(":memory:");
};

TEST(StoreTokensMigrationTest, OpeningAVersion1FileUpgradesItAndKeepsData) {
  TempDbPath path;
  {
    // Exactly what a build that only knew migration 1 left on disk.
    Connection db = Connection::Open(path.path());
    db.RunScript(std::string(Migrations()[0]));
    db.RunScript("PRAGMA user_version = 1");
    db.RunScript("INSERT INTO pools VALUES ('p1', 'old', '{}', 1, 2)");
    ASSERT_EQ(ReadSchemaVersion(db), 1);
  }
  auto store = Store::Open(path.path());
  EXPECT_EQ(store->SchemaVersion(), LatestSchemaVersion());
  ASSERT_NE(store->GetPool("p1"), nullptr);
  EXPECT_EQ(store->GetPool("p1")->name, "old");
  store->InsertAuthSession(Session("p1", 'a', 'b', 100));
  store->MarkRefreshTokenReplaced(Hash('t'), "p1", 50, 100);
  store->RecordSignOut("p1", "sub-1", 60);
  store->RevokeOrigin("p1", "o1", 100);
  EXPECT_TRUE(store->GetAuthSession(Hash('a')).has_value());
  EXPECT_EQ(store->RefreshTokenReplacedMs(Hash('t')), 50);
  EXPECT_EQ(store->SignedOutMs("p1", "sub-1"), 60);
  EXPECT_TRUE(OriginRevoked(*store, "p1", "o1"));
}

TEST_F(StoreTokensTest, AuthSessionRoundTrip) {
  AuthSessionRecord session = Session("p1", 'a', 'b', 500);
  store_->InsertAuthSession(session);
  std::optional<AuthSessionRecord> got = store_->GetAuthSession(Hash('a'));
  ASSERT_TRUE(got.has_value());
  ExpectSameSession(*got, session);
  EXPECT_FALSE(store_->GetAuthSession(Hash('z')).has_value());
  EXPECT_FALSE(store_->GetAuthSession("").has_value());
}

TEST_F(StoreTokensTest, AuthSessionInsertRejectsDuplicatesAndUnknownPool) {
  store_->InsertAuthSession(Session("p1", 'a', 'b', 500));
  EXPECT_THROW(store_->InsertAuthSession(Session("p1", 'a', 0, 500)), StoreError) << "same id";
  EXPECT_THROW(store_->InsertAuthSession(Session("p1", 'c', 'b', 500)), StoreError)
      << "same secret block";
  EXPECT_THROW(store_->InsertAuthSession(Session("nope", 'd', 0, 500)), StoreError)
      << "foreign key";
  // Sessions without a secret block do not collide with each other.
  store_->InsertAuthSession(Session("p1", 'e', 0, 500));
  store_->InsertAuthSession(Session("p1", 'f', 0, 500));
  EXPECT_EQ(store_->GetAuthSession(Hash('f'))->secret_block_hash, "");
}

TEST_F(StoreTokensTest, LookupBySecretBlock) {
  store_->InsertAuthSession(Session("p1", 'a', 'b', 500));
  store_->InsertAuthSession(Session("p1", 'c', 0, 500));
  std::optional<AuthSessionRecord> got = store_->GetAuthSessionBySecretBlock(Hash('b'));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->id_hash, Hash('a'));
  EXPECT_FALSE(store_->GetAuthSessionBySecretBlock(Hash('a')).has_value()) << "id is not a block";
  EXPECT_FALSE(store_->GetAuthSessionBySecretBlock("").has_value()) << "empty finds nothing";
}

TEST_F(StoreTokensTest, UpdateAuthSessionRewritesTheStepFields) {
  store_->InsertAuthSession(Session("p1", 'a', 'b', 500));
  AuthSessionRecord next = Session("p2", 'a', 'n', 900);
  next.client_id = "other-client";
  next.username = "mallory";
  next.challenge = "SOFTWARE_TOKEN_MFA";
  next.state_json = "{}";
  next.consumed = true;
  store_->UpdateAuthSession(next);

  std::optional<AuthSessionRecord> got = store_->GetAuthSession(Hash('a'));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->challenge, "SOFTWARE_TOKEN_MFA");
  EXPECT_EQ(got->state_json, "{}");
  EXPECT_EQ(got->expires_ms, 900);
  EXPECT_EQ(got->secret_block_hash, Hash('n'));
  // The binding and the consumed flag are not the Update's to change.
  EXPECT_EQ(got->pool_id, "p1");
  EXPECT_EQ(got->client_id, "client-1");
  EXPECT_EQ(got->username, "alice");
  EXPECT_FALSE(got->consumed);
  EXPECT_FALSE(store_->GetAuthSessionBySecretBlock(Hash('b')).has_value());
  EXPECT_TRUE(store_->GetAuthSessionBySecretBlock(Hash('n')).has_value());

  next.secret_block_hash = "";
  store_->UpdateAuthSession(next);
  EXPECT_FALSE(store_->GetAuthSessionBySecretBlock(Hash('n')).has_value());
  EXPECT_EQ(store_->GetAuthSession(Hash('a'))->secret_block_hash, "");

  EXPECT_THROW(store_->UpdateAuthSession(Session("p1", 'z', 0, 1)), StoreError);
}

TEST_F(StoreTokensTest, ConsumeSucceedsOnceAndHidesTheSecretBlock) {
  store_->InsertAuthSession(Session("p1", 'a', 'b', 500));
  EXPECT_TRUE(store_->ConsumeAuthSession(Hash('a')));
  EXPECT_FALSE(store_->ConsumeAuthSession(Hash('a'))) << "second consume";
  EXPECT_FALSE(store_->ConsumeAuthSession(Hash('z'))) << "unknown session";
  std::optional<AuthSessionRecord> got = store_->GetAuthSession(Hash('a'));
  ASSERT_TRUE(got.has_value());
  EXPECT_TRUE(got->consumed);
  EXPECT_EQ(got->secret_block_hash, "");
  EXPECT_FALSE(store_->GetAuthSessionBySecretBlock(Hash('b')).has_value());
  // The freed secret block may be used by a new session.
  store_->InsertAuthSession(Session("p1", 'c', 'b', 500));
  EXPECT_EQ(store_->GetAuthSessionBySecretBlock(Hash('b'))->id_hash, Hash('c'));
}

TEST_F(StoreTokensTest, DeleteAuthSession) {
  store_->InsertAuthSession(Session("p1", 'a', 'b', 500));
  EXPECT_TRUE(store_->DeleteAuthSession(Hash('a')));
  EXPECT_FALSE(store_->DeleteAuthSession(Hash('a')));
  EXPECT_FALSE(store_->GetAuthSession(Hash('a')).has_value());
  EXPECT_FALSE(store_->GetAuthSessionBySecretBlock(Hash('b')).has_value());
}

TEST(StoreTokensPurgeTest, PurgeAuthSessions) {
  struct Case {
    const char* label;
    int64_t before_ms;
    int limit;
    int64_t deleted;
    std::string remaining;  // ids left, in expiry order
  };
  // Sessions a..e expire at 10, 20, 30, 40, 50.
  const Case kCases[] = {
      {"limit caps the batch, oldest first", 35, 2, 2, "cde"},
      {"fewer expired than the limit", 35, 10, 3, "de"},
      {"expires_ms equal to before_ms is kept", 30, 10, 2, "cde"},
      {"non-positive limit means all", 35, 0, 3, "de"},
      {"nothing expired", 10, 10, 0, "abcde"},
  };
  for (const Case& c : kCases) {
    auto store = Store::Open(":memory:");
    store->InsertPool(Pool("p1"));
    // Inserted out of expiry order, so that insertion order cannot pass for age.
    for (char id : {'c', 'a', 'e', 'b', 'd'}) {
      store->InsertAuthSession(Session("p1", id, 0, 10 * (id - 'a' + 1)));
    }
    EXPECT_EQ(store->PurgeAuthSessions(c.before_ms, c.limit), c.deleted) << c.label;
    std::string remaining;
    for (char id = 'a'; id <= 'e'; ++id) {
      if (store->GetAuthSession(Hash(id))) {
        remaining += id;
      }
    }
    EXPECT_EQ(remaining, c.remaining) << c.label;
  }
}

TEST_F(StoreTokensTest, MarkRefreshTokenReplacedKeepsTheFirstTime) {
  EXPECT_EQ(store_->RefreshTokenReplacedMs(Hash('t')), 0) << "never replaced";
  EXPECT_TRUE(store_->MarkRefreshTokenReplaced(Hash('t'), "p1", 500, 9000));
  EXPECT_FALSE(store_->MarkRefreshTokenReplaced(Hash('t'), "p1", 700, 9000));
  EXPECT_EQ(store_->RefreshTokenReplacedMs(Hash('t')), 500);
  EXPECT_EQ(store_->RefreshTokenReplacedMs(Hash('u')), 0) << "only that token";
  EXPECT_THROW(store_->MarkRefreshTokenReplaced(Hash('v'), "nope", 1, 9), StoreError) << "fk";
}

TEST_F(StoreTokensTest, SignOutsArePerUserAndOnlyMoveForward) {
  EXPECT_EQ(store_->SignedOutMs("p1", "sub-a"), 0);
  store_->RecordSignOut("p1", "sub-a", 500);
  EXPECT_EQ(store_->SignedOutMs("p1", "sub-a"), 500);
  store_->RecordSignOut("p1", "sub-a", 400);
  EXPECT_EQ(store_->SignedOutMs("p1", "sub-a"), 500) << "an earlier time does not move it back";
  store_->RecordSignOut("p1", "sub-a", 800);
  EXPECT_EQ(store_->SignedOutMs("p1", "sub-a"), 800);
  EXPECT_EQ(store_->SignedOutMs("p1", "sub-b"), 0) << "other user";
  EXPECT_EQ(store_->SignedOutMs("p2", "sub-a"), 0) << "same sub, other pool";
  EXPECT_THROW(store_->RecordSignOut("nope", "sub-a", 1), StoreError) << "foreign key";
}

TEST_F(StoreTokensTest, IsSignInRevokedByOriginOrBySignOut) {
  EXPECT_FALSE(store_->IsSignInRevoked("p1", "sub-a", "o1", 100));
  store_->RevokeOrigin("p1", "o1", 9000);
  EXPECT_TRUE(store_->IsSignInRevoked("p1", "sub-a", "o1", 100));
  EXPECT_FALSE(store_->IsSignInRevoked("p1", "sub-a", "o2", 100)) << "another sign-in";
  EXPECT_FALSE(store_->IsSignInRevoked("p2", "sub-a", "o1", 100)) << "another pool";

  store_->RecordSignOut("p1", "sub-a", 500);
  EXPECT_TRUE(store_->IsSignInRevoked("p1", "sub-a", "o2", 499));
  EXPECT_TRUE(store_->IsSignInRevoked("p1", "sub-a", "o2", 500)) << "at the sign-out";
  EXPECT_FALSE(store_->IsSignInRevoked("p1", "sub-a", "o2", 501)) << "signed in after it";
  EXPECT_FALSE(store_->IsSignInRevoked("p1", "sub-b", "o2", 100)) << "another user";
  EXPECT_FALSE(store_->IsSignInRevoked("p2", "sub-a", "o2", 100)) << "another pool";
}

TEST_F(StoreTokensTest, DeletingAUserForgetsItsSignOut) {
  UserRecord user;
  user.pool_id = "p1";
  user.username = "ann";
  user.sub = "sub-a";
  user.status = "CONFIRMED";
  ASSERT_TRUE(store_->InsertUser(user));
  store_->RecordSignOut("p1", "sub-a", 500);
  store_->RecordSignOut("p1", "sub-b", 500);
  ASSERT_TRUE(store_->DeleteUser("p1", "ann"));
  EXPECT_EQ(store_->SignedOutMs("p1", "sub-a"), 0);
  EXPECT_EQ(store_->SignedOutMs("p1", "sub-b"), 500) << "only the deleted user's";
}

TEST_F(StoreTokensTest, RevokedOriginsArePerPoolAndOnlyExtend) {
  EXPECT_FALSE(OriginRevoked(*store_, "p1", "o1"));
  store_->RevokeOrigin("p1", "o1", 100);
  EXPECT_TRUE(OriginRevoked(*store_, "p1", "o1"));
  EXPECT_FALSE(OriginRevoked(*store_, "p2", "o1"));
  EXPECT_FALSE(OriginRevoked(*store_, "p1", "o2"));
  EXPECT_THROW(store_->RevokeOrigin("nope", "o1", 100), StoreError) << "foreign key";

  // An earlier expiry does not shorten it: a purge at 60 keeps it, one at 101 removes it.
  store_->RevokeOrigin("p1", "o1", 50);
  EXPECT_EQ(store_->PurgeTokens(60, 0), 0);
  EXPECT_TRUE(OriginRevoked(*store_, "p1", "o1"));
  store_->RevokeOrigin("p1", "o1", 200);
  EXPECT_EQ(store_->PurgeTokens(101, 0), 0) << "extended to 200";
  EXPECT_EQ(store_->PurgeTokens(201, 0), 1);
  EXPECT_FALSE(OriginRevoked(*store_, "p1", "o1"));
}

TEST_F(StoreTokensTest, PurgeTokensDeletesUpToLimitFromEachTable) {
  for (char hash : {'a', 'b', 'c'}) {
    int64_t expires = 10 * (hash - 'a' + 1);
    store_->MarkRefreshTokenReplaced(Hash(hash), "p1", 1, expires);
    store_->RevokeOrigin("p1", std::string(1, hash), expires);
  }
  EXPECT_EQ(store_->PurgeTokens(25, 1), 2) << "one of each";
  EXPECT_EQ(store_->RefreshTokenReplacedMs(Hash('a')), 0);
  EXPECT_FALSE(OriginRevoked(*store_, "p1", "a"));
  EXPECT_EQ(store_->RefreshTokenReplacedMs(Hash('b')), 1);
  EXPECT_TRUE(OriginRevoked(*store_, "p1", "b"));
  EXPECT_EQ(store_->PurgeTokens(25, 1), 2);
  EXPECT_EQ(store_->PurgeTokens(25, 1), 0) << "expires_ms 30 is not before 25";
  EXPECT_EQ(store_->RefreshTokenReplacedMs(Hash('c')), 1);
  EXPECT_TRUE(OriginRevoked(*store_, "p1", "c"));
  EXPECT_EQ(store_->PurgeTokens(31, 0), 2) << "non-positive limit means all";
}

TEST_F(StoreTokensTest, DeletePoolCascades) {
  store_->InsertAuthSession(Session("p1", 'a', 'b', 500));
  store_->MarkRefreshTokenReplaced(Hash('t'), "p1", 1, 500);
  store_->RecordSignOut("p1", "sub-1", 500);
  store_->RevokeOrigin("p1", "o1", 500);
  store_->InsertAuthSession(Session("p2", 'c', 'd', 500));
  store_->MarkRefreshTokenReplaced(Hash('u'), "p2", 1, 500);
  store_->RecordSignOut("p2", "sub-1", 500);
  store_->RevokeOrigin("p2", "o1", 500);

  ASSERT_TRUE(store_->DeletePool("p1"));
  EXPECT_FALSE(store_->GetAuthSession(Hash('a')).has_value());
  EXPECT_FALSE(store_->GetAuthSessionBySecretBlock(Hash('b')).has_value());
  EXPECT_EQ(store_->RefreshTokenReplacedMs(Hash('t')), 0);
  EXPECT_EQ(store_->SignedOutMs("p1", "sub-1"), 0);
  EXPECT_FALSE(OriginRevoked(*store_, "p1", "o1"));
  EXPECT_TRUE(store_->GetAuthSession(Hash('c')).has_value());
  EXPECT_EQ(store_->RefreshTokenReplacedMs(Hash('u')), 1);
  EXPECT_EQ(store_->SignedOutMs("p2", "sub-1"), 500);
  EXPECT_TRUE(OriginRevoked(*store_, "p2", "o1"));
  // A re-created pool of the same id starts without the old revocations, and the old ids and
  // secret block are free again.
  store_->InsertPool(Pool("p1"));
  EXPECT_FALSE(OriginRevoked(*store_, "p1", "o1"));
  store_->InsertAuthSession(Session("p1", 'a', 'b', 500));
  EXPECT_TRUE(store_->MarkRefreshTokenReplaced(Hash('t'), "p1", 1, 500));
}

TEST_F(StoreTokensTest, WritesRollBackWithTheTransaction) {
  {
    Store::Transaction txn(*store_, true);
    store_->InsertAuthSession(Session("p1", 'a', 'b', 500));
    store_->MarkRefreshTokenReplaced(Hash('t'), "p1", 1, 500);
    store_->RecordSignOut("p1", "sub-1", 500);
    store_->RevokeOrigin("p1", "o1", 500);
    EXPECT_EQ(store_->PurgeTokens(1000, 0), 2) << "purge runs inside the transaction";
  }
  EXPECT_FALSE(store_->GetAuthSession(Hash('a')).has_value());
  EXPECT_EQ(store_->SignedOutMs("p1", "sub-1"), 0);
}

TEST(StoreTokensFileTest, HashesAreBlobsAndAMissingSecretBlockIsNull) {
  TempDbPath path;
  auto store = Store::Open(path.path());
  store->InsertPool(Pool("p1"));
  store->InsertAuthSession(Session("p1", 'a', 0, 500));
  store->MarkRefreshTokenReplaced(Hash('t'), "p1", 1, 500);
  EXPECT_EQ(SqlText(path.path(),
                    "SELECT typeof(id_hash) || ',' || typeof(secret_block_hash)"
                    " FROM auth_sessions"),
            "blob,null");
  EXPECT_EQ(SqlText(path.path(), "SELECT typeof(token_hash) FROM replaced_refresh_tokens"), "blob");
}

TEST(StoreTokensFileTest, TwoStoresOnOneFileSeeEachOthersWrites) {
  TempDbPath path;
  auto first = Store::Open(path.path());
  auto second = Store::Open(path.path());
  first->InsertPool(Pool("p1"));
  first->InsertAuthSession(Session("p1", 'a', 'b', 500));
  EXPECT_EQ(second->GetAuthSessionBySecretBlock(Hash('b'))->id_hash, Hash('a'));

  EXPECT_TRUE(second->ConsumeAuthSession(Hash('a')));
  EXPECT_FALSE(first->ConsumeAuthSession(Hash('a'))) << "consumed through the other store";
  EXPECT_FALSE(first->GetAuthSessionBySecretBlock(Hash('b')).has_value());

  {
    Store::Transaction txn(*second, true);
    second->RecordSignOut("p1", "sub-1", 500);
    second->RevokeOrigin("p1", "o1", 500);
    EXPECT_FALSE(OriginRevoked(*first, "p1", "o1")) << "uncommitted write leaked";
    EXPECT_EQ(first->SignedOutMs("p1", "sub-1"), 0) << "uncommitted write leaked";
    txn.Commit();
  }
  EXPECT_TRUE(OriginRevoked(*first, "p1", "o1"));
  EXPECT_EQ(first->SignedOutMs("p1", "sub-1"), 500);
}

TEST(StoreTokensFileTest, ConcurrentConsumesOfOneSessionHaveOneWinner) {
  TempDbPath path;
  constexpr int kThreads = 4;
  {
    auto store = Store::Open(path.path());
    store->InsertPool(Pool("p1"));
    store->InsertAuthSession(Session("p1", 'a', 'b', 500));
  }
  std::atomic<int> winners{0};
  std::atomic<int> errors{0};
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&] {
        try {
          if (Store::Open(path.path())->ConsumeAuthSession(Hash('a'))) {
            ++winners;
          }
        } catch (const StoreError&) {
          ++errors;
        }
      });
    }
  }
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(winners.load(), 1);
}

}  // namespace
}  // namespace cognito::storage
