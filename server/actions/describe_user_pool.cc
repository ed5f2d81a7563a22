#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json DescribeUserPool(Context& ctx, const Json& input) {
  const storage::PoolRecord& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  return {{"UserPool", PoolDescription(pool, ctx.store.CountUsers(pool.id))}};
}

}  // namespace cognito::actions
