// Refresh tokens in use: REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken (tokens.md §6).
#pragma once

#include <string>

#include "server/actions/refresh_token.h"
#include "server/actions/sign_in.h"
#include "server/actions/tokens.h"

namespace cognito::actions {

struct RefreshedUser {
  RefreshClaims token;
  storage::UserRecord user;
};

// The token's claims and its user, checked: unreadable or another client's -> "Invalid Refresh
// Token"; revoked (RevokeToken, or a sign-out of the user at or after its sign-in) -> "Refresh
// Token has been revoked"; expired -> "Refresh Token has expired"; then the user must exist and
// be enabled. In pools that track devices, a token issued
// to a device refreshes only with that device's key (`device_key`, DEVICE_KEY / DeviceKey) and
// while the device is confirmed: "Invalid Refresh Token" otherwise.
RefreshedUser LoadRefreshToken(Context& ctx, const ClientScope& scope, const std::string& token,
                               const std::string& device_key);

}  // namespace cognito::actions
