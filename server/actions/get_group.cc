#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/groups.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json GetGroup(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  return Json{{"Group", GroupDocument(RequireGroup(ctx, pool.id, Str(input, "GroupName")))}};
}

}  // namespace cognito::actions
