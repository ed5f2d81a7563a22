#include "server/actions/sign_in.h"

#include "auth/secret_hash.h"
#include "server/actions/error.h"
#include "server/actions/settings.h"
#include "server/actions/tokens.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

constexpr int64_t kMillisPerDay = 24LL * 3600 * 1000;

[[noreturn]] void NotImplemented(const std::string& what) {
  throw CognitoError(ErrorCode::kUnsupportedOperation,
                     what + " is not implemented by cognito-emulator yet.");
}

// Maps the AuthFlow to the client flag that enables it; rejects flows of the other API.
std::string RequiredFlag(AuthApi api, const std::string& flow) {
  if (flow == "USER_PASSWORD_AUTH") {
    if (api == AuthApi::kAdmin) {
      throw CognitoError::InvalidParameter("Initiate Auth method not supported.");
    }
    return "ALLOW_USER_PASSWORD_AUTH";
  }
  if (flow == "ADMIN_USER_PASSWORD_AUTH" || flow == "ADMIN_NO_SRP_AUTH") {
    if (api == AuthApi::kPublic) {
      throw CognitoError::InvalidParameter("Initiate Auth method not supported.");
    }
    return "ALLOW_ADMIN_USER_PASSWORD_AUTH";
  }
  if (flow == "USER_SRP_AUTH") return "ALLOW_USER_SRP_AUTH";
  if (flow == "REFRESH_TOKEN_AUTH" || flow == "REFRESH_TOKEN") return "ALLOW_REFRESH_TOKEN_AUTH";
  if (flow == "CUSTOM_AUTH") return "ALLOW_CUSTOM_AUTH";
  return "ALLOW_USER_AUTH";
}

void CheckFlowEnabled(const ClientSettings& client, const InitiateRequest& r,
                      const std::string& flag) {
  if (client.auth_flows.count(flag) != 0) {
    return;
  }
  if (client.custom_auth_only) {
    throw CognitoError::InvalidParameter("Only custom auth (lambda driven) is enabled for this client.");
  }
  if (r.flow == "USER_PASSWORD_AUTH") {
    throw CognitoError::InvalidParameter("USER_PASSWORD_AUTH flow not enabled for this client");
  }
  if (r.flow == "USER_SRP_AUTH" || r.flow == "CUSTOM_AUTH") {
    throw CognitoError::InvalidParameter(r.flow + " is not enabled for the client.");
  }
  throw CognitoError::InvalidParameter("Auth flow not enabled for this client");
}

const std::string& Required(const InitiateRequest& r, const std::string& name) {
  auto it = r.parameters.find(name);
  if (it == r.parameters.end()) {
    throw CognitoError::MissingParameter(name);
  }
  return it->second;
}

void CheckSecretHash(const storage::ClientRecord& client, const InitiateRequest& r,
                     const std::string& username) {
  if (client.secret.empty()) {
    return;
  }
  auto it = r.parameters.find("SECRET_HASH");
  if (it == r.parameters.end()) {
    throw CognitoError::NotAuthorized("Client " + client.client_id +
                                      " is configured for secret but secret was not received");
  }
  if (!auth::VerifySecretHash(it->second, username, client.client_id, client.secret)) {
    throw CognitoError::NotAuthorized("Unable to verify secret hash for client " + client.client_id);
  }
}

// The gates checked before the password (auth-flows.md §4.1).
void CheckUserState(const storage::UserRecord& user) {
  if (!user.enabled) {
    throw CognitoError::NotAuthorized("User is disabled.");
  }
  if (user.status == "UNCONFIRMED") {
    throw CognitoError(ErrorCode::kUserNotConfirmed, "User is not confirmed.");
  }
  if (user.status == "RESET_REQUIRED") {
    throw CognitoError(ErrorCode::kPasswordResetRequired, "Password reset required for the user");
  }
}

Json PasswordSignIn(Context& ctx, const storage::PoolRecord& pool,
                    const storage::ClientRecord& client, const ClientSettings& client_settings,
                    const InitiateRequest& r) {
  const std::string& username = Required(r, "USERNAME");
  const std::string& password = Required(r, "PASSWORD");
  CheckSecretHash(client, r, username);
  const PoolSettings pool_settings = ParsePoolSettings(pool);
  auto user = FindUser(ctx, pool, pool_settings, username);
  if (!user) {
    if (client_settings.prevent_user_existence_errors) {
      throw CognitoError::IncorrectCredentials();
    }
    throw CognitoError::UserNotFound();
  }
  CheckUserState(*user);
  if (!PasswordMatches(*user, password)) {
    throw CognitoError::IncorrectCredentials();
  }
  if (user->status == "FORCE_CHANGE_PASSWORD") {
    const int64_t validity =
        pool_settings.password_policy.temporary_password_validity_days * kMillisPerDay;
    if (ctx.env.clock.NowMillis() - user->password_set_ms > validity) {
      throw CognitoError::NotAuthorized(
          "Temporary password has expired and must be reset by an administrator.");
    }
    NotImplemented("The NEW_PASSWORD_REQUIRED challenge");
  }
  if (pool_settings.mfa_configuration == "ON") {
    NotImplemented("Multi-factor authentication");
  }
  return Json{{"AuthenticationResult", IssueTokens(ctx, {pool, client, client_settings, *user})},
              {"ChallengeParameters", Json::object()}};
}

}  // namespace

Json RunInitiateAuth(Context& ctx, const InitiateRequest& r) {
  const storage::ClientRecord client = r.api == AuthApi::kAdmin
                                           ? RequirePoolClient(ctx, r.pool_id, r.client_id)
                                           : RequireClient(ctx, r.client_id);
  const storage::PoolRecord pool = RequirePool(ctx, client.pool_id);
  const ClientSettings client_settings = ParseClientSettings(client);
  CheckFlowEnabled(client_settings, r, RequiredFlag(r.api, r.flow));
  if (r.flow == "USER_PASSWORD_AUTH" || r.flow == "ADMIN_USER_PASSWORD_AUTH" ||
      r.flow == "ADMIN_NO_SRP_AUTH") {
    return PasswordSignIn(ctx, pool, client, client_settings, r);
  }
  NotImplemented("The " + r.flow + " flow");
}

}  // namespace cognito::actions
