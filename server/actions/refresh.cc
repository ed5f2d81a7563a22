#include "server/actions/refresh.h"

#include "auth/random.h"
#include "auth/secret_hash.h"

#include "server/actions/devices.h"
#include "server/actions/error.h"
#include "server/actions/flow.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

// The SECRET_HASH of a refresh may be computed with any of the user's identifiers (clients get
// this wrong in alias pools), so accept the username, the sub, or a sign-in attribute.
void CheckRefreshSecretHash(const ClientScope& scope, const Parameters& parameters,
                            const storage::UserRecord& user) {
  auto given = parameters.find("SECRET_HASH");
  if (scope.client.secret.empty() || given == parameters.end()) {
    CheckSecretHash(scope.client, parameters, user.username);  // none needed, or "not received"
    return;
  }
  std::vector<std::string> names{user.username, user.sub};
  for (const auto& [name, value] : user.attributes) {
    if (name == "email" || name == "phone_number" || name == "preferred_username") {
      names.push_back(value);
    }
  }
  for (const auto& name : names) {
    if (auth::VerifySecretHash(given->second, name, scope.client.client_id, scope.client.secret)) {
      return;
    }
  }
  throw CognitoError::NotAuthorized("Unable to verify secret hash for client " +
                                    scope.client.client_id);
}

}  // namespace

RefreshedUser LoadRefreshToken(Context& ctx, const ClientScope& scope, const std::string& token,
                               const std::string& device_key) {
  auto record = OpenRefreshToken(ctx.env.keys, token);
  if (!record || record->client_id != scope.client.client_id || record->pool_id != scope.pool.id) {
    throw CognitoError::NotAuthorized("Invalid Refresh Token");
  }
  if (ctx.store.IsSignInRevoked(record->pool_id, record->sub, record->origin_jti,
                                auth::TimeUuidMillis(record->origin_jti))) {
    throw CognitoError::NotAuthorized("Refresh Token has been revoked");
  }
  if (record->expires_ms <= ctx.env.clock.NowMillis()) {
    throw CognitoError::NotAuthorized("Refresh Token has expired");
  }
  auto user = ctx.store.GetUserBySub(scope.pool.id, record->sub);
  if (!user) {
    throw CognitoError::UserNotFound();
  }
  if (!user->enabled) {
    throw CognitoError::NotAuthorized("User is disabled.");
  }
  if (scope.pool_settings.device_tracking && !record->device_key.empty()) {
    if (device_key != record->device_key || !FindUserDevice(ctx, *user, device_key)) {
      throw CognitoError::NotAuthorized("Invalid Refresh Token");
    }
  }
  return {std::move(*record), std::move(*user)};
}

Json RefreshTokenSignIn(Context& ctx, const ClientScope& scope, const Parameters& parameters) {
  const std::string& token = RequiredParameter(parameters, "REFRESH_TOKEN");
  RefreshedUser refreshed =
      LoadRefreshToken(ctx, scope, token, OptionalParameter(parameters, "DEVICE_KEY"));
  CheckRefreshSecretHash(scope, parameters, refreshed.user);
  const Grant grant{refreshed.token.origin_jti, refreshed.token.auth_time_s,
                    refreshed.token.device_key};
  return Json{{"AuthenticationResult",
               RefreshTokens(ctx,
                             {scope.pool, scope.client, scope.client_settings, refreshed.user,
                              "TokenGeneration_RefreshTokens"},
                             grant, false)},
              {"ChallengeParameters", Json::object()}};
}

}  // namespace cognito::actions
