#include "storage/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "storage/schema.h"
#include "tests/unit/storage/temp_db.h"

namespace cognito::storage {
namespace {

using testing::TempDbPath;

PoolRecord Pool(const std::string& id) {
  return PoolRecord{id, "name-" + id, R"({"Policies":{}})", 1000, 2000};
}

ClientRecord Client(const std::string& pool_id, const std::string& client_id) {
  return ClientRecord{pool_id, client_id, "app-" + client_id, "", R"({"ExplicitAuthFlows":[]})",
                      3000, 4000};
}

UserRecord User(const std::string& pool_id, const std::string& username) {
  UserRecord user;
  user.pool_id = pool_id;
  user.username = username;
  user.sub = "sub-" + username;
  user.status = "CONFIRMED";
  user.attributes = {{"email", username + "@example.com"}};
  return user;
}

std::vector<std::string> PoolIds(const std::vector<PoolRecord>& pools) {
  std::vector<std::string> ids;
  for (const PoolRecord& pool : pools) {
    ids.push_back(pool.id);
  }
  return ids;
}

std::vector<std::string> ClientIds(const std::vector<ClientRecord>& clients) {
  std::vector<std::string> ids;
  for (const ClientRecord& client : clients) {
    ids.push_back(client.client_id);
  }
  return ids;
}

std::string JournalMode(const std::string& path) {
  Connection db = Connection::Open(path);
  Statement stmt = db.Prepare("PRAGMA journal_mode");
  EXPECT_TRUE(stmt.Step());
  return stmt.Text(0);
}

class StoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> store_ = Store::Open(":memory:");
};

TEST_F(StoreTest, OpenAppliesMigrations) {
  EXPECT_EQ(store_->SchemaVersion(), LatestSchemaVersion());
}

TEST(StoreFileTest, FileDatabaseUsesWal) {
  TempDbPath path;
  auto store = Store::Open(path.path());
  store->InsertPool(Pool("p1"));
  EXPECT_EQ(JournalMode(path.path()), "wal");
  EXPECT_TRUE(std::filesystem::exists(path.path() + "-wal"));
}

TEST(StoreFileTest, MissingParentDirectoryIsAnError) {
  EXPECT_THROW(Store::Open("/nonexistent-dir-for-cognito-test/store.db"), StoreError);
}

TEST(StoreFileTest, DataSurvivesCloseAndReopen) {
  TempDbPath path;
  {
    auto store = Store::Open(path.path());
    store->InsertPool(Pool("p1"));
    store->InsertClient(Client("p1", "c1"));
    ASSERT_TRUE(store->InsertUser(User("p1", "alice")));
  }
  auto store = Store::Open(path.path());
  EXPECT_EQ(store->SchemaVersion(), LatestSchemaVersion());
  ASSERT_NE(store->GetPool("p1"), nullptr);
  EXPECT_EQ(store->GetClient("c1")->name, "app-c1");
  EXPECT_EQ(store->GetUser("p1", "alice", true)->attributes.size(), 1u);
}

TEST(StoreFileTest, TwoStoresSeeEachOthersCommits) {
  TempDbPath path;
  auto first = Store::Open(path.path());
  auto second = Store::Open(path.path());
  first->InsertPool(Pool("p1"));
  EXPECT_NE(second->GetPool("p1"), nullptr);
  {
    Store::Transaction txn(*second, true);
    second->InsertPool(Pool("p2"));
    EXPECT_EQ(first->GetPool("p2"), nullptr) << "uncommitted write leaked";
    txn.Commit();
  }
  EXPECT_NE(first->GetPool("p2"), nullptr);
}

// Power loss cannot be staged here: this checks that a deferred-sync commit is visible at once,
// that another connection's SyncWal goes through, and that the commit is in the file after.
TEST(StoreFileTest, ACommitWithDeferredSyncIsKeptOnceTheWalIsSynced) {
  TempDbPath path;
  {
    auto writer = Store::Open(path.path());
    auto other = Store::Open(path.path());
    writer->DeferSync(true);
    {
      Store::Transaction txn(*writer, true);
      writer->InsertPool(Pool("p1"));
      txn.Commit();
    }
    writer->DeferSync(false);
    EXPECT_NE(other->GetPool("p1"), nullptr);
    EXPECT_NO_THROW(other->SyncWal());
    EXPECT_NO_THROW(writer->SyncWal());
  }
  auto store = Store::Open(path.path());
  EXPECT_NE(store->GetPool("p1"), nullptr);
}

TEST(StoreFileTest, DeferSyncIsRefusedInsideATransaction) {
  TempDbPath path;
  auto store = Store::Open(path.path());
  Store::Transaction txn(*store, true);
  EXPECT_THROW(store->DeferSync(true), StoreError);
}

TEST_F(StoreTest, SyncWalOfAnInMemoryStoreHasNothingToDo) {
  store_->InsertPool(Pool("p1"));
  EXPECT_NO_THROW(store_->SyncWal());
}

TEST(StoreFileTest, ReadTransactionSeesASnapshot) {
  TempDbPath path;
  auto reader = Store::Open(path.path());
  auto writer = Store::Open(path.path());
  writer->InsertPool(Pool("p1"));
  Store::Transaction txn(*reader, false);
  EXPECT_EQ(reader->ListPools("", 0).size(), 1u);
  writer->InsertPool(Pool("p2"));
  EXPECT_EQ(reader->ListPools("", 0).size(), 1u);
  txn.Commit();
  EXPECT_EQ(reader->ListPools("", 0).size(), 2u);
}

TEST_F(StoreTest, PoolCrud) {
  store_->InsertPool(Pool("p1"));
  const auto stored = store_->GetPool("p1");
  ASSERT_NE(stored, nullptr);
  EXPECT_EQ(stored->name, "name-p1");
  EXPECT_EQ(stored->description_json, R"({"Policies":{}})");
  EXPECT_EQ(stored->created_ms, 1000);
  EXPECT_EQ(stored->modified_ms, 2000);
  EXPECT_THROW(store_->InsertPool(Pool("p1")), StoreError);

  PoolRecord pool = *stored;
  pool.name = "renamed";
  pool.description_json = "{}";
  pool.modified_ms = 9000;
  store_->UpdatePool(pool);
  EXPECT_EQ(store_->GetPool("p1")->name, "renamed");
  EXPECT_EQ(store_->GetPool("p1")->modified_ms, 9000);
  EXPECT_THROW(store_->UpdatePool(Pool("missing")), StoreError);

  EXPECT_TRUE(store_->DeletePool("p1"));
  EXPECT_EQ(store_->GetPool("p1"), nullptr);
  EXPECT_FALSE(store_->DeletePool("p1"));
}

// Pools are remembered across the process by (id, revision); every write gives a new revision.
TEST(StoreFileTest, APoolUpdatedByAnotherStoreIsReadAfresh) {
  TempDbPath path;
  auto first = Store::Open(path.path());
  auto second = Store::Open(path.path());
  first->InsertPool(Pool("p1"));
  ASSERT_EQ(first->GetPool("p1")->description_json, R"({"Policies":{}})");
  PoolRecord changed = Pool("p1");
  changed.description_json = R"({"Policies":{"changed":true}})";
  second->UpdatePool(changed);
  EXPECT_EQ(first->GetPool("p1")->description_json, changed.description_json);
  EXPECT_EQ(second->GetPool("p1")->description_json, changed.description_json);
}

// GetPool hands out the remembered record itself; a write makes a new one and leaves the
// record a caller still holds as it was.
TEST_F(StoreTest, GetPoolSharesTheRecordUntilThePoolChanges) {
  EXPECT_EQ(store_->GetPool("p1"), nullptr);
  store_->InsertPool(Pool("p1"));
  const auto first = store_->GetPool("p1");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(store_->GetPool("p1"), first);
  PoolRecord changed = Pool("p1");
  changed.name = "renamed";
  store_->UpdatePool(changed);
  const auto second = store_->GetPool("p1");
  ASSERT_NE(second, nullptr);
  EXPECT_NE(second, first);
  EXPECT_EQ(second->name, "renamed");
  EXPECT_EQ(first->name, "name-p1");
  ASSERT_TRUE(store_->DeletePool("p1"));
  EXPECT_EQ(store_->GetPool("p1"), nullptr);
}

TEST_F(StoreTest, APoolDeletedAndCreatedAgainIsReadAfresh) {
  store_->InsertPool(Pool("p1"));
  ASSERT_EQ(store_->GetPool("p1")->name, "name-p1");
  ASSERT_TRUE(store_->DeletePool("p1"));
  PoolRecord again = Pool("p1");
  again.name = "second";
  again.description_json = "{}";
  store_->InsertPool(again);
  EXPECT_EQ(store_->GetPool("p1")->name, "second");
  EXPECT_EQ(store_->GetPool("p1")->description_json, "{}");
}

TEST_F(StoreTest, ARolledBackPoolUpdateLeavesTheStoredPool) {
  store_->InsertPool(Pool("p1"));
  ASSERT_EQ(store_->GetPool("p1")->name, "name-p1");
  {
    Store::Transaction txn(*store_, true);
    PoolRecord changed = Pool("p1");
    changed.name = "uncommitted";
    store_->UpdatePool(changed);
    EXPECT_EQ(store_->GetPool("p1")->name, "uncommitted");
  }
  EXPECT_EQ(store_->GetPool("p1")->name, "name-p1");
}

TEST(StoreFileTest, PoolsOfOneIdInTwoFilesStayApart) {
  TempDbPath path_a;
  TempDbPath path_b;
  auto a = Store::Open(path_a.path());
  auto b = Store::Open(path_b.path());
  PoolRecord in_b = Pool("p1");
  in_b.name = "in-b";
  a->InsertPool(Pool("p1"));
  b->InsertPool(in_b);
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(a->GetPool("p1")->name, "name-p1");
    EXPECT_EQ(b->GetPool("p1")->name, "in-b");
  }
}

