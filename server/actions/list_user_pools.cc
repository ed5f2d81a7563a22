#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"

namespace cognito::actions {

namespace {

constexpr const char* kTokenKind = "pools";

Json PoolSummary(const storage::PoolRecord& pool) {
  const Json doc = ParseStoredDocument(pool.description_json);
  return {{"Id", pool.id},
          {"Name", pool.name},
          {"LambdaConfig", doc.value("LambdaConfig", Json::object())},
          {"LastModifiedDate", Timestamp(pool.modified_ms)},
          {"CreationDate", Timestamp(pool.created_ms)}};
}

}  // namespace

Json ListUserPools(Context& ctx, const Json& input) {
  // The validator guarantees MaxResults in 1..60.
  const int limit = static_cast<int>(OptInt(input, "MaxResults").value_or(60));
  std::string after;
  if (std::optional<std::string> token = OptStr(input, "NextToken")) {
    after = DecodePageToken(kTokenKind, *token);
  }
  // One extra row tells whether another page exists.
  std::vector<storage::PoolRecord> pools = ctx.store.ListPools(after, limit + 1);
  const bool more = pools.size() > static_cast<size_t>(limit);
  if (more) {
    pools.resize(static_cast<size_t>(limit));
  }
  Json out = {{"UserPools", Json::array()}};
  for (const storage::PoolRecord& pool : pools) {
    out["UserPools"].push_back(PoolSummary(pool));
  }
  if (more) {
    out["NextToken"] = EncodePageToken(kTokenKind, pools.back().id);
  }
  return out;
}

}  // namespace cognito::actions
