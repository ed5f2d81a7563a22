#include "auth/lockout.h"

#include <algorithm>

namespace cognito::auth {

namespace {

constexpr int64_t kIdleResetMs = PasswordLockout::kIdleResetSeconds * 1000;

int64_t LockMillis(int failures) {
  const int doublings = failures - PasswordLockout::kFreeFailures;
  // 2^10 s already exceeds the cap, so larger exponents need no arithmetic.
  const int64_t seconds =
      doublings >= 10 ? PasswordLockout::kMaxLockSeconds
                      : std::min<int64_t>(int64_t{1} << doublings, PasswordLockout::kMaxLockSeconds);
  return seconds * 1000;
}

}  // namespace

bool PasswordLockout::IsLocked(const std::string& key, int64_t now_ms) const {
  if (!enabled_) {
    return false;
  }
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  return it != entries_.end() && now_ms < it->second.locked_until_ms;
}

void PasswordLockout::RecordFailure(const std::string& key, int64_t now_ms) {
  if (!enabled_) {
    return;
  }
  std::lock_guard lock(mu_);
  Entry& entry = entries_[key];
  if (entry.failures > 0 && now_ms - entry.last_failure_ms >= kIdleResetMs) {
    entry = Entry{};
  }
  ++entry.failures;
  entry.last_failure_ms = now_ms;
  if (entry.failures >= kFreeFailures) {
    entry.locked_until_ms = now_ms + LockMillis(entry.failures);
  }
  if (entries_.size() >= sweep_at_) {
    SweepLocked(now_ms);
  }
}

void PasswordLockout::RecordSuccess(const std::string& key) {
  if (!enabled_) {
    return;
  }
  std::lock_guard lock(mu_);
  entries_.erase(key);
}

size_t PasswordLockout::Size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

void PasswordLockout::SweepLocked(int64_t now_ms) {
  std::erase_if(entries_, [now_ms](const auto& item) {
    return now_ms - item.second.last_failure_ms >= kIdleResetMs &&
           now_ms >= item.second.locked_until_ms;
  });
  // Sweep again only once the table has doubled past what survived.
  sweep_at_ = std::max<size_t>(1024, entries_.size() * 2);
}

}  // namespace cognito::auth
