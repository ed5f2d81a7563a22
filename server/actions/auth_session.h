// Sign-in sessions (auth-flows.md §6): opaque random strings handed to the client, stored only
// as their hash, bound to pool, client, user and the challenge they expect, expiring after the
// client's AuthSessionValidity and single use once they have produced tokens.
#pragma once

#include <optional>
#include <string>

#include "server/actions/context.h"
#include "storage/records.h"

namespace cognito::actions {

struct SessionBinding {
  std::string pool_id;
  std::string client_id;
  std::string username;
};

// Stores a new session expecting `challenge` and returns the Session string. `secret_block`
// (SRP) makes the session reachable without the Session string too.
std::string StartSession(Context& ctx, const SessionBinding& binding, const std::string& challenge,
                         const Json& state, int64_t validity_seconds,
                         const std::string& secret_block = "");

struct OpenSession {
  storage::AuthSessionRecord record;
  Json state;
};

// Finds the session by its Session string, or (when `session` is empty) by the SRP secret block,
// and checks it: unknown -> "Invalid session for the user.", consumed -> "... can only be used
// once.", expired -> "... session is expired.", another client or challenge, or a secret block
// other than the one the session was issued with -> "Invalid session provided for the user."
// (NotAuthorizedException). An empty `client_id` accepts any client
// (AssociateSoftwareToken and VerifySoftwareToken carry no ClientId).
OpenSession LoadSession(Context& ctx, const std::string& session, const std::string& secret_block,
                        const std::string& client_id, const std::string& challenge);

// Stores `session.state` as the session's state, leaving it usable (a wrong code's attempt
// counter).
void SaveSessionState(Context& ctx, const OpenSession& session);

// Marks the session used: it produced tokens or was replaced by the next step's session. Its
// state is wiped, since SRP state holds a private exponent.
void ConsumeSession(Context& ctx, OpenSession& session);

}  // namespace cognito::actions
