#include "server/actions/self_service.h"

#include "server/actions/fields.h"

namespace cognito::actions {

ClientScope OpenSelfService(Context& ctx, const Json& input) {
  ClientScope scope = LoadClientScope(ctx, AuthApi::kPublic, "", Str(input, "ClientId"));
  Parameters parameters;
  if (auto hash = OptStr(input, "SecretHash")) {
    parameters["SECRET_HASH"] = *hash;
  }
  CheckSecretHash(scope.client, parameters, Str(input, "Username"));
  return scope;
}

CognitoError UnknownUsernameForClient() {
  return {ErrorCode::kUserNotFound, "Username/client id combination not found."};
}

}  // namespace cognito::actions
