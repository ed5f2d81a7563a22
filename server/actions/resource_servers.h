// Shared pieces of the resource-server actions (Create / Describe / Update / Delete /
// ListResourceServers): the ResourceServerType document, the Scopes list and the lookup.
#pragma once

#include <string>

#include "server/actions/context.h"
#include "storage/records.h"

namespace cognito::actions {

// Cognito's quota of resource servers per pool.
inline constexpr int kMaxResourceServers = 25;

// {UserPoolId, Identifier, Name, Scopes}.
Json ResourceServerDocument(const storage::ResourceServerRecord& server);
// The record a Create / UpdateResourceServer request describes. Scope names must be unique
// (InvalidParameterException otherwise).
storage::ResourceServerRecord ResourceServerFromInput(const std::string& pool_id,
                                                      const Json& input);
// ResourceNotFoundException when the pool has no resource server `identifier`.
storage::ResourceServerRecord RequireResourceServer(Context& ctx, const std::string& pool_id,
                                                    const std::string& identifier);

}  // namespace cognito::actions
