#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json DeleteUserPoolClient(Context& ctx, const Json& input) {
  const storage::ClientRecord client =
      RequirePoolClient(ctx, Str(input, "UserPoolId"), Str(input, "ClientId"));
  ctx.store.DeleteClient(client.pool_id, client.client_id);
  return Json::object();
}

}  // namespace cognito::actions
