#include "server/actions/actions.h"
#include "server/actions/devices.h"
#include "server/actions/fields.h"
#include "server/actions/tokens.h"

namespace cognito::actions {

Json ListDevices(Context& ctx, const Json& input) {
  const auto owner = VerifyAccessToken(ctx, Str(input, "AccessToken"));
  return ListUserDevices(ctx, owner.user, input);
}

}  // namespace cognito::actions
