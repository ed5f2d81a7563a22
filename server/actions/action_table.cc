#include "server/actions/action_table.h"

#include <algorithm>
#include <iterator>

#include "server/actions/actions.h"

namespace cognito::actions {

namespace {

// Sorted by name (checked by a unit test).
constexpr ActionEntry kActions[] = {
    {"AdminCreateUser", AdminCreateUser, Tx::kWrite},
    {"AdminDeleteUser", AdminDeleteUser, Tx::kWrite},
    {"AdminDisableUser", AdminDisableUser, Tx::kWrite},
    {"AdminEnableUser", AdminEnableUser, Tx::kWrite},
    {"AdminGetUser", AdminGetUser, Tx::kRead},
    {"AdminInitiateAuth", AdminInitiateAuth, Tx::kReadThenWrite},
    {"AdminRespondToAuthChallenge", AdminRespondToAuthChallenge, Tx::kReadThenWrite},
    {"AdminSetUserPassword", AdminSetUserPassword, Tx::kWrite},
    {"AdminUserGlobalSignOut", AdminUserGlobalSignOut, Tx::kWrite},
    {"ChangePassword", ChangePassword, Tx::kWrite},
    {"CreateUserPool", CreateUserPool, Tx::kWrite},
    {"CreateUserPoolClient", CreateUserPoolClient, Tx::kWrite},
    {"DeleteUserPool", DeleteUserPool, Tx::kWrite},
    {"DeleteUserPoolClient", DeleteUserPoolClient, Tx::kWrite},
    {"DescribeUserPool", DescribeUserPool, Tx::kRead},
    {"DescribeUserPoolClient", DescribeUserPoolClient, Tx::kRead},
    {"GetTokensFromRefreshToken", GetTokensFromRefreshToken, Tx::kReadThenWrite},
    {"GetUser", GetUser, Tx::kRead},
    {"GlobalSignOut", GlobalSignOut, Tx::kWrite},
    {"InitiateAuth", InitiateAuth, Tx::kReadThenWrite},
    {"ListUserPoolClients", ListUserPoolClients, Tx::kRead},
    {"ListUserPools", ListUserPools, Tx::kRead},
    {"ListUsers", ListUsers, Tx::kRead},
    {"RespondToAuthChallenge", RespondToAuthChallenge, Tx::kReadThenWrite},
    {"RevokeToken", RevokeToken, Tx::kWrite},
    {"UpdateUserPool", UpdateUserPool, Tx::kWrite},
    {"UpdateUserPoolClient", UpdateUserPoolClient, Tx::kWrite},
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
