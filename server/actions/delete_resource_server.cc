#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/resource_servers.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json DeleteResourceServer(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const std::string identifier = Str(input, "Identifier");
  RequireResourceServer(ctx, pool.id, identifier);
  ctx.store.DeleteResourceServer(pool.id, identifier);
  return Json::object();
}

}  // namespace cognito::actions
