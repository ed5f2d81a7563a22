#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/groups.h"
#include "server/actions/settings.h"
#include "server/actions/users.h"

namespace cognito::actions {

Json ListUsersInGroup(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const auto group = RequireGroup(ctx, pool.id, Str(input, "GroupName"));
  int64_t limit = OptInt(input, "Limit").value_or(60);
  limit = limit == 0 ? 60 : limit;
  auto users = ctx.store.UsersInGroup(pool.id, group.name, DecodeNextToken(input),
                                      static_cast<int>(limit) + 1);
  Json out{{"Users", Json::array()}};
  const size_t shown = std::min(users.size(), static_cast<size_t>(limit));
  for (size_t i = 0; i < shown; ++i) {
    out["Users"].push_back(UserDocument(users[i]));
  }
  if (users.size() > shown) {
    out["NextToken"] = EncodeNextToken(users[shown - 1].username);
  }
  return out;
}

}  // namespace cognito::actions
