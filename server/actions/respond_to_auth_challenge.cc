#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/sign_in.h"

namespace cognito::actions {

Json RespondToAuthChallenge(Context& ctx, const Json& input) {
  return RunRespondToAuthChallenge(
      ctx, {AuthApi::kPublic, "", Str(input, "ClientId"), Str(input, "ChallengeName"),
            OptStr(input, "Session").value_or(""), StrMap(input, "ChallengeResponses")});
}

}  // namespace cognito::actions
