#include "server/actions/actions.h"
#include "server/actions/client_document.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json UpdateUserPoolClient(Context& ctx, const Json& input) {
  const std::string pool_id = Str(input, "UserPoolId");
  const storage::PoolRecord& pool = RequirePool(ctx, pool_id);
  storage::ClientRecord client = RequirePoolClient(ctx, pool_id, Str(input, "ClientId"));
  const Json pool_doc = ParseStoredDocument(pool.description_json);
  // Members not given revert to their defaults; the name and secret are kept.
  client.description_json = NewClientDocument(input, pool_doc, ClientOperation::kUpdate).dump();
  if (std::optional<std::string> name = OptStr(input, "ClientName")) {
    client.name = std::move(*name);
  }
  client.modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdateClient(client);
  return {{"UserPoolClient", ClientDescription(client)}};
}

}  // namespace cognito::actions