TEST_F(StoreTest, ListPoolsPaginates) {
  for (const char* id : {"c", "a", "e", "b", "d"}) {
    store_->InsertPool(Pool(id));
  }
  EXPECT_EQ(PoolIds(store_->ListPools("", 2)), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(PoolIds(store_->ListPools("b", 2)), (std::vector<std::string>{"c", "d"}));
  EXPECT_EQ(PoolIds(store_->ListPools("d", 2)), (std::vector<std::string>{"e"}));
  EXPECT_TRUE(store_->ListPools("e", 2).empty());
  EXPECT_EQ(store_->ListPools("", 0).size(), 5u) << "non-positive limit = no limit";
}

TEST_F(StoreTest, ClientCrud) {
  store_->InsertPool(Pool("p1"));
  store_->InsertPool(Pool("p2"));
  ClientRecord client = Client("p1", "c1");
  client.secret = "s3cret";
  store_->InsertClient(client);
  std::optional<ClientRecord> got = store_->GetClient("c1");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->pool_id, "p1");
  EXPECT_EQ(got->secret, "s3cret");
  EXPECT_EQ(got->description_json, R"({"ExplicitAuthFlows":[]})");
  EXPECT_EQ(got->created_ms, 3000);
  EXPECT_EQ(got->modified_ms, 4000);
  EXPECT_THROW(store_->InsertClient(Client("p2", "c1")), StoreError) << "ids are global";
  EXPECT_THROW(store_->InsertClient(Client("nope", "c9")), StoreError) << "foreign key";

  got->name = "renamed";
  got->secret = "";
  store_->UpdateClient(*got);
  EXPECT_EQ(store_->GetClient("c1")->name, "renamed");
  EXPECT_EQ(store_->GetClient("c1")->secret, "");
  EXPECT_THROW(store_->UpdateClient(Client("p2", "c1")), StoreError) << "wrong pool";

  EXPECT_FALSE(store_->DeleteClient("p2", "c1")) << "client belongs to p1";
  EXPECT_TRUE(store_->DeleteClient("p1", "c1"));
  EXPECT_FALSE(store_->GetClient("c1").has_value());
}

