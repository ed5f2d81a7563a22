#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/self_service.h"
#include "server/actions/triggers.h"
#include "server/actions/user_codes.h"
#include "server/actions/users.h"

namespace cognito::actions {

Json ResendConfirmationCode(Context& ctx, const Json& input) {
  const ClientScope scope = OpenSelfService(ctx, input);
  const std::string username = Str(input, "Username");
  const bool hide = scope.client_settings.prevent_user_existence_errors;
  auto user = FindUser(ctx, scope.pool, scope.pool_settings, username);
  if (!user || (hide && !user->enabled)) {
    if (hide) {
      return Json{{"CodeDeliveryDetails", SimulatedDeliveryDetails(username)}};
    }
    throw UnknownUsernameForClient();
  }
  if (!user->enabled) {
    throw CognitoError::NotAuthorized("User is disabled.");
  }
  if (user->status != "UNCONFIRMED") {
    throw CognitoError::InvalidParameter("User is already confirmed.");
  }
  const auto delivery = SignUpDelivery(scope.pool_settings, *user);
  if (!delivery) {
    throw CognitoError::InvalidParameter("Cannot resend codes. Auto verification not turned on.");
  }
  return Json{
      {"CodeDeliveryDetails", IssueCode(ctx, scope.pool, *user, CodePurpose::kSignUp, *delivery,
                                       {"CustomMessage_ResendCode", scope.client.client_id,
                                        ClientMetadataOf(input)})}};
}

}  // namespace cognito::actions
