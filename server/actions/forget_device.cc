#include "server/actions/actions.h"
#include "server/actions/devices.h"
#include "server/actions/fields.h"
#include "server/actions/tokens.h"

namespace cognito::actions {

Json ForgetDevice(Context& ctx, const Json& input) {
  const auto owner = VerifyAccessToken(ctx, OptStr(input, "AccessToken").value_or(""));
  ForgetUserDevice(ctx, owner.user, Str(input, "DeviceKey"));
  return Json::object();
}

}  // namespace cognito::actions
