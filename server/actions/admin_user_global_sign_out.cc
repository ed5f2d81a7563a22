#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/revocation.h"
#include "server/actions/settings.h"
#include "server/actions/users.h"

namespace cognito::actions {

Json AdminUserGlobalSignOut(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const auto user = RequireUser(ctx, pool, ParsePoolSettings(pool), Str(input, "Username"));
  SignOutEverywhere(ctx, pool.id, user.sub);
  return Json::object();
}

}  // namespace cognito::actions
