// SetUserSettings: the legacy way to turn SMS MFA on or off (MFAOptions).
#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/tokens.h"
#include "server/actions/user_mfa.h"

namespace cognito::actions {

Json SetUserSettings(Context& ctx, const Json& input) {
  const AccessTokenOwner owner = VerifyAccessToken(ctx, Str(input, "AccessToken"));
  ApplyMfaOptions(ctx, owner.user, input);
  return Json::object();
}

}  // namespace cognito::actions
