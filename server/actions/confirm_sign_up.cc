#include "server/actions/actions.h"
#include "server/actions/auth_session.h"
#include "server/actions/fields.h"
#include "server/actions/self_service.h"
#include "server/actions/sign_in.h"
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
  // SignUp's Session (USER_AUTH clients): checked before the code is used.
  std::optional<OpenSession> sign_up;
  if (const auto session = OptStr(input, "Session")) {
    sign_up = LoadSession(ctx, *session, "", scope.client.client_id, kSignUpSession);
    if (sign_up->record.username != user->username) {
      throw CognitoError::NotAuthorized("Invalid session provided for the user.");
    }
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
  if (!sign_up) {
    return Json::object();
  }
  ConsumeSession(ctx, *sign_up);
  return Json{{"Session", StartSession(ctx, {scope.pool.id, scope.client.client_id, user->username},
                                       kConfirmedSignUpSession, Json::object(),
                                       scope.client_settings.auth_session_seconds)}};
}

}  // namespace cognito::actions
