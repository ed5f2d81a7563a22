#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json UpdateUserPool(Context& ctx, const Json& input) {
  storage::PoolRecord pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const Json current = ParseStoredDocument(pool.description_json);
  pool.description_json = UpdatedPoolDocument(current, input).dump();
  if (std::optional<std::string> name = OptStr(input, "PoolName")) {
    pool.name = std::move(*name);
  }
  pool.modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdatePool(pool);
  return Json::object();
}

}  // namespace cognito::actions
