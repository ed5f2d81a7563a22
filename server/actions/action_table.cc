#include "server/actions/action_table.h"

#include <algorithm>
#include <iterator>

#include "server/actions/actions.h"

namespace cognito::actions {

namespace {

// Sorted by name (checked by a unit test).
constexpr ActionEntry kActions[] = {
    {"AddCustomAttributes", AddCustomAttributes, Tx::kWrite},
    {"AdminAddUserToGroup", AdminAddUserToGroup, Tx::kWrite},
    {"AdminConfirmSignUp", AdminConfirmSignUp, Tx::kWrite},
    {"AdminCreateUser", AdminCreateUser, Tx::kReadThenWrite},
    {"AdminDeleteUser", AdminDeleteUser, Tx::kWrite},
    {"AdminDeleteUserAttributes", AdminDeleteUserAttributes, Tx::kWrite},
    {"AdminDisableUser", AdminDisableUser, Tx::kWrite},
    {"AdminEnableUser", AdminEnableUser, Tx::kWrite},
    {"AdminForgetDevice", AdminForgetDevice, Tx::kWrite},
    {"AdminGetDevice", AdminGetDevice, Tx::kRead},
    {"AdminGetUser", AdminGetUser, Tx::kRead},
    {"AdminInitiateAuth", AdminInitiateAuth, Tx::kReadThenWrite},
    {"AdminListDevices", AdminListDevices, Tx::kRead},
    {"AdminListGroupsForUser", AdminListGroupsForUser, Tx::kRead},
    {"AdminRemoveUserFromGroup", AdminRemoveUserFromGroup, Tx::kWrite},
    {"AdminResetUserPassword", AdminResetUserPassword, Tx::kWrite},
    {"AdminRespondToAuthChallenge", AdminRespondToAuthChallenge, Tx::kReadThenWrite},
    {"AdminSetUserMFAPreference", AdminSetUserMFAPreference, Tx::kWrite},
    {"AdminSetUserPassword", AdminSetUserPassword, Tx::kWrite},
    {"AdminSetUserSettings", AdminSetUserSettings, Tx::kWrite},
    {"AdminUpdateDeviceStatus", AdminUpdateDeviceStatus, Tx::kWrite},
    {"AdminUpdateUserAttributes", AdminUpdateUserAttributes, Tx::kWrite},
    {"AdminUserGlobalSignOut", AdminUserGlobalSignOut, Tx::kWrite},
    {"AssociateSoftwareToken", AssociateSoftwareToken, Tx::kWrite},
    {"ChangePassword", ChangePassword, Tx::kWrite},
    {"ConfirmDevice", ConfirmDevice, Tx::kWrite},
    {"ConfirmForgotPassword", ConfirmForgotPassword, Tx::kWrite},
    {"ConfirmSignUp", ConfirmSignUp, Tx::kWrite},
    {"CreateGroup", CreateGroup, Tx::kWrite},
    {"CreateResourceServer", CreateResourceServer, Tx::kWrite},
    {"CreateUserPool", CreateUserPool, Tx::kWrite},
    {"CreateUserPoolClient", CreateUserPoolClient, Tx::kWrite},
    {"CreateUserPoolDomain", CreateUserPoolDomain, Tx::kWrite},
    {"DeleteGroup", DeleteGroup, Tx::kWrite},
    {"DeleteResourceServer", DeleteResourceServer, Tx::kWrite},
    {"DeleteUser", DeleteUser, Tx::kWrite},
    {"DeleteUserAttributes", DeleteUserAttributes, Tx::kWrite},
    {"DeleteUserPool", DeleteUserPool, Tx::kWrite},
    {"DeleteUserPoolClient", DeleteUserPoolClient, Tx::kWrite},
    {"DeleteUserPoolDomain", DeleteUserPoolDomain, Tx::kWrite},
    {"DescribeResourceServer", DescribeResourceServer, Tx::kRead},
    {"DescribeUserPool", DescribeUserPool, Tx::kRead},
    {"DescribeUserPoolClient", DescribeUserPoolClient, Tx::kRead},
    {"DescribeUserPoolDomain", DescribeUserPoolDomain, Tx::kRead},
    {"ForgetDevice", ForgetDevice, Tx::kWrite},
    {"ForgotPassword", ForgotPassword, Tx::kWrite},
    {"GetDevice", GetDevice, Tx::kRead},
    {"GetGroup", GetGroup, Tx::kRead},
    {"GetTokensFromRefreshToken", GetTokensFromRefreshToken, Tx::kReadThenWrite},
    {"GetUser", GetUser, Tx::kRead},
    {"GetUserAttributeVerificationCode", GetUserAttributeVerificationCode, Tx::kWrite},
    {"GetUserAuthFactors", GetUserAuthFactors, Tx::kRead},
    {"GetUserPoolMfaConfig", GetUserPoolMfaConfig, Tx::kRead},
    {"GlobalSignOut", GlobalSignOut, Tx::kWrite},
    {"InitiateAuth", InitiateAuth, Tx::kReadThenWrite},
    {"ListDevices", ListDevices, Tx::kRead},
    {"ListGroups", ListGroups, Tx::kRead},
    {"ListResourceServers", ListResourceServers, Tx::kRead},
    {"ListTagsForResource", ListTagsForResource, Tx::kRead},
    {"ListUserPoolClients", ListUserPoolClients, Tx::kRead},
    {"ListUserPools", ListUserPools, Tx::kRead},
    {"ListUsers", ListUsers, Tx::kRead},
    {"ListUsersInGroup", ListUsersInGroup, Tx::kRead},
    {"ResendConfirmationCode", ResendConfirmationCode, Tx::kWrite},
    {"RespondToAuthChallenge", RespondToAuthChallenge, Tx::kReadThenWrite},
    {"RevokeToken", RevokeToken, Tx::kWrite},
    {"SetUserMFAPreference", SetUserMFAPreference, Tx::kWrite},
    {"SetUserPoolMfaConfig", SetUserPoolMfaConfig, Tx::kWrite},
    {"SetUserSettings", SetUserSettings, Tx::kWrite},
    {"SignUp", SignUp, Tx::kWrite},
    {"TagResource", TagResource, Tx::kWrite},
    {"UntagResource", UntagResource, Tx::kWrite},
    {"UpdateDeviceStatus", UpdateDeviceStatus, Tx::kWrite},
    {"UpdateGroup", UpdateGroup, Tx::kWrite},
    {"UpdateResourceServer", UpdateResourceServer, Tx::kWrite},
    {"UpdateUserAttributes", UpdateUserAttributes, Tx::kWrite},
    {"UpdateUserPool", UpdateUserPool, Tx::kWrite},
    {"UpdateUserPoolClient", UpdateUserPoolClient, Tx::kWrite},
    {"UpdateUserPoolDomain", UpdateUserPoolDomain, Tx::kWrite},
    {"VerifySoftwareToken", VerifySoftwareToken, Tx::kWrite},
    {"VerifyUserAttribute", VerifyUserAttribute, Tx::kWrite},
};

}  // namespace

const ActionEntry* FindAction(std::string_view name) {
  auto it = std::lower_bound(std::begin(kActions), std::end(kActions), name,
                             [](const ActionEntry& e, std::string_view n) { return e.name < n; });
  if (it == std::end(kActions) || it->name != name) {
    return nullptr;
  }
  return &*it;
}

std::vector<std::string_view> ImplementedActions() {
  std::vector<std::string_view> names;
  for (const auto& entry : kActions) {
    names.push_back(entry.name);
  }
  return names;
}

bool ActionTableIsSorted() {
  return std::is_sorted(std::begin(kActions), std::end(kActions),
                        [](const ActionEntry& a, const ActionEntry& b) { return a.name < b.name; });
}

}  // namespace cognito::actions
