#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/sign_in.h"
#include "server/actions/triggers.h"

namespace cognito::actions {

Json AdminRespondToAuthChallenge(Context& ctx, const Json& input) {
  return RunRespondToAuthChallenge(
      ctx, {AuthApi::kAdmin, Str(input, "UserPoolId"), Str(input, "ClientId"),
            Str(input, "ChallengeName"), OptStr(input, "Session").value_or(""),
            StrMap(input, "ChallengeResponses"), ClientMetadataOf(input)});
}

}  // namespace cognito::actions
