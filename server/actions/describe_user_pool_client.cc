#include "server/actions/actions.h"
#include "server/actions/client_document.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json DescribeUserPoolClient(Context& ctx, const Json& input) {
  const storage::ClientRecord client =
      RequirePoolClient(ctx, Str(input, "UserPoolId"), Str(input, "ClientId"));
  return {{"UserPoolClient", ClientDescription(client)}};
}

}  // namespace cognito::actions
