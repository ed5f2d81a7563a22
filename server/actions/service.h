// The emulator's request handler: validates AWS JSON 1.1 requests against the API model,
// dispatches them to the action functions, and serves the well-known JWKS / discovery
// documents. Owns the store pool and signing keys. Thread-safe: Handle() runs on many workers.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "auth/clock.h"
#include "auth/random.h"
#include "server/actions/api.h"
#include "server/actions/context.h"
#include "server/actions/group_commit.h"
#include "server/actions/key_ring.h"
#include "storage/store_pool.h"

namespace cognito::actions {

struct ActionEntry;

struct ServiceOptions {
  std::string db_path = ":memory:";
  size_t stores = 4;  // SQLite connections (forced to 1 for ":memory:")
  Settings settings;
  std::shared_ptr<TriggerInvoker> triggers;  // null: pools' triggers answer UnexpectedLambda
};

class Service final : public ApiHandler {
 public:
  // Opens the database (running migrations) and loads or creates the signing keys.
  Service(ServiceOptions options, const auth::Clock& clock, auth::Random& random);
  ~Service() override;

  ApiResponse Handle(const ApiRequest& request) override;
  // Read-only actions, the well-known documents and requests that fail before reaching an
  // action: one read transaction at most, no trigger, no signing.
  bool RunsInline(const ApiRequest& request) const override;

  // Convenience for tests and the seed loader: runs one action as a signed request would.
  ApiResponse Call(const std::string& action, const Json& input);

  // Applies a seed document (docs/configuration.md); idempotent. Throws CognitoError or
  // std::runtime_error naming the offending entry.
  void ApplySeed(const Json& seed);

 private:
  ApiResponse Handle(const ApiRequest& request, const std::string& fixed_id);
  ApiResponse Dispatch(const ApiRequest& request, const std::string& fixed_id);
  // Runs one action as a signed request; `fixed_id` as in Context.
  ApiResponse CallWithId(const std::string& action, const Json& input, const std::string& fixed_id);
  ApiResponse WellKnown(const std::string& target);
  // Runs the action, then its after-commit work once the store is released.
  Json Run(const ActionEntry& action, const Json& input, const std::string& fixed_id);
  Json RunInStore(const ActionEntry& action, const Json& input, const std::string& fixed_id,
                  std::vector<std::function<void()>>& after_commit);

  // Writers queue on stores_.writers() rather than in SQLite's busy-retry loop, which sleeps
  // and can time out ("database is locked") under load. Readers never take it (WAL).
  storage::StorePool stores_;
  // The read-then-write actions' deferred writes, committed in groups (group_commit.h).
  GroupCommit group_commit_;
  std::shared_ptr<TriggerInvoker> triggers_;
  KeyRing keys_;
  auth::PasswordLockout lockout_;
  Env env_;
};

// Builds an error response {"__type","message"} with the matching headers' values.
ApiResponse ErrorResponse(unsigned status, const std::string& type, const std::string& message);

}  // namespace cognito::actions
