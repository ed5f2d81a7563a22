#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/self_service.h"
#include "server/actions/triggers.h"
#include "server/actions/user_codes.h"
#include "server/actions/users.h"

namespace cognito::actions {

Json ConfirmSignUp(Context& ctx, const Json& input) {
  const ClientScope scope = OpenSelfService(ctx, input);
  auto user = FindUser(ctx, scope.pool, scope.pool_settings, Str(input, "Username"));
  if (!user) {
    if (scope.client_settings.prevent_user_existence_errors) {
      throw VerificationCodeMismatch();
    }
    throw UnknownUsernameForClient();
  }
  if (user->status != "UNCONFIRMED") {
    throw CognitoError::NotAuthorized("User cannot be confirmed. Current status is " +
                                      user->status);
  }
  const std::string attribute =
      ConsumeCode(ctx, *user, CodePurpose::kSignUp, Str(input, "ConfirmationCode"));
  // The code proves the attribute it was sent to.
  SetAttribute(*user, attribute + "_verified", "true");
  ReleaseAliases(ctx.store, scope.pool.id,
                 VerifiedAliasHolders(ctx, scope.pool, scope.pool_settings, *user,
                                      OptBool(input, "ForceAliasCreation").value_or(false)));
  user->status = "CONFIRMED";
  user->modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdateUser(*user);
  RunPostConfirmation(ctx, scope.pool, scope.pool_settings, *user, "PostConfirmation_ConfirmSignUp",
                      scope.client.client_id, input);
  return Json::object();
}

}  // namespace cognito::actions
