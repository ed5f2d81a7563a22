// Every implemented action, one function each, one file each (snake_case of the action name).
// The dispatcher's table in action_table.cc maps the X-Amz-Target action names to these.
#pragma once

#include "server/actions/context.h"

namespace cognito::actions {

// User pools
Json CreateUserPool(Context& ctx, const Json& input);
Json DescribeUserPool(Context& ctx, const Json& input);
Json ListUserPools(Context& ctx, const Json& input);
Json UpdateUserPool(Context& ctx, const Json& input);
Json AddCustomAttributes(Context& ctx, const Json& input);

// User-pool domains
Json CreateUserPoolDomain(Context& ctx, const Json& input);
Json DescribeUserPoolDomain(Context& ctx, const Json& input);
Json UpdateUserPoolDomain(Context& ctx, const Json& input);
Json DeleteUserPoolDomain(Context& ctx, const Json& input);

// Resource servers
Json CreateResourceServer(Context& ctx, const Json& input);
Json DescribeResourceServer(Context& ctx, const Json& input);
Json UpdateResourceServer(Context& ctx, const Json& input);
Json DeleteResourceServer(Context& ctx, const Json& input);
Json ListResourceServers(Context& ctx, const Json& input);
Json DeleteUserPool(Context& ctx, const Json& input);

// App clients
Json CreateUserPoolClient(Context& ctx, const Json& input);
Json DescribeUserPoolClient(Context& ctx, const Json& input);
Json ListUserPoolClients(Context& ctx, const Json& input);
Json UpdateUserPoolClient(Context& ctx, const Json& input);
Json DeleteUserPoolClient(Context& ctx, const Json& input);

// Users
Json AdminCreateUser(Context& ctx, const Json& input);
Json AdminGetUser(Context& ctx, const Json& input);
Json AdminDeleteUser(Context& ctx, const Json& input);
Json AdminDisableUser(Context& ctx, const Json& input);
Json AdminEnableUser(Context& ctx, const Json& input);
Json AdminSetUserPassword(Context& ctx, const Json& input);
Json ListUsers(Context& ctx, const Json& input);
Json GetUser(Context& ctx, const Json& input);
Json GetUserAuthFactors(Context& ctx, const Json& input);

// Sign-up and password recovery
Json SignUp(Context& ctx, const Json& input);
Json ConfirmSignUp(Context& ctx, const Json& input);
Json ResendConfirmationCode(Context& ctx, const Json& input);
Json AdminConfirmSignUp(Context& ctx, const Json& input);
Json ForgotPassword(Context& ctx, const Json& input);
Json ConfirmForgotPassword(Context& ctx, const Json& input);
Json AdminResetUserPassword(Context& ctx, const Json& input);

// Groups
Json CreateGroup(Context& ctx, const Json& input);
Json GetGroup(Context& ctx, const Json& input);
Json UpdateGroup(Context& ctx, const Json& input);
Json DeleteGroup(Context& ctx, const Json& input);
Json ListGroups(Context& ctx, const Json& input);
Json AdminAddUserToGroup(Context& ctx, const Json& input);
Json AdminRemoveUserFromGroup(Context& ctx, const Json& input);
Json AdminListGroupsForUser(Context& ctx, const Json& input);
Json ListUsersInGroup(Context& ctx, const Json& input);

// Sign-in, tokens and sign-out
Json InitiateAuth(Context& ctx, const Json& input);
Json AdminInitiateAuth(Context& ctx, const Json& input);
Json RespondToAuthChallenge(Context& ctx, const Json& input);
Json AdminRespondToAuthChallenge(Context& ctx, const Json& input);
Json GetTokensFromRefreshToken(Context& ctx, const Json& input);
Json RevokeToken(Context& ctx, const Json& input);
Json GlobalSignOut(Context& ctx, const Json& input);
Json AdminUserGlobalSignOut(Context& ctx, const Json& input);
Json ChangePassword(Context& ctx, const Json& input);
Json DeleteUser(Context& ctx, const Json& input);

// Tags on user pools
Json TagResource(Context& ctx, const Json& input);
Json UntagResource(Context& ctx, const Json& input);
Json ListTagsForResource(Context& ctx, const Json& input);

// User attributes after sign-up (user_attributes.cc)
Json UpdateUserAttributes(Context& ctx, const Json& input);
Json AdminUpdateUserAttributes(Context& ctx, const Json& input);
Json DeleteUserAttributes(Context& ctx, const Json& input);
Json AdminDeleteUserAttributes(Context& ctx, const Json& input);
Json GetUserAttributeVerificationCode(Context& ctx, const Json& input);
Json VerifyUserAttribute(Context& ctx, const Json& input);

// MFA: pool configuration, user settings, software tokens
Json SetUserPoolMfaConfig(Context& ctx, const Json& input);
Json GetUserPoolMfaConfig(Context& ctx, const Json& input);
Json SetUserMFAPreference(Context& ctx, const Json& input);
Json AdminSetUserMFAPreference(Context& ctx, const Json& input);
Json SetUserSettings(Context& ctx, const Json& input);
Json AdminSetUserSettings(Context& ctx, const Json& input);
Json AssociateSoftwareToken(Context& ctx, const Json& input);
Json VerifySoftwareToken(Context& ctx, const Json& input);

// Devices
Json ConfirmDevice(Context& ctx, const Json& input);
Json GetDevice(Context& ctx, const Json& input);
Json ListDevices(Context& ctx, const Json& input);
Json ForgetDevice(Context& ctx, const Json& input);
Json UpdateDeviceStatus(Context& ctx, const Json& input);
Json AdminGetDevice(Context& ctx, const Json& input);
Json AdminListDevices(Context& ctx, const Json& input);
Json AdminForgetDevice(Context& ctx, const Json& input);
Json AdminUpdateDeviceStatus(Context& ctx, const Json& input);

}  // namespace cognito::actions
