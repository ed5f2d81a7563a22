// The outbox (issue #5): the emulator sends nothing, so every message Cognito would have sent (MFA,
// sign-up and forgot-password codes; temporary passwords later) is recorded with its unmasked
// destination and code, logged in one info line without the code (codes are secrets: the value is
// logged only at debug level), and readable over HTTP outside the AWS API:
//   GET    /_emulator/outbox[?poolId=&username=]  -> {"messages":[...]}, newest first
//   DELETE /_emulator/outbox[?poolId=&username=]  -> {"deleted":n}
// The table keeps at most kOutboxKeepPerPool messages per pool and none older than a day.
// Thread rules: as for actions (one Context per request); ServeOutbox may run on any worker.
#pragma once

#include <cstdint>
#include <string>

#include "server/actions/api.h"
#include "server/actions/context.h"
#include "storage/store_pool.h"

namespace cognito::actions {

inline constexpr int64_t kOutboxKeepPerPool = 10'000;
inline constexpr int64_t kOutboxMaxAgeMs = 24LL * 3600 * 1000;
inline constexpr const char* kOutboxPath = "/_emulator/outbox";

struct OutgoingMessage {
  std::string pool_id;
  std::string username;
  std::string medium;  // "SMS" or "EMAIL"
  std::string destination;
  std::string purpose;  // "mfa", "signup" or "password"
  std::string code;
  std::string message;  // the text, code included
  int64_t validity_ms = 0;
};

inline constexpr size_t kCodeDigits = 6;
// A new one-time code of `digits` digits, or the configured fixed code (Settings::fixed_code).
std::string NewCode(Context& ctx, size_t digits = kCodeDigits);

// Queues the message into the outbox through ctx.Write (so it is recorded only if the request
// succeeds, or deliberately commits) and logs it when written.
void SendMessage(Context& ctx, const OutgoingMessage& message);

bool IsOutboxPath(const std::string& path);

// Answers GET / HEAD / DELETE on kOutboxPath (any other method: 405 JSON). `request.target`
// carries the query string; parameters are percent-decoded.
ApiResponse ServeOutbox(storage::StorePool& stores, const ApiRequest& request);

}  // namespace cognito::actions