TEST_F(StoreTest, ListClientsPaginatesWithinPool) {
  store_->InsertPool(Pool("p1"));
  store_->InsertPool(Pool("p2"));
  for (const char* id : {"c3", "c1", "c2"}) {
    store_->InsertClient(Client("p1", id));
  }
  store_->InsertClient(Client("p2", "c0"));
  EXPECT_EQ(ClientIds(store_->ListClients("p1", "", 2)), (std::vector<std::string>{"c1", "c2"}));
  EXPECT_EQ(ClientIds(store_->ListClients("p1", "c2", 2)), (std::vector<std::string>{"c3"}));
  EXPECT_EQ(ClientIds(store_->ListClients("p2", "", 10)), (std::vector<std::string>{"c0"}));
  EXPECT_TRUE(store_->ListClients("p3", "", 10).empty());
}

TEST_F(StoreTest, DeletePoolCascades) {
  store_->InsertPool(Pool("p1"));
  store_->InsertPool(Pool("p2"));
  store_->InsertClient(Client("p1", "c1"));
  store_->InsertClient(Client("p2", "c2"));
  ASSERT_TRUE(store_->InsertUser(User("p1", "alice")));
  ASSERT_TRUE(store_->InsertUser(User("p2", "alice")));
  ASSERT_TRUE(store_->DeletePool("p1"));
  EXPECT_FALSE(store_->GetClient("c1").has_value());
  EXPECT_FALSE(store_->GetUser("p1", "alice", true).has_value());
  EXPECT_EQ(store_->CountUsers("p1"), 0);
  // A re-created pool of the same id starts empty: no orphaned attribute rows come back.
  store_->InsertPool(Pool("p1"));
  ASSERT_TRUE(store_->InsertUser(User("p1", "alice")));
  EXPECT_EQ(store_->GetUser("p1", "alice", true)->attributes.size(), 1u);
  EXPECT_TRUE(store_->GetClient("c2").has_value());
  EXPECT_EQ(store_->CountUsers("p2"), 1);
}

