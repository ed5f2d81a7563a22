#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/revocation.h"
#include "server/actions/tokens.h"

namespace cognito::actions {

Json GlobalSignOut(Context& ctx, const Json& input) {
  const auto owner = VerifyAccessToken(ctx, Str(input, "AccessToken"));
  SignOutEverywhere(ctx, owner.pool->id, owner.user.sub);
  // The calling token's own sign-in too, even if its refresh token is already gone.
  ctx.store.RevokeOrigin(owner.pool->id, owner.origin_jti,
                         ctx.env.clock.NowMillis() + 24LL * 3600 * 1000);
  return Json::object();
}

}  // namespace cognito::actions
