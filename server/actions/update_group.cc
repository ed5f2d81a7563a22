#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/groups.h"
#include "server/actions/settings.h"

namespace cognito::actions {

// Members not given keep their values.
Json UpdateGroup(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  auto group = RequireGroup(ctx, pool.id, Str(input, "GroupName"));
  if (auto v = OptStr(input, "Description")) group.description = *v;
  if (auto v = OptStr(input, "RoleArn")) group.role_arn = *v;
  if (auto v = OptInt(input, "Precedence")) group.precedence = *v;
  group.modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdateGroup(group);
  return Json{{"Group", GroupDocument(group)}};
}

}  // namespace cognito::actions
