// AdminSetUserSettings: the legacy way to turn SMS MFA on or off (MFAOptions).
#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"
#include "server/actions/user_mfa.h"
#include "server/actions/users.h"

namespace cognito::actions {

Json AdminSetUserSettings(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const auto user = RequireUser(ctx, pool, ParsePoolSettings(pool), Str(input, "Username"));
  ApplyMfaOptions(ctx, user, input);
  return Json::object();
}

}  // namespace cognito::actions
