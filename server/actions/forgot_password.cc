#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/self_service.h"
#include "server/actions/triggers.h"
#include "server/actions/user_codes.h"
#include "server/actions/user_migration.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

// The UserMigration trigger's user (nullopt without the trigger, or when the answer is
// unusable and the client hides user existence). The user stays even when no code can be sent.
std::optional<storage::UserRecord> Migrate(Context& ctx, const ClientScope& scope,
                                           const Json& input, const std::string& username) {
  try {
    auto user = MigrateUser(ctx, scope.pool, scope.pool_settings,
                            {"UserMigration_ForgotPassword", username, scope.client.client_id,
                             false, ClientMetadataOf(input), std::nullopt});
    ctx.commit_on_error = user.has_value();
    return user;
  } catch (const CognitoError& e) {
    if (e.code() == ErrorCode::kUserNotFound && scope.client_settings.prevent_user_existence_errors) {
      return std::nullopt;
    }
    throw;
  }
}

}  // namespace

// With PreventUserExistenceErrors ENABLED, an unknown or disabled user and one without a verified
// destination all get simulated delivery details.
Json ForgotPassword(Context& ctx, const Json& input) {
  const ClientScope scope = OpenSelfService(ctx, input);
  const std::string username = Str(input, "Username");
  const bool hide = scope.client_settings.prevent_user_existence_errors;
  const Json simulated{{"CodeDeliveryDetails", SimulatedDeliveryDetails(username)}};
  auto user = FindUser(ctx, scope.pool, scope.pool_settings, username);
  if (!user) {
    user = Migrate(ctx, scope, input, username);
  }
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
               IssueCode(ctx, scope.pool, *user, CodePurpose::kPassword, *delivery,
                         {"CustomMessage_ForgotPassword", scope.client.client_id,
                          ClientMetadataOf(input)})}};
}

}  // namespace cognito::actions