TEST_F(StoreTest, SigningKeys) {
  EXPECT_TRUE(store_->SigningKeys().empty());
  store_->InsertSigningKey(SigningKeyRecord{"id", "kid-id", "-----BEGIN-----id", 10});
  store_->InsertSigningKey(SigningKeyRecord{"access", "kid-ac", "-----BEGIN-----ac", 20});
  std::vector<SigningKeyRecord> keys = store_->SigningKeys();
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].purpose, "access");
  EXPECT_EQ(keys[0].kid, "kid-ac");
  EXPECT_EQ(keys[0].private_key_pem, "-----BEGIN-----ac");
  EXPECT_EQ(keys[0].created_ms, 20);
  EXPECT_EQ(keys[1].purpose, "id");
  EXPECT_THROW(store_->InsertSigningKey(SigningKeyRecord{"id", "other", "pem", 30}), StoreError);
}

TEST_F(StoreTest, TransactionRollsBackUnlessCommitted) {
  {
    Store::Transaction txn(*store_, true);
    store_->InsertPool(Pool("p1"));
    EXPECT_NE(store_->GetPool("p1"), nullptr);
  }
  EXPECT_EQ(store_->GetPool("p1"), nullptr);
  {
    Store::Transaction txn(*store_, true);
    store_->InsertPool(Pool("p2"));
    txn.Commit();
    EXPECT_THROW(txn.Commit(), StoreError);
  }
  EXPECT_NE(store_->GetPool("p2"), nullptr);
}

TEST_F(StoreTest, TransactionsDoNotNest) {
  Store::Transaction outer(*store_, true);
  EXPECT_THROW(Store::Transaction(*store_, false), StoreError);
  store_->InsertPool(Pool("p1"));
  outer.Commit();
  EXPECT_NE(store_->GetPool("p1"), nullptr);
}

TEST_F(StoreTest, TransactionSurvivesFailedStatement) {
  store_->InsertPool(Pool("p1"));
  Store::Transaction txn(*store_, true);
  store_->InsertPool(Pool("p2"));
  EXPECT_THROW(store_->InsertPool(Pool("p1")), StoreError);
  txn.Commit();
  EXPECT_EQ(store_->ListPools("", 0).size(), 2u);
}

}  // namespace
}  // namespace cognito::storage
