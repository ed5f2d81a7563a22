#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/revocation.h"
#include "server/actions/settings.h"
#include "server/actions/users.h"

namespace cognito::actions {

// Deactivates the user and, as Cognito documents, revokes all their tokens.
Json AdminDisableUser(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  auto user = RequireUser(ctx, pool, ParsePoolSettings(pool), Str(input, "Username"));
  user.enabled = false;
  user.modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdateUser(user);
  SignOutEverywhere(ctx, pool.id, user.sub);
  return Json::object();
}

}  // namespace cognito::actions
