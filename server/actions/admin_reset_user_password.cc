#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"
#include "server/actions/triggers.h"
#include "server/actions/user_codes.h"
#include "server/actions/users.h"

namespace cognito::actions {

// The password stops working (sign-in answers PasswordResetRequiredException) and a
// forgot-password code goes to the user's verified destination; ConfirmForgotPassword recovers.
Json AdminResetUserPassword(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const PoolSettings settings = ParsePoolSettings(pool);
  auto user = RequireUser(ctx, pool, settings, Str(input, "Username"));
  const auto delivery = RecoveryDelivery(pool, user);
  if (!delivery) {
    throw CognitoError::InvalidParameter(
        "Cannot reset password for the user as there is no registered/verified email or "
        "phone_number");
  }
  user.status = "RESET_REQUIRED";
  user.modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdateUser(user);
  IssueCode(ctx, pool, user, CodePurpose::kPassword, *delivery,
            {"CustomMessage_ForgotPassword", kNoClient, ClientMetadataOf(input)});
  return Json::object();
}

}  // namespace cognito::actions
