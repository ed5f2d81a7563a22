#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/groups.h"
#include "server/actions/settings.h"
#include "server/actions/users.h"

namespace cognito::actions {

Json AdminAddUserToGroup(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const auto user = RequireUser(ctx, pool, ParsePoolSettings(pool), Str(input, "Username"));
  const auto group = RequireGroup(ctx, pool.id, Str(input, "GroupName"));
  ctx.store.AddUserToGroup(pool.id, group.name, user.username);
  return Json::object();
}

}  // namespace cognito::actions
