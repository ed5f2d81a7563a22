#include "server/actions/actions.h"
#include "server/actions/devices.h"
#include "server/actions/fields.h"

namespace cognito::actions {

Json AdminListDevices(Context& ctx, const Json& input) {
  return ListUserDevices(ctx, AdminDeviceOwner(ctx, input), input);
}

}  // namespace cognito::actions
