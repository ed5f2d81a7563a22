#include "auth/crypto.h"
#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"
#include "server/actions/user_filter.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

constexpr int64_t kDefaultLimit = 60;

}  // namespace

Json ListUsers(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const auto filter = ParseUserFilter(OptStr(input, "Filter").value_or(""));
  int64_t limit = OptInt(input, "Limit").value_or(kDefaultLimit);
  if (limit == 0) {
    limit = kDefaultLimit;
  }
  const std::string after = PaginationAfter(input);
  std::vector<std::string> only;
  if (const Json* names = OptMember(input, "AttributesToGet")) {
    only = names->get<std::vector<std::string>>();
  }
  // One extra row tells whether another page exists.
  auto users = ctx.store.ListUsers(pool.id, after, static_cast<int>(limit) + 1, filter);
  Json out{{"Users", Json::array()}};
  const size_t shown = std::min(users.size(), static_cast<size_t>(limit));
  for (size_t i = 0; i < shown; ++i) {
    Json doc = UserDocument(users[i], only);
    if (!only.empty() && doc["Attributes"].empty()) {
      doc.erase("Attributes");
    }
    out["Users"].push_back(std::move(doc));
  }
  if (users.size() > shown) {
    out["PaginationToken"] = auth::Base64UrlEncode(users[shown - 1].username);
  }
  return out;
}

}  // namespace cognito::actions
