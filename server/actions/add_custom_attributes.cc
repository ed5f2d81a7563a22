#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json AddCustomAttributes(Context& ctx, const Json& input) {
  storage::PoolRecord pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const Json* custom = OptMember(input, "CustomAttributes");
  const Json doc = WithCustomAttributes(ParseStoredDocument(pool.description_json),
                                        custom != nullptr ? *custom : Json::array());
  pool.description_json = doc.dump();
  pool.modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdatePool(pool);
  return Json::object();
}

}  // namespace cognito::actions
