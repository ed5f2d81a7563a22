#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json DeleteUserPool(Context& ctx, const Json& input) {
  const storage::PoolRecord& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const Json doc = ParseStoredDocument(pool.description_json);
  if (doc.value("DeletionProtection", std::string("INACTIVE")) == "ACTIVE") {
    throw CognitoError::InvalidParameter(
        "The user pool cannot be deleted because deletion protection is activated.");
  }
  // Deleting the pool row also removes its clients and users (Store contract).
  ctx.store.DeletePool(pool.id);
  return Json::object();
}

}  // namespace cognito::actions
