#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"
#include "server/actions/pool_mfa.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json GetUserPoolMfaConfig(Context& ctx, const Json& input) {
  const storage::PoolRecord& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  return MfaConfigAnswer(ParseStoredDocument(pool.description_json));
}

}  // namespace cognito::actions
