#include "server/actions/devices.h"

#include <algorithm>

#include "auth/crypto.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

constexpr int64_t kDefaultLimit = 60;
constexpr std::string_view kAlnum =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

Json Attribute(const std::string& name, const std::string& value) {
  return Json{{"Name", name}, {"Value", value}};
}

// "arn:aws:cognito-idp:<region>:<account>:owner/<username>.<pool>/device/<key>".
std::string DeviceArn(const storage::DeviceRecord& d) {
  const std::string pool_arn = PoolArn(d.pool_id);
  return pool_arn.substr(0, pool_arn.find(":userpool/")) + ":owner/" + d.username + "." +
         d.pool_id + "/device/" + d.device_key;
}

Json DeviceDocument(const storage::DeviceRecord& d) {
  Json attributes = Json::array({Attribute("device_status", "valid")});
  if (!d.name.empty()) {
    attributes.push_back(Attribute("device_name", d.name));
  }
  attributes.push_back(Attribute("dev:device_arn", DeviceArn(d)));
  attributes.push_back(Attribute("dev:device_owner", d.username + "." + d.pool_id));
  attributes.push_back(
      Attribute("dev:device_remembered_status", d.remembered ? "remembered" : "not_remembered"));
  return Json{{"DeviceKey", d.device_key},
              {"DeviceAttributes", std::move(attributes)},
              {"DeviceCreateDate", Timestamp(d.created_ms)},
              {"DeviceLastModifiedDate", Timestamp(d.modified_ms)},
              {"DeviceLastAuthenticatedDate", Timestamp(d.last_authenticated_ms)}};
}

[[noreturn]] void DeviceNotFound() { throw CognitoError::ResourceNotFound("Device does not exist."); }

}  // namespace

std::string NewDeviceKey(Context& ctx, const std::string& pool_id) {
  return pool_id.substr(0, pool_id.find('_')) + "_" + ctx.env.random.Uuid();
}

std::string DeviceGroupKey(const storage::UserRecord& user) {
  const std::string digest = auth::Sha256(user.pool_id + "/device-group/" + user.sub);
  std::string key = "-";
  for (size_t i = 0; i < 8; ++i) {
    key += kAlnum[static_cast<unsigned char>(digest[i]) % kAlnum.size()];
  }
  return key;
}

std::optional<storage::DeviceRecord> FindUserDevice(Context& ctx, const storage::UserRecord& user,
                                                    const std::string& device_key) {
  auto device = ctx.store.GetDevice(user.pool_id, device_key);
  if (!device || device->username != user.username) {
    return std::nullopt;
  }
  return device;
}

storage::DeviceRecord RequireDevice(Context& ctx, const storage::UserRecord& user,
                                    const std::string& device_key) {
  auto device = FindUserDevice(ctx, user, device_key);
  if (!device) {
    DeviceNotFound();
  }
  return std::move(*device);
}

storage::UserRecord AdminDeviceOwner(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  return RequireUser(ctx, pool, ParsePoolSettings(pool), Str(input, "Username"));
}

Json ListUserDevices(Context& ctx, const storage::UserRecord& user, const Json& input) {
  int64_t limit = OptInt(input, "Limit").value_or(kDefaultLimit);
  limit = limit == 0 ? kDefaultLimit : std::min(limit, kDefaultLimit);
  const std::string after = PaginationAfter(input);
  auto devices =
      ctx.store.ListDevices(user.pool_id, user.username, after, static_cast<int>(limit) + 1);
  const size_t shown = std::min(devices.size(), static_cast<size_t>(limit));
  Json out{{"Devices", Json::array()}};
  for (size_t i = 0; i < shown; ++i) {
    out["Devices"].push_back(DeviceDocument(devices[i]));
  }
  if (devices.size() > shown) {
    out["PaginationToken"] = auth::Base64UrlEncode(devices[shown - 1].device_key);
  }
  return out;
}

Json GetUserDevice(Context& ctx, const storage::UserRecord& user, const std::string& device_key) {
  return Json{{"Device", DeviceDocument(RequireDevice(ctx, user, device_key))}};
}

void ForgetUserDevice(Context& ctx, const storage::UserRecord& user,
                      const std::string& device_key) {
  RequireDevice(ctx, user, device_key);
  ctx.store.DeleteDevice(user.pool_id, device_key);
}

void UpdateUserDeviceStatus(Context& ctx, const storage::UserRecord& user, const Json& input) {
  const auto status = OptStr(input, "DeviceRememberedStatus");
  if (!status) {
    throw CognitoError::MissingParameter("DeviceRememberedStatus");
  }
  const std::string device_key = Str(input, "DeviceKey");
  RequireDevice(ctx, user, device_key);
  ctx.store.SetDeviceRemembered(user.pool_id, device_key, *status == "remembered",
                                ctx.env.clock.NowMillis());
}

}  // namespace cognito::actions
