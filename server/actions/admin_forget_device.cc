#include "server/actions/actions.h"
#include "server/actions/devices.h"
#include "server/actions/fields.h"

namespace cognito::actions {

Json AdminForgetDevice(Context& ctx, const Json& input) {
  ForgetUserDevice(ctx, AdminDeviceOwner(ctx, input), Str(input, "DeviceKey"));
  return Json::object();
}

}  // namespace cognito::actions
