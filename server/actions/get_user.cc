#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/tokens.h"
#include "server/actions/user_mfa.h"
#include "server/actions/users.h"

namespace cognito::actions {

Json GetUser(Context& ctx, const Json& input) {
  const auto owner = VerifyAccessToken(ctx, Str(input, "AccessToken"));
  Json out{{"Username", owner.user.username}, {"UserAttributes", AttributeList(owner.user)}};
  AddMfaMembers(LoadUserMfa(ctx, owner.user), out);
  return out;
}

}  // namespace cognito::actions
