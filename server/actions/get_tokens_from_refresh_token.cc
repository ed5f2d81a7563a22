#include "auth/crypto.h"
#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/refresh.h"
#include "server/actions/revocation.h"
#include "server/actions/triggers.h"

namespace cognito::actions {

namespace {

void CheckClientSecret(const storage::ClientRecord& client, const std::optional<std::string>& given) {
  if (client.secret.empty()) {
    return;
  }
  if (!given) {
    throw CognitoError::NotAuthorized("Client " + client.client_id +
                                      " is configured for secret but secret was not received");
  }
  if (!auth::ConstantTimeEquals(*given, client.secret)) {
    throw CognitoError::NotAuthorized("Unable to verify secret hash for client " + client.client_id);
  }
}

}  // namespace

Json GetTokensFromRefreshToken(Context& ctx, const Json& input) {
  const ClientScope scope = LoadClientScope(ctx, AuthApi::kPublic, "", Str(input, "ClientId"));
  CheckClientSecret(scope.client, OptStr(input, "ClientSecret"));
  if (scope.client_settings.auth_flows.count("ALLOW_REFRESH_TOKEN_AUTH") == 0) {
    throw CognitoError::InvalidParameter("Auth flow not enabled for this client");
  }
  const std::string token = Str(input, "RefreshToken");
  RefreshedUser refreshed =
      LoadRefreshToken(ctx, scope, token, OptStr(input, "DeviceKey").value_or(""));
  const bool rotate = scope.client_settings.refresh_token_rotation;
  const std::string hash = rotate ? TokenHash(token) : std::string();
  const int64_t replaced_ms = rotate ? ctx.store.RefreshTokenReplacedMs(hash) : 0;
  if (replaced_ms != 0 && ctx.env.clock.NowMillis() - replaced_ms >
                              scope.client_settings.refresh_retry_grace_seconds * 1000) {
    throw CognitoError(ErrorCode::kRefreshTokenReuse, "Refresh token has already been used.");
  }
  const Grant grant{refreshed.token.origin_jti, refreshed.token.auth_time_s,
                    refreshed.token.device_key};
  Json result = RefreshTokens(
      ctx,
      {scope.pool, scope.client, scope.client_settings, refreshed.user,
       "TokenGeneration_RefreshTokens", ClientMetadataOf(input)},
      grant, rotate);
  if (rotate && replaced_ms == 0) {
    MarkReplaced(ctx, hash, refreshed.token);
  }
  return Json{{"AuthenticationResult", std::move(result)}};
}

}  // namespace cognito::actions
