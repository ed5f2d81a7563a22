// ID and access tokens (tokens.md §2-3), the AuthenticationResult that carries them, and the
// one shared access-token check used by every action that takes an AccessToken.
#pragma once

#include <memory>
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
  // PreTokenGeneration's triggerSource, and the request's ClientMetadata when it is the
  // trigger's (null otherwise).
  const char* token_source = "TokenGeneration_Authentication";
  Json client_metadata = nullptr;
};

// What tokens of one sign-in share, kept across refreshes (tokens.md §2). origin_jti is a
// version 7 UUID: the sign-in's time, which GlobalSignOut's revocation compares with.
struct Grant {
  std::string origin_jti;
  int64_t auth_time_s = 0;
  std::string device_key;
};

// {"AccessToken","ExpiresIn","IdToken","RefreshToken","TokenType"} for a completed sign-in; the
// refresh token carries the grant sealed (refresh_token.h), so nothing is written. A non-empty
// `device_key` is the sign-in's device: the access token's `device_key` claim and the refresh
// token's device.
Json IssueTokens(Context& ctx, const SignIn& sign_in, const std::string& device_key = "");
// New ID and access tokens for an existing grant; with `new_refresh_token` also a new
// refresh token of the same grant (rotation).
Json RefreshTokens(Context& ctx, const SignIn& sign_in, const Grant& grant, bool new_refresh_token);
// SHA-256 of a token string: the form in which rotated-out refresh tokens are remembered.
std::string TokenHash(const std::string& token);

// A verified access token: the user it names, in the pool it was issued for.
struct AccessTokenOwner {
  std::shared_ptr<const storage::PoolRecord> pool;  // never null
  storage::UserRecord user;
  std::string client_id;
  std::string origin_jti;
  std::string device_key;  // the `device_key` claim; empty when the token has none
};

// Checks signature, token_use, expiry, revocation, scope and pool; then that the user exists and
// is enabled. Throws NotAuthorizedException ("Invalid Access Token", "Access Token has expired",
// "Access Token has been revoked", "User is disabled.") or UserNotFoundException.
AccessTokenOwner VerifyAccessToken(Context& ctx, const std::string& token);

}  // namespace cognito::actions
