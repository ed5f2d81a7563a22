#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"
#include "server/actions/sign_in.h"
#include "server/actions/tokens.h"
#include "server/actions/user_mfa.h"

namespace cognito::actions {

Json GetUserAuthFactors(Context& ctx, const Json& input) {
  const auto owner = VerifyAccessToken(ctx, Str(input, "AccessToken"));
  Json out{{"Username", owner.user.username},
           {"ConfiguredUserAuthFactors",
            UserAuthFactors(ctx, ParsePoolSettings(*owner.pool), owner.user, false)}};
  AddMfaMembers(LoadUserMfa(ctx, owner.user), out);
  return out;
}

}  // namespace cognito::actions
