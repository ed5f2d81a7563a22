#include <algorithm>

#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/groups.h"
#include "server/actions/settings.h"
#include "server/actions/users.h"

namespace cognito::actions {

// Groups are listed by name; NextToken continues after the last name shown.
Json AdminListGroupsForUser(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const auto user = RequireUser(ctx, pool, ParsePoolSettings(pool), Str(input, "Username"));
  const std::string after = DecodeNextToken(input);
  int64_t limit = OptInt(input, "Limit").value_or(60);
  limit = limit == 0 ? 60 : limit;
  auto groups = ctx.store.GroupsOfUser(pool.id, user.username);
  std::sort(groups.begin(), groups.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  Json out{{"Groups", Json::array()}};
  for (const auto& g : groups) {
    if (g.name <= after && !after.empty()) {
      continue;
    }
    if (static_cast<int64_t>(out["Groups"].size()) == limit) {
      out["NextToken"] = EncodeNextToken(out["Groups"].back()["GroupName"].get<std::string>());
      break;
    }
    out["Groups"].push_back(GroupDocument(g));
  }
  return out;
}

}  // namespace cognito::actions
