#include <stdexcept>

#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"

namespace cognito::actions {

namespace {

constexpr std::string_view kIdAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr size_t kIdSuffixLength = 9;

constexpr int kIdAttempts = 16;

// Draws ids until one is free; with 62^9 ids a second draw is already vanishingly rare.
// A seed file names its own id instead.
std::string NewPoolId(Context& ctx) {
  if (!ctx.fixed_id.empty()) {
    if (ctx.store.GetPool(ctx.fixed_id)) {
      throw CognitoError::InvalidParameter("User pool " + ctx.fixed_id + " already exists.");
    }
    return ctx.fixed_id;
  }
  for (int attempt = 0; attempt < kIdAttempts; ++attempt) {
    std::string id =
        ctx.env.settings.region + "_" + ctx.env.random.FromAlphabet(kIdAlphabet, kIdSuffixLength);
    if (!ctx.store.GetPool(id)) {
      return id;
    }
  }
  throw std::runtime_error("no free user pool id found");
}

}  // namespace

Json CreateUserPool(Context& ctx, const Json& input) {
  storage::PoolRecord pool;
  pool.description_json = NewPoolDocument(input).dump();
  pool.id = NewPoolId(ctx);
  pool.name = Str(input, "PoolName");
  pool.created_ms = ctx.env.clock.NowMillis();
  pool.modified_ms = pool.created_ms;
  ctx.store.InsertPool(pool);
  return {{"UserPool", PoolDescription(pool, 0)}};
}

}  // namespace cognito::actions
