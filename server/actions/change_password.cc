#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"
#include "server/actions/tokens.h"
#include "server/actions/users.h"

namespace cognito::actions {

Json ChangePassword(Context& ctx, const Json& input) {
  auto owner = VerifyAccessToken(ctx, Str(input, "AccessToken"));
  storage::UserRecord& user = owner.user;
  const auto previous = OptStr(input, "PreviousPassword");
  // Read once: the check below and PasswordMatches both use it; SetPassword replaces it.
  user.password = PasswordOf(ctx, user);
  if (!user.password->verifier.empty()) {
    if (!previous) {
      throw CognitoError::MissingParameter("PreviousPassword");
    }
    if (!PasswordMatches(ctx, user, *previous)) {
      throw CognitoError::IncorrectCredentials();
    }
  }
  SetPassword(ctx, ParsePoolSettings(*owner.pool), user, Str(input, "ProposedPassword"),
              "Password does not conform to policy: ");
  user.modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdateUser(user);
  return Json::object();
}

}  // namespace cognito::actions
