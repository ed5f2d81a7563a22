#include "server/actions/actions.h"
#include "server/actions/devices.h"
#include "server/actions/fields.h"
#include "server/actions/tokens.h"

namespace cognito::actions {

Json GetDevice(Context& ctx, const Json& input) {
  const auto owner = VerifyAccessToken(ctx, OptStr(input, "AccessToken").value_or(""));
  return GetUserDevice(ctx, owner.user, Str(input, "DeviceKey"));
}

}  // namespace cognito::actions
