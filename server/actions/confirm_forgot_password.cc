#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/self_service.h"
#include "server/actions/triggers.h"
#include "server/actions/user_codes.h"
#include "server/actions/users.h"

namespace cognito::actions {

// A password that fails the policy rolls the whole request back, so the code stays usable.
// Tokens already issued stay valid (Cognito revokes nothing here).
Json ConfirmForgotPassword(Context& ctx, const Json& input) {
  const ClientScope scope = OpenSelfService(ctx, input);
  const bool hide = scope.client_settings.prevent_user_existence_errors;
  auto user = FindUser(ctx, scope.pool, scope.pool_settings, Str(input, "Username"));
  if (!user || (hide && !user->enabled)) {
    if (hide) {
      throw VerificationCodeMismatch();
    }
    throw UnknownUsernameForClient();
  }
  if (!user->enabled) {
    throw CognitoError::NotAuthorized("User is disabled.");
  }
  ConsumeCode(ctx, *user, CodePurpose::kPassword, Str(input, "ConfirmationCode"));
  SetPassword(ctx, scope.pool_settings, *user, Str(input, "Password"),
              "Password does not conform to policy: ");
  user->status = "CONFIRMED";
  user->modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdateUser(*user);
  RunPostConfirmation(ctx, scope.pool, scope.pool_settings, *user,
                      "PostConfirmation_ConfirmForgotPassword", scope.client.client_id, input);
  return Json::object();
}

}  // namespace cognito::actions
