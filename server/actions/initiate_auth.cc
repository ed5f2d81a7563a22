#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/sign_in.h"
#include "server/actions/triggers.h"

namespace cognito::actions {

Json InitiateAuth(Context& ctx, const Json& input) {
  return RunInitiateAuth(ctx, {AuthApi::kPublic, "", Str(input, "ClientId"), Str(input, "AuthFlow"),
                               StrMap(input, "AuthParameters"), ClientMetadataOf(input),
                               OptStr(input, "Session").value_or("")});
}

}  // namespace cognito::actions
