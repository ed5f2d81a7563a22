// Store: user_codes rows (round trip with binary salts and hashes, overwrite, single-use
// delete, rows going with their user).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "storage/store.h"

namespace cognito::storage {
namespace {

UserRecord User(const std::string& username) {
  UserRecord user;
  user.pool_id = "us-east-1_pool";
  user.username = username;
  user.sub = "sub-" + username;
  user.status = "UNCONFIRMED";
  return user;
}

UserCodeRecord Code(const std::string& username, const std::string& purpose) {
  UserCodeRecord code;
  code.pool_id = "us-east-1_pool";
  code.username = username;
  code.purpose = purpose;
  code.attribute = "email";
  code.salt = std::string("s\0\xff", 3);
  code.hash = std::string("\0h\x80", 3);
  code.expires_ms = 1234;
  code.attempts = 2;
  return code;
}

class StoreCodesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Store::Open(":memory:");
    store_->InsertPool(PoolRecord{"us-east-1_pool", "pool", "{}", 1, 2});
    ASSERT_TRUE(store_->InsertUser(User("ann")));
  }
  std::unique_ptr<Store> store_;
};

TEST_F(StoreCodesTest, RoundTripsAndOverwrites) {
  EXPECT_FALSE(store_->GetUserCode("us-east-1_pool", "ann", "signup"));
  store_->PutUserCode(Code("ann", "signup"));
  auto got = store_->GetUserCode("us-east-1_pool", "ann", "signup");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->attribute, "email");
  EXPECT_EQ(got->salt, std::string("s\0\xff", 3));
  EXPECT_EQ(got->hash, std::string("\0h\x80", 3));
  EXPECT_EQ(got->previous_salt, "");
  EXPECT_EQ(got->expires_ms, 1234);
  EXPECT_EQ(got->attempts, 2);
  EXPECT_FALSE(store_->GetUserCode("us-east-1_pool", "ann", "password"));

  UserCodeRecord next = Code("ann", "signup");
  next.previous_salt = got->salt;
  next.previous_hash = got->hash;
  next.attempts = 0;
  store_->PutUserCode(next);
  got = store_->GetUserCode("us-east-1_pool", "ann", "signup");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->previous_hash, std::string("\0h\x80", 3));
  EXPECT_EQ(got->attempts, 0);
}

TEST_F(StoreCodesTest, DeleteSucceedsOnce) {
  store_->PutUserCode(Code("ann", "password"));
  EXPECT_TRUE(store_->DeleteUserCode("us-east-1_pool", "ann", "password"));
  EXPECT_FALSE(store_->DeleteUserCode("us-east-1_pool", "ann", "password"));
}

TEST_F(StoreCodesTest, CodesGoWithTheirUser) {
  EXPECT_THROW(store_->PutUserCode(Code("nobody", "signup")), StoreError);
  store_->PutUserCode(Code("ann", "signup"));
  UserRecord user = User("ann");
  user.status = "CONFIRMED";
  store_->UpdateUser(user);
  EXPECT_TRUE(store_->GetUserCode("us-east-1_pool", "ann", "signup"));
  EXPECT_TRUE(store_->DeleteUser("us-east-1_pool", "ann"));
  EXPECT_FALSE(store_->GetUserCode("us-east-1_pool", "ann", "signup"));
}

}  // namespace
}  // namespace cognito::storage
