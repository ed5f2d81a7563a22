#include "server/actions/revocation.h"

#include <algorithm>

#include "server/actions/purge_schedule.h"

namespace cognito::actions {

namespace {

// Access and ID tokens live at most one day, so a revoked sign-in can be forgotten after that,
// or once its refresh token has expired if that is later.
constexpr int64_t kLongestTokenMillis = 24LL * 3600 * 1000;

PurgeSchedule purges;  // of the expiring rows written here

void PurgeWhenDue(storage::Store& store, int64_t now) {
  if (purges.Due()) {
    store.PurgeTokens(now, PurgeSchedule::kLimit);
  }
}

}  // namespace

void RevokeGrant(Context& ctx, const RefreshClaims& token) {
  const int64_t now = ctx.env.clock.NowMillis();
  PurgeWhenDue(ctx.store, now);
  ctx.store.RevokeOrigin(token.pool_id, token.origin_jti,
                         std::max(now + kLongestTokenMillis, token.expires_ms));
}

void SignOutEverywhere(Context& ctx, const std::string& pool_id, const std::string& sub) {
  ctx.store.RecordSignOut(pool_id, sub, ctx.env.clock.NowMillis());
}

void MarkReplaced(Context& ctx, const std::string& token_hash, const RefreshClaims& claims) {
  const int64_t now = ctx.env.clock.NowMillis();
  ctx.Write([hash = token_hash, pool_id = claims.pool_id, expires_ms = claims.expires_ms,
             now](storage::Store& store) {
    PurgeWhenDue(store, now);
    store.MarkRefreshTokenReplaced(hash, pool_id, now, expires_ms);
  });
}

}  // namespace cognito::actions
