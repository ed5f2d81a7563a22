#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/resource_servers.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json CreateResourceServer(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const storage::ResourceServerRecord server = ResourceServerFromInput(pool.id, input);
  if (ctx.store.ListResourceServers(pool.id, "", kMaxResourceServers).size() >=
      static_cast<size_t>(kMaxResourceServers)) {
    throw CognitoError(ErrorCode::kLimitExceeded,
                       "A user pool can have at most " + std::to_string(kMaxResourceServers) +
                           " resource servers.");
  }
  if (!ctx.store.InsertResourceServer(server)) {
    throw CognitoError::InvalidParameter("A resource server with the identifier " +
                                         server.identifier + " already exists in the user pool.");
  }
  return Json{{"ResourceServer", ResourceServerDocument(server)}};
}

}  // namespace cognito::actions
