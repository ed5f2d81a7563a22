#include "server/actions/error.h"
#include "server/actions/sign_in.h"
#include "server/actions/triggers.h"
#include "server/actions/user_migration.h"
#include "server/actions/users.h"

#include "auth/secret_hash.h"

namespace cognito::actions {

namespace {

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

void CheckFlowEnabled(const ClientSettings& client, const std::string& flow,
                      const std::string& flag) {
  if (client.auth_flows.count(flag) != 0) {
    return;
  }
  if (client.custom_auth_only) {
    throw CognitoError::InvalidParameter("Only custom auth (lambda driven) is enabled for this client.");
  }
  if (flow == "USER_PASSWORD_AUTH") {
    throw CognitoError::InvalidParameter("USER_PASSWORD_AUTH flow not enabled for this client");
  }
  if (flow == "USER_SRP_AUTH" || flow == "CUSTOM_AUTH") {
    throw CognitoError::InvalidParameter(flow + " is not enabled for the client.");
  }
  throw CognitoError::InvalidParameter("Auth flow not enabled for this client");
}

Json PasswordSignIn(Context& ctx, const ClientScope& scope, const InitiateRequest& r) {
  const Parameters& parameters = r.parameters;
  const std::string& username = RequiredParameter(parameters, "USERNAME");
  const std::string& password = RequiredParameter(parameters, "PASSWORD");
  CheckSecretHash(scope.client, parameters, username);
  auto user = FindUser(ctx, scope.pool, scope.pool_settings, username);
  if (!user) {
    user = MigrateUser(ctx, scope.pool, scope.pool_settings,
                       {"UserMigration_Authentication", username, scope.client.client_id,
                        scope.client_settings.prevent_user_existence_errors, r.client_metadata,
                        password});
    // The migrated user stays even when it cannot sign in yet (RESET_REQUIRED).
    ctx.commit_on_error = user.has_value();
  }
  if (!user) {
    user = ResolveUser(ctx, scope, username, false);
  }
  CheckUserCanSignIn(*user, scope.client_settings.prevent_user_existence_errors);
  RunPreAuthentication(ctx, scope, *user, r.client_metadata);
  CheckPasswordProof(ctx, *user, [&] { return PasswordMatches(ctx, *user, password); });
  const Principal principal = MakePrincipal(scope, std::move(*user));
  return Advance(ctx, principal,
                 PasswordProvenState(ctx, principal, OptionalParameter(parameters, "DEVICE_KEY")));
}

}  // namespace

ClientScope LoadClientScope(Context& ctx, AuthApi api, const std::string& pool_id,
                            const std::string& client_id) {
  ClientScope scope;
  scope.client = api == AuthApi::kAdmin ? RequirePoolClient(ctx, pool_id, client_id)
                                        : RequireClient(ctx, client_id);
  scope.pool = RequirePool(ctx, scope.client.pool_id);
  scope.pool_settings = ParsePoolSettings(scope.pool);
  scope.client_settings = ParseClientSettings(scope.client);
  return scope;
}

Principal MakePrincipal(const ClientScope& scope, storage::UserRecord user) {
  return Principal{scope.pool,           scope.pool_settings, scope.client,
                   scope.client_settings, std::move(user),     scope.client_metadata};
}

const std::string& RequiredParameter(const Parameters& parameters, const std::string& name) {
  auto it = parameters.find(name);
  if (it == parameters.end()) {
    throw CognitoError::MissingParameter(name);
  }
  return it->second;
}

std::string OptionalParameter(const Parameters& parameters, const std::string& name) {
  auto it = parameters.find(name);
  return it == parameters.end() ? std::string() : it->second;
}

void CheckSecretHash(const storage::ClientRecord& client, const Parameters& parameters,
                     const std::string& username) {
  if (client.secret.empty()) {
    return;
  }
  auto it = parameters.find("SECRET_HASH");
  if (it == parameters.end()) {
    throw CognitoError::NotAuthorized("Client " + client.client_id +
                                      " is configured for secret but secret was not received");
  }
  if (!auth::VerifySecretHash(it->second, username, client.client_id, client.secret)) {
    throw CognitoError::NotAuthorized("Unable to verify secret hash for client " + client.client_id);
  }
}

std::optional<storage::UserRecord> ResolveUser(Context& ctx, const ClientScope& scope,
                                               const std::string& username, bool simulate) {
  auto user = FindUser(ctx, scope.pool, scope.pool_settings, username);
  if (user) {
    return user;
  }
  if (!scope.client_settings.prevent_user_existence_errors) {
    throw CognitoError::UserNotFound();
  }
  if (!simulate) {
    throw CognitoError::IncorrectCredentials();
  }
  return std::nullopt;
}

void CheckPasswordProof(Context& ctx, const storage::UserRecord& user,
                        const std::function<bool()>& prove) {
  const std::string key = user.pool_id + "/" + user.username;
  const int64_t now_ms = ctx.env.clock.NowMillis();
  if (ctx.env.lockout.IsLocked(key, now_ms)) {
    throw CognitoError::NotAuthorized("Password attempts exceeded");
  }
  if (!prove()) {
    ctx.env.lockout.RecordFailure(key, now_ms);
    throw CognitoError::IncorrectCredentials();
  }
  ctx.env.lockout.RecordSuccess(key);
}

void RunPreAuthentication(Context& ctx, const ClientScope& scope, const storage::UserRecord& user,
                          const Json& validation_data) {
  RunTrigger(ctx.env, scope.pool, scope.pool_settings,
             {Trigger::kPreAuthentication,
              "PreAuthentication_Authentication",
              user.username,
              scope.client.client_id,
              {{"userAttributes", TriggerUserAttributes(user)},
               {"validationData", validation_data},
               {"userNotFound", false}}});
}

Json RunInitiateAuth(Context& ctx, const InitiateRequest& r) {
  const ClientScope scope = LoadClientScope(ctx, r.api, r.pool_id, r.client_id);
  CheckFlowEnabled(scope.client_settings, r.flow, RequiredFlag(r.api, r.flow));
  if (r.flow == "USER_PASSWORD_AUTH" || r.flow == "ADMIN_USER_PASSWORD_AUTH" ||
      r.flow == "ADMIN_NO_SRP_AUTH") {
    return PasswordSignIn(ctx, scope, r);
  }
  if (r.flow == "USER_SRP_AUTH") {
    return StartUserSrp(ctx, scope, r);
  }
  if (r.flow == "CUSTOM_AUTH") {
    return StartCustomAuth(ctx, scope, r);
  }
  if (r.flow == "REFRESH_TOKEN_AUTH" || r.flow == "REFRESH_TOKEN") {
    return RefreshTokenSignIn(ctx, scope, r.parameters);
  }
  if (r.flow == "USER_AUTH") {
    return StartUserAuth(ctx, scope, r);
  }
  NotImplemented("The " + r.flow + " flow");
}

Json RunRespondToAuthChallenge(Context& ctx, const RespondRequest& r) {
  ClientScope scope = LoadClientScope(ctx, r.api, r.pool_id, r.client_id);
  scope.client_metadata = r.client_metadata;
  if (r.challenge == "PASSWORD_VERIFIER") {
    return AnswerPasswordVerifier(ctx, scope, r);
  }
  if (r.challenge == "ADMIN_NO_SRP_AUTH") {
    throw CognitoError::InvalidParameter("Invalid challenge name ADMIN_NO_SRP_AUTH");
  }
  if (r.challenge == "PASSWORD" || r.challenge == "PASSWORD_SRP" || r.challenge == "WEB_AUTHN") {
    NotImplemented("Answering " + r.challenge + " (answer SELECT_CHALLENGE with ANSWER " +
                   r.challenge + ")");
  }
  if (r.session.empty()) {
    throw CognitoError::MissingParameter("Session");
  }
  if (r.challenge == "NEW_PASSWORD_REQUIRED") {
    return AnswerNewPassword(ctx, scope, r);
  }
  if (r.challenge == "SMS_MFA" || r.challenge == "EMAIL_OTP" || r.challenge == "SMS_OTP" ||
      r.challenge == "SOFTWARE_TOKEN_MFA") {
    return AnswerMfaCode(ctx, scope, r);
  }
  if (r.challenge == "SELECT_CHALLENGE") {
    return AnswerSelectChallenge(ctx, scope, r);
  }
  if (r.challenge == "SELECT_MFA_TYPE") {
    return AnswerSelectMfaType(ctx, scope, r);
  }
  if (r.challenge == "MFA_SETUP") {
    return AnswerMfaSetup(ctx, scope, r);
  }
  if (r.challenge == "DEVICE_SRP_AUTH") {
    return AnswerDeviceSrpAuth(ctx, scope, r);
  }
  if (r.challenge == "DEVICE_PASSWORD_VERIFIER") {
    return AnswerDevicePasswordVerifier(ctx, scope, r);
  }
  if (r.challenge == "CUSTOM_CHALLENGE") {
    return AnswerCustomChallenge(ctx, scope, r);
  }
  NotImplemented("The " + r.challenge + " challenge");
}

}  // namespace cognito::actions
