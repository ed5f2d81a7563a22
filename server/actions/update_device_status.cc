#include "server/actions/actions.h"
#include "server/actions/devices.h"
#include "server/actions/fields.h"
#include "server/actions/tokens.h"

namespace cognito::actions {

Json UpdateDeviceStatus(Context& ctx, const Json& input) {
  const auto owner = VerifyAccessToken(ctx, Str(input, "AccessToken"));
  UpdateUserDeviceStatus(ctx, owner.user, input);
  return Json::object();
}

}  // namespace cognito::actions
