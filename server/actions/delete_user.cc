#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/tokens.h"

namespace cognito::actions {

// The signed-in user deletes itself. Its tokens stop working with it: every token check looks
// the user up (and a user created again under the name is another sub).
Json DeleteUser(Context& ctx, const Json& input) {
  const auto owner = VerifyAccessToken(ctx, Str(input, "AccessToken"));
  ctx.store.DeleteUser(owner.pool->id, owner.user.username);
  return Json::object();
}

}  // namespace cognito::actions
