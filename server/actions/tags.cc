// TagResource, UntagResource and ListTagsForResource on user pools. The tags live in the pool
// document's UserPoolTags, where CreateUserPool / UpdateUserPool put them, so DescribeUserPool
// shows the same map.
#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"
#include "server/actions/settings.h"

namespace cognito::actions {

namespace {

constexpr size_t kMaxTags = 50;
constexpr std::string_view kPoolMarker = ":userpool/";

// The pool a user-pool ARN names; the ARN must be exactly the pool's.
storage::PoolRecord PoolOfArn(Context& ctx, const std::string& arn) {
  const size_t at = arn.find(kPoolMarker);
  if (at == std::string::npos) {
    throw CognitoError::InvalidParameter("Invalid ARN " + arn.substr(0, 256));
  }
  const std::string pool_id = arn.substr(at + kPoolMarker.size());
  auto pool = RequirePool(ctx, pool_id);
  if (PoolArn(pool_id) != arn) {
    throw CognitoError::PoolNotFound(pool_id);
  }
  return pool;
}

Json Tags(const Json& document) {
  auto it = document.find("UserPoolTags");
  return it != document.end() && it->is_object() ? *it : Json::object();
}

void SaveTags(Context& ctx, storage::PoolRecord pool, Json document, const Json& tags) {
  if (tags.size() > kMaxTags) {
    throw CognitoError::InvalidParameter("A user pool can have at most " +
                                         std::to_string(kMaxTags) + " tags.");
  }
  document["UserPoolTags"] = tags;
  pool.description_json = document.dump();
  ctx.store.UpdatePool(pool);
}

}  // namespace

Json TagResource(Context& ctx, const Json& input) {
  const auto pool = PoolOfArn(ctx, Str(input, "ResourceArn"));
  const Json document = ParseStoredDocument(pool.description_json);
  Json tags = Tags(document);
  for (const auto& [key, value] : input.at("Tags").items()) {
    tags[key] = value;
  }
  SaveTags(ctx, pool, document, tags);
  return Json::object();
}

Json UntagResource(Context& ctx, const Json& input) {
  const auto pool = PoolOfArn(ctx, Str(input, "ResourceArn"));
  const Json document = ParseStoredDocument(pool.description_json);
  Json tags = Tags(document);
  for (const Json& key : input.at("TagKeys")) {
    tags.erase(key.get<std::string>());
  }
  SaveTags(ctx, pool, document, tags);
  return Json::object();
}

Json ListTagsForResource(Context& ctx, const Json& input) {
  const auto pool = PoolOfArn(ctx, Str(input, "ResourceArn"));
  return Json{{"Tags", Tags(ParseStoredDocument(pool.description_json))}};
}

}  // namespace cognito::actions
