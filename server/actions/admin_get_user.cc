#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"
#include "server/actions/user_mfa.h"
#include "server/actions/users.h"

namespace cognito::actions {

Json AdminGetUser(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const auto user = RequireUser(ctx, pool, ParsePoolSettings(pool), Str(input, "Username"));
  Json out{{"Username", user.username},
           {"UserAttributes", AttributeList(user)},
           {"UserCreateDate", Timestamp(user.created_ms)},
           {"UserLastModifiedDate", Timestamp(user.modified_ms)},
           {"Enabled", user.enabled},
           {"UserStatus", user.status}};
  AddMfaMembers(LoadUserMfa(ctx, user), out);
  return out;
}

}  // namespace cognito::actions
