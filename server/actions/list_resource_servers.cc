#include <algorithm>

#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"
#include "server/actions/resource_servers.h"
#include "server/actions/settings.h"

namespace cognito::actions {

namespace {
constexpr const char* kTokenKind = "servers";
}  // namespace

// Ordered by identifier; MaxResults defaults to 50.
Json ListResourceServers(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const auto token = OptStr(input, "NextToken");
  const std::string after = token ? DecodePageToken(kTokenKind, *token) : "";
  const size_t limit = static_cast<size_t>(OptInt(input, "MaxResults").value_or(50));
  const auto servers = ctx.store.ListResourceServers(pool.id, after, static_cast<int>(limit) + 1);
  Json out{{"ResourceServers", Json::array()}};
  const size_t shown = std::min(servers.size(), limit);
  for (size_t i = 0; i < shown; ++i) {
    out["ResourceServers"].push_back(ResourceServerDocument(servers[i]));
  }
  if (servers.size() > shown) {
    out["NextToken"] = EncodePageToken(kTokenKind, servers[shown - 1].identifier);
  }
  return out;
}

}  // namespace cognito::actions
