// The PreTokenGeneration trigger (V1_0: ID-token claims and groups; V2_0 / V3_0: also the
// access token's claims and scopes) and how its answer changes the tokens.
#pragma once

#include <optional>
#include <vector>

#include "server/actions/tokens.h"

namespace cognito::actions {

using OrderedJson = nlohmann::ordered_json;

struct ClaimOverrides {
  Json id_add = Json::object();
  Json id_suppress = Json::array();
  Json access_add = Json::object();
  Json access_suppress = Json::array();
  Json scopes_add = Json::array();
  Json scopes_suppress = Json::array();
  std::optional<Json> groups;          // groupsToOverride
  std::optional<Json> roles;           // iamRolesToOverride
  std::optional<Json> preferred_role;  // a string, or null for none
};

// Runs the pool's PreTokenGeneration function for a sign-in about to get tokens, with the
// user's groups (by precedence); no overrides when the pool has none.
ClaimOverrides RunPreTokenGeneration(Context& ctx, const SignIn& sign_in,
                                     const std::vector<storage::GroupRecord>& groups);

// Suppresses, then adds or overrides, claims; claims Cognito reserves (iss, sub, exp, cognito:*
// ...) are left as they are.
void ApplyClaimOverrides(OrderedJson& claims, const Json& add, const Json& suppress);

// The access token's scope claim after scopesToSuppress and scopesToAdd.
std::string OverrideScopes(const std::string& scope, const ClaimOverrides& overrides);

}  // namespace cognito::actions
