// Store: devices rows (round trip with binary salts and verifiers, duplicate keys, per-user
// listing in key order with paging, status and last-use updates, rows going with their user).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "storage/store.h"

namespace cognito::storage {
namespace {

constexpr const char* kPool = "us-east-1_pool";

UserRecord User(const std::string& username) {
  UserRecord user;
  user.pool_id = kPool;
  user.username = username;
  user.sub = "sub-" + username;
  user.status = "CONFIRMED";
  return user;
}

DeviceRecord Device(const std::string& key, const std::string& username) {
  DeviceRecord d;
  d.pool_id = kPool;
  d.device_key = key;
  d.username = username;
  d.group_key = "-AbCd3fGh";
  d.name = "phone";
  d.salt = std::string("\0\xbf\x01", 3);
  d.verifier = std::string("\x7f\0v", 3);
  d.remembered = true;
  d.created_ms = 10;
  d.modified_ms = 11;
  d.last_authenticated_ms = 12;
  return d;
}

class StoreDevicesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Store::Open(":memory:");
    store_->InsertPool(PoolRecord{kPool, "pool", "{}", 1, 2});
    ASSERT_TRUE(store_->InsertUser(User("ann")));
    ASSERT_TRUE(store_->InsertUser(User("bob")));
  }
  std::unique_ptr<Store> store_;
};

TEST_F(StoreDevicesTest, RoundTripsAndRefusesADuplicateKey) {
  EXPECT_FALSE(store_->GetDevice(kPool, "us-east-1_a"));
  ASSERT_TRUE(store_->InsertDevice(Device("us-east-1_a", "ann")));
  auto got = store_->GetDevice(kPool, "us-east-1_a");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->username, "ann");
  EXPECT_EQ(got->group_key, "-AbCd3fGh");
  EXPECT_EQ(got->name, "phone");
  EXPECT_EQ(got->salt, std::string("\0\xbf\x01", 3));
  EXPECT_EQ(got->verifier, std::string("\x7f\0v", 3));
  EXPECT_TRUE(got->remembered);
  EXPECT_EQ(got->created_ms, 10);
  EXPECT_EQ(got->modified_ms, 11);
  EXPECT_EQ(got->last_authenticated_ms, 12);
  DeviceRecord other = Device("us-east-1_a", "bob");
  EXPECT_FALSE(store_->InsertDevice(other));
  EXPECT_EQ(store_->GetDevice(kPool, "us-east-1_a")->username, "ann");
  EXPECT_FALSE(store_->GetDevice("us-east-1_other", "us-east-1_a"));
}

TEST_F(StoreDevicesTest, ListsAUsersDevicesInKeyOrderWithPaging) {
  for (const char* key : {"us-east-1_c", "us-east-1_a", "us-east-1_b"}) {
    ASSERT_TRUE(store_->InsertDevice(Device(key, "ann")));
  }
  ASSERT_TRUE(store_->InsertDevice(Device("us-east-1_0", "bob")));
  auto first = store_->ListDevices(kPool, "ann", "", 2);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].device_key, "us-east-1_a");
  EXPECT_EQ(first[1].device_key, "us-east-1_b");
  auto rest = store_->ListDevices(kPool, "ann", first[1].device_key, 2);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].device_key, "us-east-1_c");
  EXPECT_EQ(store_->ListDevices(kPool, "ann", "", 0).size(), 3u);
  EXPECT_EQ(store_->ListDevices(kPool, "bob", "", 0).size(), 1u);
}

TEST_F(StoreDevicesTest, UpdatesStatusAndLastUse) {
  ASSERT_TRUE(store_->InsertDevice(Device("us-east-1_a", "ann")));
  EXPECT_TRUE(store_->SetDeviceRemembered(kPool, "us-east-1_a", false, 50));
  EXPECT_TRUE(store_->TouchDevice(kPool, "us-east-1_a", 60));
  auto got = store_->GetDevice(kPool, "us-east-1_a");
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->remembered);
  EXPECT_EQ(got->modified_ms, 50);
  EXPECT_EQ(got->last_authenticated_ms, 60);
  EXPECT_FALSE(store_->SetDeviceRemembered(kPool, "us-east-1_x", true, 1));
  EXPECT_FALSE(store_->TouchDevice(kPool, "us-east-1_x", 1));
}

TEST_F(StoreDevicesTest, DeleteSucceedsOnceAndDevicesGoWithTheirUser) {
  EXPECT_THROW(store_->InsertDevice(Device("us-east-1_n", "nobody")), StoreError);
  ASSERT_TRUE(store_->InsertDevice(Device("us-east-1_a", "ann")));
  ASSERT_TRUE(store_->InsertDevice(Device("us-east-1_b", "ann")));
  EXPECT_TRUE(store_->DeleteDevice(kPool, "us-east-1_a"));
  EXPECT_FALSE(store_->DeleteDevice(kPool, "us-east-1_a"));
  UserRecord user = User("ann");
  user.status = "RESET_REQUIRED";
  store_->UpdateUser(user);
  EXPECT_TRUE(store_->GetDevice(kPool, "us-east-1_b"));
  EXPECT_TRUE(store_->DeleteUser(kPool, "ann"));
  EXPECT_FALSE(store_->GetDevice(kPool, "us-east-1_b"));
}

}  // namespace
}  // namespace cognito::storage
