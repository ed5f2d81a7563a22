#include <algorithm>

#include "auth/crypto.h"
#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/refresh_token.h"
#include "server/actions/revocation.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json RevokeToken(Context& ctx, const Json& input) {
  const auto client = RequireClient(ctx, Str(input, "ClientId"));
  const ClientSettings settings = ParseClientSettings(client);
  const auto secret = OptStr(input, "ClientSecret");
  if (!client.secret.empty() && (!secret || !auth::ConstantTimeEquals(*secret, client.secret))) {
    throw CognitoError(ErrorCode::kUnauthorized, "Invalid client secret.");
  }
  if (!settings.enable_token_revocation) {
    throw CognitoError(ErrorCode::kUnsupportedOperation,
                       "Token revocation is not enabled for this app client.");
  }
  const std::string token = Str(input, "Token");
  if (std::count(token.begin(), token.end(), '.') == 2) {
    throw CognitoError(ErrorCode::kUnsupportedTokenType, "Only refresh tokens can be revoked.");
  }
  auto record = OpenRefreshToken(ctx.env.keys, token);
  if (!record) {
    return Json::object();  // unknown tokens are not an error (RFC 7009)
  }
  if (record->client_id != client.client_id) {
    throw CognitoError(ErrorCode::kUnauthorized, "The token was not issued to this client.");
  }
  RevokeGrant(ctx, *record);
  return Json::object();
}

}  // namespace cognito::actions
