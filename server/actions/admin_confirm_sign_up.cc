#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"
#include "server/actions/triggers.h"
#include "server/actions/user_codes.h"
#include "server/actions/users.h"

namespace cognito::actions {

// Confirms without a code; unlike ConfirmSignUp it verifies no attribute.
Json AdminConfirmSignUp(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const PoolSettings settings = ParsePoolSettings(pool);
  auto user = RequireUser(ctx, pool, settings, Str(input, "Username"));
  if (user.status != "UNCONFIRMED") {
    throw CognitoError::NotAuthorized("User cannot be confirmed. Current status is " + user.status);
  }
  DropCode(ctx, user, CodePurpose::kSignUp);
  user.status = "CONFIRMED";
  user.modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdateUser(user);
  RunPostConfirmation(ctx, pool, settings, user, "PostConfirmation_ConfirmSignUp", kNoClient,
                      input);
  return Json::object();
}

}  // namespace cognito::actions
