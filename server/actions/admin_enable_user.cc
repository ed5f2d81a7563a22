#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"
#include "server/actions/users.h"

namespace cognito::actions {

Json AdminEnableUser(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  auto user = RequireUser(ctx, pool, ParsePoolSettings(pool), Str(input, "Username"));
  user.enabled = true;
  user.modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdateUser(user);
  return Json::object();
}

}  // namespace cognito::actions
