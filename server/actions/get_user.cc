#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/tokens.h"
#include "server/actions/users.h"

namespace cognito::actions {

Json GetUser(Context& ctx, const Json& input) {
  const auto owner = VerifyAccessToken(ctx, Str(input, "AccessToken"));
  return Json{{"Username", owner.user.username}, {"UserAttributes", AttributeList(owner.user)}};
}

}  // namespace cognito::actions
