#include "server/actions/actions.h"
#include "server/actions/devices.h"
#include "server/actions/fields.h"

namespace cognito::actions {

Json AdminGetDevice(Context& ctx, const Json& input) {
  return GetUserDevice(ctx, AdminDeviceOwner(ctx, input), Str(input, "DeviceKey"));
}

}  // namespace cognito::actions
