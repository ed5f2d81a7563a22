#include "auth/lockout.h"

#include <gtest/gtest.h>

namespace cognito::auth {
namespace {

constexpr int64_t kSecond = 1000;

void Fail(PasswordLockout& lockout, int times, int64_t now_ms) {
  for (int i = 0; i < times; ++i) {
    lockout.RecordFailure("pool/alice", now_ms);
  }
}

TEST(PasswordLockoutTest, FourFailuresNeverLock) {
  PasswordLockout lockout;
  Fail(lockout, 4, 0);
  EXPECT_FALSE(lockout.IsLocked("pool/alice", 0));
}

TEST(PasswordLockoutTest, FifthFailureLocksForOneSecond) {
  PasswordLockout lockout;
  Fail(lockout, 5, 0);
  EXPECT_TRUE(lockout.IsLocked("pool/alice", 0));
  EXPECT_TRUE(lockout.IsLocked("pool/alice", kSecond - 1));
  EXPECT_FALSE(lockout.IsLocked("pool/alice", kSecond));
  EXPECT_FALSE(lockout.IsLocked("pool/bob", 0));
}

TEST(PasswordLockoutTest, EachLaterFailureDoublesTheLockUpToFifteenMinutes) {
  PasswordLockout lockout;
  int64_t now = 0;
  Fail(lockout, 4, now);
  int64_t expected = kSecond;
  for (int failure = 5; failure <= 20; ++failure) {
    lockout.RecordFailure("pool/alice", now);
    const int64_t lock = std::min<int64_t>(expected, 900 * kSecond);
    EXPECT_TRUE(lockout.IsLocked("pool/alice", now + lock - 1)) << failure;
    EXPECT_FALSE(lockout.IsLocked("pool/alice", now + lock)) << failure;
    // The next failure comes as soon as the lock ends, within the idle reset.
    now += std::min<int64_t>(lock, 899 * kSecond);
    expected *= 2;
  }
}

TEST(PasswordLockoutTest, SuccessForgetsTheFailures) {
  PasswordLockout lockout;
  Fail(lockout, 4, 0);
  lockout.RecordSuccess("pool/alice");
  Fail(lockout, 4, 0);
  EXPECT_FALSE(lockout.IsLocked("pool/alice", 0));
  EXPECT_EQ(lockout.Size(), 1u);
}

TEST(PasswordLockoutTest, FifteenIdleMinutesResetTheCount) {
  PasswordLockout lockout;
  Fail(lockout, 4, 0);
  Fail(lockout, 1, 900 * kSecond);
  EXPECT_FALSE(lockout.IsLocked("pool/alice", 900 * kSecond));
}

TEST(PasswordLockoutTest, DisabledNeverLocks) {
  PasswordLockout lockout(false);
  Fail(lockout, 50, 0);
  EXPECT_FALSE(lockout.IsLocked("pool/alice", 0));
  EXPECT_EQ(lockout.Size(), 0u);
}

TEST(PasswordLockoutTest, IdleEntriesAreSweptAsTheTableGrows) {
  PasswordLockout lockout;
  for (int i = 0; i < 1023; ++i) {
    lockout.RecordFailure("old-" + std::to_string(i), 0);
  }
  EXPECT_EQ(lockout.Size(), 1023u);
  lockout.RecordFailure("new", 901 * kSecond);
  EXPECT_EQ(lockout.Size(), 1u);
}

}  // namespace
}  // namespace cognito::auth
