#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"
#include "server/actions/users.h"

namespace cognito::actions {

Json AdminDeleteUser(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const auto user = RequireUser(ctx, pool, ParsePoolSettings(pool), Str(input, "Username"));
  ctx.store.DeleteUser(pool.id, user.username);
  return Json::object();
}

}  // namespace cognito::actions
