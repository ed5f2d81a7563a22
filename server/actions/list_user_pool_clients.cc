#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"
#include "server/actions/settings.h"

namespace cognito::actions {

namespace {

constexpr const char* kTokenKind = "clients";
constexpr int64_t kDefaultMaxResults = 60;

}  // namespace

Json ListUserPoolClients(Context& ctx, const Json& input) {
  const storage::PoolRecord& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  // The validator guarantees MaxResults in 1..60 when given.
  const int limit = static_cast<int>(OptInt(input, "MaxResults").value_or(kDefaultMaxResults));
  std::string after;
  if (std::optional<std::string> token = OptStr(input, "NextToken")) {
    after = DecodePageToken(kTokenKind, *token);
  }
  // One extra row tells whether another page exists.
  std::vector<storage::ClientRecord> clients = ctx.store.ListClients(pool.id, after, limit + 1);
  const bool more = clients.size() > static_cast<size_t>(limit);
  if (more) {
    clients.resize(static_cast<size_t>(limit));
  }
  Json out = {{"UserPoolClients", Json::array()}};
  for (const storage::ClientRecord& client : clients) {
    out["UserPoolClients"].push_back({{"ClientId", client.client_id},
                                      {"UserPoolId", client.pool_id},
                                      {"ClientName", client.name}});
  }
  if (more) {
    out["NextToken"] = EncodePageToken(kTokenKind, clients.back().client_id);
  }
  return out;
}

}  // namespace cognito::actions
