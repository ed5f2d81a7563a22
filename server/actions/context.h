// What every action handler receives. A Context lives for one request; the Env it points to is
// shared by all worker threads and is immutable (Clock and Random are thread-safe).
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "auth/clock.h"
#include "auth/lockout.h"
#include "auth/random.h"
#include "storage/store.h"

namespace cognito::actions {

class KeyRing;
class TriggerInvoker;

struct Settings {
  std::string region = "us-east-1";
  // Base of the `iss` claim; the pool id is appended. Empty = the real Cognito form.
  std::string issuer_base;
  // When set (6 digits, --fixed-code), every code the emulator "sends" is this one.
  std::string fixed_code;
  // Brute-force lockout after repeated wrong passwords (--password-lockout).
  bool password_lockout = true;
};

struct Env {
  const auth::Clock& clock;
  auth::Random& random;
  const KeyRing& keys;
  auth::PasswordLockout& lockout;
  Settings settings;
  // Runs the pools' Lambda triggers; null when the emulator has no way to reach functions.
  TriggerInvoker* triggers = nullptr;
};

// A store write that an action may defer until its CPU-heavy work (RSA, SRP) is done, so that
// the write lock is held only for the writes themselves. It may throw CognitoError (e.g. a
// session consumed meanwhile), which fails the request.
using StoreWrite = std::function<void(storage::Store&)>;

struct Context {
  storage::Store& store;
  const Env& env;
  // Set only while applying a seed file: the id CreateUserPool / CreateUserPoolClient must use
  // instead of generating one.
  std::string fixed_id = {};
  // Actions run in the read-then-write mode queue their writes here (see Write).
  bool defer_writes = false;
  std::vector<StoreWrite> deferred = {};
  // Set by an action that fails on purpose after queuing writes that must outlive the failure
  // (a wrong code's attempt counter): the dispatcher then commits its writes before answering
  // with the CognitoError. Other exceptions never commit.
  bool commit_on_error = false;
  // Work that must run after the action's writes are committed and its database connection
  // is released (triggers such as PostConfirmation, which may call the emulator back). It may
  // throw CognitoError, which then becomes the answer although the writes stay committed.
  std::vector<std::function<void()>> after_commit = {};
  // The pools RequirePool has read for this request, kept so that it can hand out references
  // instead of copies (valid as long as the Context).
  std::vector<std::shared_ptr<const storage::PoolRecord>> pools = {};

  // Runs `write` now, or after the action when writes are deferred.
  void Write(StoreWrite write) {
    if (defer_writes) {
      deferred.push_back(std::move(write));
    } else {
      write(store);
    }
  }
};

using Json = nlohmann::json;
// An action: validated input in, output document out; failures throw CognitoError.
using ActionFn = Json (*)(Context& ctx, const Json& input);

}  // namespace cognito::actions
