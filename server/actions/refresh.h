// Refresh tokens in use: REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken (tokens.md §6).
#pragma once

#include <string>

#include "server/actions/sign_in.h"
#include "server/actions/tokens.h"

namespace cognito::actions {

struct RefreshedUser {
  storage::RefreshTokenRecord token;
  storage::UserRecord user;
};

// The stored token and its user, checked: unknown, another client's or malformed -> "Invalid
// Refresh Token"; revoked -> "Refresh Token has been revoked"; expired -> "Refresh Token has
// expired"; then the user must exist and be enabled. In pools that track devices, a token issued
// to a device refreshes only with that device's key (`device_key`, DEVICE_KEY / DeviceKey) and
// while the device is confirmed: "Invalid Refresh Token" otherwise.
RefreshedUser LoadRefreshToken(Context& ctx, const ClientScope& scope, const std::string& token,
                               const std::string& device_key);

}  // namespace cognito::actions
