// ID and access tokens (tokens.md §2-3), the AuthenticationResult that carries them, and the
// one shared access-token check used by every action that takes an AccessToken.
#pragma once

#include <string>

#include "server/actions/context.h"
#include "server/actions/settings.h"
#include "storage/records.h"

namespace cognito::actions {

// `iss` for a pool: "<issuer base>/<poolId>", the base defaulting to Cognito's own.
std::string Issuer(const Settings& settings, const std::string& pool_id);

struct SignIn {
  const storage::PoolRecord& pool;
  const storage::ClientRecord& client;
  const ClientSettings& client_settings;
  const storage::UserRecord& user;
};

// {"AccessToken","ExpiresIn","IdToken","RefreshToken","TokenType"} for a completed sign-in.
Json IssueTokens(Context& ctx, const SignIn& sign_in);

// A verified access token: the user it names, in the pool it was issued for.
struct AccessTokenOwner {
  storage::PoolRecord pool;
  storage::UserRecord user;
  std::string client_id;
};

// Checks signature, token_use, expiry, scope and pool; then that the user exists and is
// enabled. Throws NotAuthorizedException ("Invalid Access Token", "Access Token has expired",
// "User is disabled.") or UserNotFoundException.
AccessTokenOwner VerifyAccessToken(Context& ctx, const std::string& token);

}  // namespace cognito::actions
