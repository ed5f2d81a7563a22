// Remembered devices (srp.md §4, auth-flows.md §4.2 and §8): the identifiers a sign-in issues,
// the DeviceType documents, and what the user and admin device actions share. A device exists
// once ConfirmDevice has stored its SRP verifier; the key a sign-in issues before that lives
// only in the tokens of that sign-in (the access token's `device_key` claim and the refresh
// token), which is what ConfirmDevice checks.
#pragma once

#include <optional>
#include <string>

#include "server/actions/context.h"
#include "server/actions/settings.h"
#include "storage/records.h"

namespace cognito::actions {

// A new DeviceKey for the pool: "<region>_<uuid>".
std::string NewDeviceKey(Context& ctx, const std::string& pool_id);
// The user's DeviceGroupKey: "-" and 8 letters and digits, fixed for the user (derived from the
// pool and the user's sub), so every device of the user shares it.
std::string DeviceGroupKey(const storage::UserRecord& user);

// The device `device_key` of `user`; nullopt when the pool has no such device or it belongs to
// another user.
std::optional<storage::DeviceRecord> FindUserDevice(Context& ctx, const storage::UserRecord& user,
                                                    const std::string& device_key);
// As FindUserDevice; ResourceNotFoundException "Device does not exist." when the
// pool has no such device or it belongs to another user.
storage::DeviceRecord RequireDevice(Context& ctx, const storage::UserRecord& user,
                                    const std::string& device_key);

// The user of an admin device action: UserPoolId and Username (ResourceNotFoundException /
// UserNotFoundException when absent).
storage::UserRecord AdminDeviceOwner(Context& ctx, const Json& input);

// The actions on one user's devices, shared by the access-token and the admin variants.
// {"Devices": [...], "PaginationToken"?} with Limit (default and maximum 60) and PaginationToken.
Json ListUserDevices(Context& ctx, const storage::UserRecord& user, const Json& input);
// {"Device": {...}}.
Json GetUserDevice(Context& ctx, const storage::UserRecord& user, const std::string& device_key);
void ForgetUserDevice(Context& ctx, const storage::UserRecord& user, const std::string& device_key);
// Applies DeviceRememberedStatus ("remembered" / "not_remembered") from the request.
void UpdateUserDeviceStatus(Context& ctx, const storage::UserRecord& user, const Json& input);

}  // namespace cognito::actions
