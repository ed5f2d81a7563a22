// Token revocation (tokens.md §6): a revoked refresh token can no longer refresh, and every
// access token of its sign-in (same origin_jti) answers "Access Token has been revoked".
#pragma once

#include <string>

#include "server/actions/context.h"
#include "storage/records.h"

namespace cognito::actions {

// Revokes one refresh token and its sign-in.
void RevokeGrant(Context& ctx, const storage::RefreshTokenRecord& token);
// GlobalSignOut: revokes every refresh token of the user and all their sign-ins.
void SignOutEverywhere(Context& ctx, const std::string& pool_id, const std::string& sub);

}  // namespace cognito::actions
