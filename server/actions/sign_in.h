// The sign-in pipeline shared by InitiateAuth and AdminInitiateAuth (auth-flows.md §1-2, §4.1):
// client and flow checks, SECRET_HASH, user resolution and the user-state gates, password
// check, and the token result.
#pragma once

#include <map>
#include <string>

#include "server/actions/context.h"

namespace cognito::actions {

enum class AuthApi { kPublic, kAdmin };

struct InitiateRequest {
  AuthApi api;
  std::string pool_id;  // AdminInitiateAuth only
  std::string client_id;
  std::string flow;
  std::map<std::string, std::string> parameters;
};

Json RunInitiateAuth(Context& ctx, const InitiateRequest& request);

}  // namespace cognito::actions
