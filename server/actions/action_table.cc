#include "server/actions/action_table.h"

#include <algorithm>
#include <iterator>

#include "server/actions/actions.h"

namespace cognito::actions {

namespace {

// Sorted by name (checked by a unit test).
constexpr ActionEntry kActions[] = {
    {"AdminCreateUser", AdminCreateUser, true},
    {"AdminDeleteUser", AdminDeleteUser, true},
    {"AdminDisableUser", AdminDisableUser, true},
    {"AdminEnableUser", AdminEnableUser, true},
    {"AdminGetUser", AdminGetUser, false},
    {"AdminInitiateAuth", AdminInitiateAuth, true},
    {"AdminRespondToAuthChallenge", AdminRespondToAuthChallenge, true},
    {"AdminSetUserPassword", AdminSetUserPassword, true},
    {"AdminUserGlobalSignOut", AdminUserGlobalSignOut, true},
    {"ChangePassword", ChangePassword, true},
    {"CreateUserPool", CreateUserPool, true},
    {"CreateUserPoolClient", CreateUserPoolClient, true},
    {"DeleteUserPool", DeleteUserPool, true},
    {"DeleteUserPoolClient", DeleteUserPoolClient, true},
    {"DescribeUserPool", DescribeUserPool, false},
    {"DescribeUserPoolClient", DescribeUserPoolClient, false},
    {"GetTokensFromRefreshToken", GetTokensFromRefreshToken, true},
    {"GetUser", GetUser, false},
    {"GlobalSignOut", GlobalSignOut, true},
    {"InitiateAuth", InitiateAuth, true},
    {"ListUserPoolClients", ListUserPoolClients, false},
    {"ListUserPools", ListUserPools, false},
    {"ListUsers", ListUsers, false},
    {"RespondToAuthChallenge", RespondToAuthChallenge, true},
    {"RevokeToken", RevokeToken, true},
    {"UpdateUserPool", UpdateUserPool, true},
    {"UpdateUserPoolClient", UpdateUserPoolClient, true},
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

bool ActionTableIsSorted() {
  return std::is_sorted(std::begin(kActions), std::end(kActions),
                        [](const ActionEntry& a, const ActionEntry& b) { return a.name < b.name; });
}

}  // namespace cognito::actions
