// Store: user_mfa rows (round trip, upsert, cascades, single-use TOTP steps) and the outbox
// (ordering, filters, bounds, clearing), plus the upgrade from a version 2 file.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/schema.h"
#include "storage/store.h"
#include "tests/unit/storage/temp_db.h"

namespace cognito::storage {
namespace {

using testing::TempDbPath;

PoolRecord Pool(const std::string& id) { return PoolRecord{id, "name-" + id, "{}", 1, 2}; }

UserRecord User(const std::string& pool_id, const std::string& username) {
  UserRecord user;
  user.pool_id = pool_id;
  user.username = username;
  user.sub = "sub-" + pool_id + "-" + username;
  user.status = "CONFIRMED";
  return user;
}

UserMfaRecord Mfa(const std::string& pool_id, const std::string& username) {
  UserMfaRecord mfa;
  mfa.pool_id = pool_id;
  mfa.username = username;
  mfa.sms_enabled = true;
  mfa.totp_enabled = true;
  mfa.totp_preferred = true;
  mfa.email_preferred = false;
  mfa.email_enabled = true;
  // Raw key bytes with NUL and high bytes: they must travel as BLOBs.
  mfa.totp_secret = std::string("k\0\xff y", 5);
  mfa.totp_pending_secret = std::string("\0p", 2);
  mfa.totp_friendly_name = "phone";
  mfa.totp_last_step = 58907520;
  return mfa;
}

std::string Flags(const UserMfaRecord& m) {
  std::string s;
  for (bool b : {m.sms_enabled, m.sms_preferred, m.totp_enabled, m.totp_preferred, m.email_enabled,
                 m.email_preferred}) {
    s += b ? '1' : '0';
  }
  return s;
}

OutboxRecord Message(const std::string& pool_id, const std::string& username, int64_t created_ms) {
  return OutboxRecord{0,
                      pool_id,
                      username,
                      "SMS",
                      "+15550001111",
                      "mfa",
                      "123456",
                      "Your code is 123456",
                      created_ms,
                      created_ms + 180'000};
}

std::vector<int64_t> Ids(const std::vector<OutboxRecord>& messages) {
  std::vector<int64_t> ids;
  for (const auto& m : messages) {
    ids.push_back(m.id);
  }
  return ids;
}

constexpr int64_t kKeep = 10'000;

class StoreMfaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_->InsertPool(Pool("p1"));
    store_->InsertPool(Pool("p2"));
    ASSERT_TRUE(store_->InsertUser(User("p1", "ann")));
    ASSERT_TRUE(store_->InsertUser(User("p1", "bob")));
    ASSERT_TRUE(store_->InsertUser(User("p2", "ann")));
  }

