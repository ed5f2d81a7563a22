// The OpenID documents Cognito serves per pool: GET /<poolId>/.well-known/jwks.json and
// /<poolId>/.well-known/openid-configuration (tokens.md §4). Anything else is a 404 JSON answer.
#pragma once

#include <string>

#include "server/actions/api.h"
#include "server/actions/context.h"

namespace cognito::actions {

ApiResponse ServeWellKnown(Context& ctx, const std::string& path);

}  // namespace cognito::actions
