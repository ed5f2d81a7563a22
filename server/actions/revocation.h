// Token revocation (tokens.md §6): a revoked refresh token can no longer refresh, and every
// access token of its sign-in (same origin_jti) answers "Access Token has been revoked".
#pragma once

#include <string>

#include "server/actions/context.h"
#include "server/actions/refresh_token.h"

namespace cognito::actions {

// Revokes one refresh token's sign-in: the token, the tokens rotation made from it, and the
// sign-in's access tokens.
void RevokeGrant(Context& ctx, const RefreshClaims& token);
// GlobalSignOut: revokes every sign-in of the user up to now.
void SignOutEverywhere(Context& ctx, const std::string& pool_id, const std::string& sub);
// Remembers that rotation replaced this refresh token, by its TokenHash (from its first
// replacement on).
void MarkReplaced(Context& ctx, const std::string& token_hash, const RefreshClaims& claims);

}  // namespace cognito::actions
