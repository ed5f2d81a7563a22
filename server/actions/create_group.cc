#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/groups.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json CreateGroup(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const int64_t now = ctx.env.clock.NowMillis();
  storage::GroupRecord group{pool.id, Str(input, "GroupName"), OptStr(input, "Description").value_or(""),
                             OptStr(input, "RoleArn").value_or(""), OptInt(input, "Precedence"), now, now};
  if (!ctx.store.InsertGroup(group)) {
    throw CognitoError(ErrorCode::kGroupExists,
                       "A group with the name " + group.name + " already exists.");
  }
  return Json{{"Group", GroupDocument(group)}};
}

}  // namespace cognito::actions
