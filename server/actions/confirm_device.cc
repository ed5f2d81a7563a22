// ConfirmDevice: the signed-in user registers the device their sign-in was issued
// (NewDeviceMetadata, the access token's device_key) with its SRP salt and verifier.
#include "auth/crypto.h"
#include "auth/srp.h"
#include "server/actions/actions.h"
#include "server/actions/devices.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/tokens.h"

namespace cognito::actions {

namespace {

// A Base64 member of DeviceSecretVerifierConfig as raw bytes; empty when absent or not Base64.
std::string DecodedMember(const Json* config, const char* name) {
  if (config == nullptr) {
    return "";
  }
  auto raw = auth::Base64Decode(OptStr(*config, name).value_or(""));
  return raw ? *raw : "";
}

}  // namespace

Json ConfirmDevice(Context& ctx, const Json& input) {
  const auto owner = VerifyAccessToken(ctx, Str(input, "AccessToken"));
  const std::string device_key = Str(input, "DeviceKey");
  const PoolSettings settings = ParsePoolSettings(*owner.pool);
  if (!settings.device_tracking || owner.device_key.empty() || device_key != owner.device_key) {
    throw CognitoError::ResourceNotFound("Device does not exist.");
  }
  const Json* config = OptMember(input, "DeviceSecretVerifierConfig");
  const std::string salt = DecodedMember(config, "Salt");
  const std::string verifier = DecodedMember(config, "PasswordVerifier");
  if (salt.empty() || verifier.empty() || !auth::SrpIsValidA(verifier)) {
    throw CognitoError::InvalidParameter(
        "DeviceSecretVerifierConfig needs a Base64 Salt and PasswordVerifier.");
  }
  const int64_t now = ctx.env.clock.NowMillis();
  storage::DeviceRecord device{owner.pool->id,
                               device_key,
                               owner.user.username,
                               DeviceGroupKey(owner.user),
                               OptStr(input, "DeviceName").value_or(""),
                               salt,
                               verifier,
                               !settings.device_remembered_on_prompt,
                               now,
                               now,
                               now};
  if (!ctx.store.InsertDevice(device)) {
    throw CognitoError(ErrorCode::kDeviceKeyExists, "Device key already exists.");
  }
  return Json{{"UserConfirmationNecessary", settings.device_remembered_on_prompt}};
}

}  // namespace cognito::actions
