// The one exception type of the storage library. Messages carry SQLite's error text and the
// operation that failed, never SQL parameter values (they may hold user data or secrets).
#pragma once

#include <stdexcept>

namespace cognito::storage {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// SQLITE_BUSY or SQLITE_LOCKED: another connection held a lock that the busy handler did not
// wait for; the same operation may succeed when tried again.
class StoreBusyError : public StoreError {
 public:
  using StoreError::StoreError;
};

}  // namespace cognito::storage
