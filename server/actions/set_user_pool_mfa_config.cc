#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"
#include "server/actions/pool_mfa.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json SetUserPoolMfaConfig(Context& ctx, const Json& input) {
  storage::PoolRecord pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const Json doc = WithMfaConfig(ParseStoredDocument(pool.description_json), input);
  pool.description_json = doc.dump();
  pool.modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdatePool(pool);
  return MfaConfigAnswer(doc);
}

}  // namespace cognito::actions