  std::unique_ptr<Store> store_ = Store::Open(":memory:");
};

TEST_F(StoreMfaTest, UserMfaRoundTripAndUpsert) {
  EXPECT_FALSE(store_->GetUserMfa("p1", "ann").has_value());
  const UserMfaRecord mfa = Mfa("p1", "ann");
  store_->PutUserMfa(mfa);
  auto got = store_->GetUserMfa("p1", "ann");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(Flags(*got), "101110");
  EXPECT_EQ(got->totp_secret, mfa.totp_secret);
  EXPECT_EQ(got->totp_pending_secret, mfa.totp_pending_secret);
  EXPECT_EQ(got->totp_friendly_name, "phone");
  EXPECT_EQ(got->totp_last_step, 58907520);
  EXPECT_FALSE(store_->GetUserMfa("p2", "ann").has_value()) << "other pool";

  UserMfaRecord changed = *got;
  changed.sms_enabled = false;
  changed.totp_preferred = false;
  changed.email_preferred = true;
  changed.totp_pending_secret.clear();
  store_->PutUserMfa(changed);
  got = store_->GetUserMfa("p1", "ann");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(Flags(*got), "001011");
  EXPECT_EQ(got->totp_pending_secret, "");
}

TEST_F(StoreMfaTest, UserMfaNeedsTheUserAndGoesWithIt) {
  EXPECT_THROW(store_->PutUserMfa(Mfa("p1", "nobody")), StoreError);
  store_->PutUserMfa(Mfa("p1", "ann"));
  store_->PutUserMfa(Mfa("p1", "bob"));
  store_->PutUserMfa(Mfa("p2", "ann"));
  // Updating the user (attributes, status) keeps the row.
  UserRecord ann = User("p1", "ann");
  ann.status = "RESET_REQUIRED";
  store_->UpdateUser(ann);
  EXPECT_TRUE(store_->GetUserMfa("p1", "ann").has_value());
  ASSERT_TRUE(store_->DeleteUser("p1", "ann"));
  EXPECT_FALSE(store_->GetUserMfa("p1", "ann").has_value());
  EXPECT_TRUE(store_->GetUserMfa("p1", "bob").has_value());
  // A user created again under the same name starts with nothing.
  ASSERT_TRUE(store_->InsertUser(User("p1", "ann")));
  EXPECT_FALSE(store_->GetUserMfa("p1", "ann").has_value());
  ASSERT_TRUE(store_->DeletePool("p1"));
  EXPECT_FALSE(store_->GetUserMfa("p1", "bob").has_value());
  EXPECT_TRUE(store_->GetUserMfa("p2", "ann").has_value());
}

TEST_F(StoreMfaTest, TotpStepsAreSingleUse) {
  EXPECT_FALSE(store_->UseTotpStep("p1", "ann", 10)) << "no row";
  UserMfaRecord mfa = Mfa("p1", "ann");
  mfa.totp_last_step = 100;
  store_->PutUserMfa(mfa);
  struct Case {
    const char* label;
    int64_t step;
    bool want;
  };
  const Case cases[] = {{"earlier step", 99, false}, {"same step", 100, false},
                        {"next step", 101, true},    {"next step again", 101, false},
                        {"jump ahead", 200, true},   {"back inside the window", 199, false}};
  for (const auto& c : cases) {
    EXPECT_EQ(store_->UseTotpStep("p1", "ann", c.step), c.want) << c.label;
  }
  EXPECT_EQ(store_->GetUserMfa("p1", "ann")->totp_last_step, 200);
}

TEST_F(StoreMfaTest, OutboxListsNewestFirstWithFilters) {
  const int64_t a = store_->InsertOutbox(Message("p1", "ann", 1000), kKeep, 0);
  const int64_t b = store_->InsertOutbox(Message("p1", "bob", 1001), kKeep, 0);
  const int64_t c = store_->InsertOutbox(Message("p2", "ann", 1002), kKeep, 0);
  const int64_t d = store_->InsertOutbox(Message("p1", "ann", 1003), kKeep, 0);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_LT(c, d);
  struct Case {
    const char* label;
    std::string pool, user;
    int limit;
    std::vector<int64_t> want;
  };
  const std::vector<Case> cases = {
      {"everything", "", "", 0, {d, c, b, a}},
      {"one pool", "p1", "", 0, {d, b, a}},
      {"one user", "p1", "ann", 0, {d, a}},
      {"a username in any pool", "", "ann", 0, {d, c, a}},
      {"limit", "", "", 2, {d, c}},
      {"unknown pool", "p9", "", 0, {}},
  };
  for (const auto& cs : cases) {
    EXPECT_EQ(Ids(store_->ListOutbox(cs.pool, cs.user, cs.limit)), cs.want) << cs.label;
  }
  const auto newest = store_->ListOutbox("p1", "ann", 1);
  ASSERT_EQ(newest.size(), 1u);
  const OutboxRecord want = Message("p1", "ann", 1003);
  EXPECT_EQ(newest[0].medium, want.medium);
  EXPECT_EQ(newest[0].destination, want.destination);
  EXPECT_EQ(newest[0].purpose, want.purpose);
  EXPECT_EQ(newest[0].code, want.code);
  EXPECT_EQ(newest[0].message, want.message);
  EXPECT_EQ(newest[0].created_ms, 1003);
  EXPECT_EQ(newest[0].expires_ms, 181'003);
}

TEST_F(StoreMfaTest, OutboxKeepsTheNewestPerPoolAndDropsOldMessages) {
  for (int i = 0; i < 5; ++i) {
    store_->InsertOutbox(Message("p1", "ann", 1000 + i), 3, 0);
  }
  store_->InsertOutbox(Message("p2", "ann", 2000), 3, 0);
  auto p1 = store_->ListOutbox("p1", "", 0);
  ASSERT_EQ(p1.size(), 3u) << "only the newest 3 of p1";
  EXPECT_EQ(p1.back().created_ms, 1002);
  EXPECT_EQ(store_->ListOutbox("p2", "", 0).size(), 1u) << "other pools keep theirs";
  // Messages created before the cut-off go, in every pool.
  store_->InsertOutbox(Message("p2", "bob", 5000), 3, 2000);
  EXPECT_TRUE(store_->ListOutbox("p1", "", 0).empty());
  EXPECT_EQ(Ids(store_->ListOutbox("p2", "", 0)).size(), 2u);
}

TEST_F(StoreMfaTest, OutboxClearAndPoolDeletion) {
  store_->InsertOutbox(Message("p1", "ann", 1), kKeep, 0);
  store_->InsertOutbox(Message("p1", "bob", 2), kKeep, 0);
  store_->InsertOutbox(Message("p1", "bob", 3), kKeep, 0);
  store_->InsertOutbox(Message("p2", "ann", 4), kKeep, 0);
  store_->InsertOutbox(Message("p2", "bob", 5), kKeep, 0);
  EXPECT_EQ(store_->ClearOutbox("p1", "bob"), 2);
  EXPECT_EQ(store_->ClearOutbox("p1", "bob"), 0);
  ASSERT_TRUE(store_->DeletePool("p1"));
  EXPECT_EQ(store_->ListOutbox("p1", "", 0).size(), 0u) << "messages go with their pool";
  EXPECT_EQ(store_->ClearOutbox("", "ann"), 1);
  EXPECT_EQ(store_->ClearOutbox("", ""), 1);
  EXPECT_TRUE(store_->ListOutbox("", "", 0).empty());
}

TEST(StoreMfaMigrationTest, OpeningAVersion2FileUpgradesIt) {
  TempDbPath path;
  {
    Connection db = Connection::Open(path.path());
    db.RunScript(std::string(Migrations()[0]));
    db.RunScript(std::string(Migrations()[1]));
    db.RunScript("PRAGMA user_version = 2");
    db.RunScript("INSERT INTO pools VALUES ('p1', 'old', '{}', 1, 2)");
  }
  auto store = Store::Open(path.path());
  EXPECT_EQ(store->SchemaVersion(), LatestSchemaVersion());
  EXPECT_GE(LatestSchemaVersion(), 3);
  ASSERT_TRUE(store->InsertUser(User("p1", "ann")));
  store->PutUserMfa(Mfa("p1", "ann"));
  EXPECT_TRUE(store->GetUserMfa("p1", "ann").has_value());
  EXPECT_GT(store->InsertOutbox(Message("p1", "ann", 1), kKeep, 0), 0);
}

}  // namespace
}  // namespace cognito::storage
