#include "server/actions/actions.h"
#include "server/actions/devices.h"
#include "server/actions/fields.h"

namespace cognito::actions {

Json AdminUpdateDeviceStatus(Context& ctx, const Json& input) {
  UpdateUserDeviceStatus(ctx, AdminDeviceOwner(ctx, input), input);
  return Json::object();
}

}  // namespace cognito::actions
