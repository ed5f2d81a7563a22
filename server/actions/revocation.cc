#include "server/actions/revocation.h"

namespace cognito::actions {

namespace {

// Access and ID tokens live at most one day, so a revoked sign-in can be forgotten after that.
constexpr int64_t kLongestTokenMillis = 24LL * 3600 * 1000;

}  // namespace

void RevokeGrant(Context& ctx, const storage::RefreshTokenRecord& token) {
  ctx.store.RevokeRefreshToken(token.token_hash);
  ctx.store.RevokeOrigin(token.pool_id, token.origin_jti,
                         ctx.env.clock.NowMillis() + kLongestTokenMillis);
}

void SignOutEverywhere(Context& ctx, const std::string& pool_id, const std::string& sub) {
  const int64_t until = ctx.env.clock.NowMillis() + kLongestTokenMillis;
  for (const auto& origin : ctx.store.RevokeUserRefreshTokens(pool_id, sub)) {
    ctx.store.RevokeOrigin(pool_id, origin, until);
  }
}

}  // namespace cognito::actions
