#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/sign_in.h"

namespace cognito::actions {

Json InitiateAuth(Context& ctx, const Json& input) {
  return RunInitiateAuth(ctx, {AuthApi::kPublic, "", Str(input, "ClientId"), Str(input, "AuthFlow"),
                               StrMap(input, "AuthParameters")});
}

}  // namespace cognito::actions
