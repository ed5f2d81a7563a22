#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/resource_servers.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json DescribeResourceServer(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  return Json{{"ResourceServer", ResourceServerDocument(
                                     RequireResourceServer(ctx, pool.id, Str(input, "Identifier")))}};
}

}  // namespace cognito::actions
