// Brute-force protection of passwords as Cognito has it (auth-flows.md §4.1, wire.md): the first
// kFreeFailures wrong passwords in a row only fail; the kFreeFailures-th and every later one lock
// the user out for 2^(failures - kFreeFailures) seconds, at most kMaxLockSeconds. While locked,
// every attempt (right password or wrong) is refused without counting. A correct password
// clears the count; so do kIdleResetSeconds without a failure.
//
// The state is in memory only (a lockout lasts minutes; a restart forgives), keyed by the
// caller's string (pool id + internal username). Entries idle past the reset are swept when the
// table grows, so it stays bounded by the users that failed recently. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace cognito::auth {

class PasswordLockout {
 public:
  static constexpr int kFreeFailures = 5;
  static constexpr int64_t kMaxLockSeconds = 900;
  static constexpr int64_t kIdleResetSeconds = 900;

  // A disabled lockout never locks (docs/configuration.md: --password-lockout off).
  explicit PasswordLockout(bool enabled = true) : enabled_(enabled) {}

  // True while `key` is locked out at now_ms.
  bool IsLocked(const std::string& key, int64_t now_ms) const;
  // Counts a wrong password; may start a lock.
  void RecordFailure(const std::string& key, int64_t now_ms);
  // A correct password: forgets `key`.
  void RecordSuccess(const std::string& key);
  // Entries held (tests).
  size_t Size() const;

 private:
  struct Entry {
    int failures = 0;
    int64_t last_failure_ms = 0;
    int64_t locked_until_ms = 0;
  };
  void SweepLocked(int64_t now_ms);

  bool enabled_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  size_t sweep_at_ = 1024;
};

}  // namespace cognito::auth
