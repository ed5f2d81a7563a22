#include "server/actions/groups.h"

#include "auth/crypto.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"

namespace cognito::actions {

namespace {

constexpr std::string_view kTokenPrefix = "groups:";

}  // namespace

Json GroupDocument(const storage::GroupRecord& group) {
  Json doc{{"GroupName", group.name},
           {"UserPoolId", group.pool_id},
           {"LastModifiedDate", Timestamp(group.modified_ms)},
           {"CreationDate", Timestamp(group.created_ms)}};
  if (!group.description.empty()) doc["Description"] = group.description;
  if (!group.role_arn.empty()) doc["RoleArn"] = group.role_arn;
  if (group.precedence) doc["Precedence"] = *group.precedence;
  return doc;
}

storage::GroupRecord RequireGroup(Context& ctx, const std::string& pool_id, const std::string& name) {
  auto group = ctx.store.GetGroup(pool_id, name);
  if (!group) {
    throw CognitoError::ResourceNotFound("Group not found.");
  }
  return std::move(*group);
}

std::string DecodeNextToken(const Json& input) {
  const auto token = OptStr(input, "NextToken");
  if (!token) {
    return "";
  }
  const auto raw = auth::Base64UrlDecode(*token);
  if (!raw || raw->compare(0, kTokenPrefix.size(), kTokenPrefix) != 0 ||
      raw->size() == kTokenPrefix.size()) {
    throw CognitoError::InvalidParameter("Invalid NextToken provided.");
  }
  return raw->substr(kTokenPrefix.size());
}

std::string EncodeNextToken(const std::string& last) {
  return auth::Base64UrlEncode(std::string(kTokenPrefix) + last);
}

}  // namespace cognito::actions
