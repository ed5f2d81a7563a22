#include "auth/password_policy.h"
#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

constexpr const char* kPolicyPrefix = "Password does not conform to policy: ";

Json Resend(Context& ctx, const storage::PoolRecord& pool, const PoolSettings& settings,
            const Json& input) {
  auto user = RequireUser(ctx, pool, settings, Str(input, "Username"));
  if (user.status != "FORCE_CHANGE_PASSWORD") {
    throw CognitoError(ErrorCode::kUnsupportedOperation,
                       "Resend not possible. " + user.username + " status is not FORCE_CHANGE_PASSWORD.");
  }
  auto temporary = OptStr(input, "TemporaryPassword");
  SetPassword(ctx, settings, user,
              temporary ? *temporary
                        : auth::GenerateTemporaryPassword(settings.password_policy, ctx.env.random),
              kPolicyPrefix);
  user.modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdateUser(user);
  return Json{{"User", UserDocument(user)}};
}

}  // namespace

Json AdminCreateUser(Context& ctx, const Json& input) {
  const auto pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const PoolSettings settings = ParsePoolSettings(pool);
  if (OptStr(input, "MessageAction").value_or("") == "RESEND") {
    return Resend(ctx, pool, settings, input);
  }
  const int64_t now = ctx.env.clock.NowMillis();
  storage::UserRecord user;
  user.pool_id = pool.id;
  user.sub = ctx.env.random.Uuid();
  user.status = "FORCE_CHANGE_PASSWORD";
  user.enabled = true;
  user.created_ms = now;
  user.modified_ms = now;
  user.attributes = ParseAttributes(pool, OptMember(input, "UserAttributes"));
  ApplyUsernameAttributes(settings, user, Str(input, "Username"));
  if (FindUser(ctx, pool, settings, user.username) ||
      (!settings.username_attributes.empty() && FindUser(ctx, pool, settings, Str(input, "Username")))) {
    throw CognitoError(ErrorCode::kUsernameExists, "User account already exists");
  }
  auto temporary = OptStr(input, "TemporaryPassword");
  SetPassword(ctx, settings, user,
              temporary ? *temporary
                        : auth::GenerateTemporaryPassword(settings.password_policy, ctx.env.random),
              kPolicyPrefix);
  if (!ctx.store.InsertUser(user)) {
    throw CognitoError(ErrorCode::kUsernameExists, "User account already exists");
  }
  return Json{{"User", UserDocument(user)}};
}

}  // namespace cognito::actions
