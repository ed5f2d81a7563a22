#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/groups.h"
#include "server/actions/settings.h"

namespace cognito::actions {

Json ListGroups(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  int64_t limit = OptInt(input, "Limit").value_or(60);
  limit = limit == 0 ? 60 : limit;
  auto groups = ctx.store.ListGroups(pool.id, DecodeNextToken(input), static_cast<int>(limit) + 1);
  Json out{{"Groups", Json::array()}};
  const size_t shown = std::min(groups.size(), static_cast<size_t>(limit));
  for (size_t i = 0; i < shown; ++i) {
    out["Groups"].push_back(GroupDocument(groups[i]));
  }
  if (groups.size() > shown) {
    out["NextToken"] = EncodeNextToken(groups[shown - 1].name);
  }
  return out;
}

}  // namespace cognito::actions
