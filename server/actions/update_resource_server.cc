#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/resource_servers.h"
#include "server/actions/settings.h"

namespace cognito::actions {

// Name and Scopes are replaced as given: Scopes left out leave the server without scopes.
Json UpdateResourceServer(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  RequireResourceServer(ctx, pool.id, Str(input, "Identifier"));
  const storage::ResourceServerRecord server = ResourceServerFromInput(pool.id, input);
  ctx.store.UpdateResourceServer(server);
  return Json{{"ResourceServer", ResourceServerDocument(server)}};
}

}  // namespace cognito::actions
