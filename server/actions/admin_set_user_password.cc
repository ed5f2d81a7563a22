#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"
#include "server/actions/users.h"

namespace cognito::actions {

Json AdminSetUserPassword(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const PoolSettings settings = ParsePoolSettings(pool);
  auto user = RequireUser(ctx, pool, settings, Str(input, "Username"));
  SetPassword(ctx, settings, user, Str(input, "Password"), "Password does not conform to policy: ");
  user.status = OptBool(input, "Permanent").value_or(false) ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD";
  user.modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdateUser(user);
  return Json::object();
}

}  // namespace cognito::actions
