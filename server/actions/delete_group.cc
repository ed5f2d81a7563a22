#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/groups.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json DeleteGroup(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const auto group = RequireGroup(ctx, pool.id, Str(input, "GroupName"));
  ctx.store.DeleteGroup(pool.id, group.name);
  return Json::object();
}

}  // namespace cognito::actions
