#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/self_service.h"
#include "server/actions/user_codes.h"
#include "server/actions/users.h"

namespace cognito::actions {

// With PreventUserExistenceErrors ENABLED, an unknown or disabled user and one without a verified
// destination all get simulated delivery details.
Json ForgotPassword(Context& ctx, const Json& input) {
  const ClientScope scope = OpenSelfService(ctx, input);
  const std::string username = Str(input, "Username");
  const bool hide = scope.client_settings.prevent_user_existence_errors;
  const Json simulated{{"CodeDeliveryDetails", SimulatedDeliveryDetails(username)}};
  auto user = FindUser(ctx, scope.pool, scope.pool_settings, username);
  if (!user) {
    if (hide) {
      return simulated;
    }
    throw UnknownUsernameForClient();
  }
  if (!user->enabled) {
    if (hide) {
      return simulated;
    }
    throw CognitoError::NotAuthorized("User is disabled.");
  }
  if (user->status == "FORCE_CHANGE_PASSWORD") {
    throw CognitoError::NotAuthorized("User password cannot be reset in the current state.");
  }
  const auto delivery = RecoveryDelivery(scope.pool, *user);
  if (!delivery) {
    if (hide) {
      return simulated;
    }
    throw CognitoError::InvalidParameter(
        "Cannot reset password for the user as there is no registered/verified email or "
        "phone_number");
  }
  return Json{{"CodeDeliveryDetails",
               IssueCode(ctx, scope.pool, *user, CodePurpose::kPassword, *delivery)}};
}

}  // namespace cognito::actions
