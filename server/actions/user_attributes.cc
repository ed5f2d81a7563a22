// Attribute changes after sign-up (issue #8): UpdateUserAttributes, AdminUpdateUserAttributes,
// DeleteUserAttributes, AdminDeleteUserAttributes, GetUserAttributeVerificationCode and
// VerifyUserAttribute.
#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"
#include "server/actions/settings.h"
#include "server/actions/tokens.h"
#include "server/actions/triggers.h"
#include "server/actions/user_codes.h"
#include "server/actions/user_mfa.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

constexpr const char* kSchemaPrefix = "Attributes did not conform to the schema: ";

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool Verifiable(const std::string& name) { return name == "email" || name == "phone_number"; }

// The SchemaAttributes entry of `name` (an empty object when there is none).
const Json& SchemaEntry(const PoolSchema& schema, const std::string& name) {
  static const Json kNone = Json::object();
  const Json* entry = schema.Find(name);
  return entry != nullptr ? *entry : kNone;
}

void RemoveAttribute(storage::UserRecord& user, const std::string& name) {
  std::erase_if(user.attributes, [&](const storage::Attribute& a) { return a.first == name; });
}

// AliasExistsException when another user of the pool holds `value` as `attribute`: any holder
// when the pool signs in with the attribute, a verified one when it is an alias.
void CheckUnique(Context& ctx, const storage::PoolRecord& pool, const PoolSettings& settings,
                 const storage::UserRecord& user, const std::string& attribute,
                 const std::string& value) {
  const bool username = Contains(settings.username_attributes, attribute);
  const bool alias = Contains(settings.alias_attributes, attribute);
  if (value.empty() || (!username && !alias)) {
    return;
  }
  const auto holders = ctx.store.ListUsers(
      pool.id, "", 10, storage::UserFilter{attribute, storage::UserFilter::Op::kEquals, value});
  for (const auto& other : holders) {
    if (other.sub == user.sub) {
      continue;
    }
    if (username || AttributeValue(other, attribute + "_verified") == "true") {
      throw CognitoError(ErrorCode::kAliasExists,
                         "An account with the given " + attribute + " already exists.");
    }
  }
}

// Validates and applies an AttributeListType of changes; returns the CodeDeliveryDetails of the
// verification codes sent for changed email / phone_number values.
Json UpdateAttributes(Context& ctx, const storage::PoolRecord& pool, storage::UserRecord& user,
                      const Json* list, const ClientSettings* writer,
                      const MessageOrigin& origin) {
  const PoolSettings settings = ParsePoolSettings(pool);
  const auto schema = ParsePoolSchema(pool);
  const auto changes = ParseAttributes(pool, list);
  std::map<std::string, std::string> given(changes.begin(), changes.end());
  for (const auto& [name, value] : changes) {
    const Json& entry = SchemaEntry(*schema, name);
    if (!entry.value("Mutable", true)) {
      throw CognitoError::InvalidParameter(std::string(kSchemaPrefix) + name +
                                           ": Attribute cannot be updated.\n");
    }
    if (writer != nullptr) {
      CheckClientMayWrite(*writer, name);
    }
    if (value.empty() && entry.value("Required", false)) {
      throw CognitoError::InvalidParameter(std::string(kSchemaPrefix) + name +
                                           ": The attribute is required\n");
    }
  }
  const auto& before_update = settings.verify_before_update;
  std::vector<std::pair<Delivery, bool>> codes;  // delivery, pending
  storage::UserRecord updated = user;
  for (const auto& [name, value] : changes) {
    if (!Verifiable(name)) {
      if (value.empty()) {
        RemoveAttribute(updated, name);
      } else {
        SetAttribute(updated, name, value);
      }
      continue;
    }
    const std::string old = AttributeValue(user, name);
    auto flag = given.find(name + "_verified");
    const bool verified_now = flag != given.end() && flag->second == "true";
    if (value == old) {
      continue;
    }
    CheckUnique(ctx, pool, settings, user, name, value);
    const bool auto_verify = Contains(settings.auto_verified_attributes, name);
    if (value.empty()) {
      RemoveAttribute(updated, name);
      RemoveAttribute(updated, name + "_verified");
      DropAttributeCode(ctx, user, name);
      continue;
    }
    if (!verified_now && auto_verify && Contains(before_update, name) && !old.empty() &&
        AttributeValue(user, name + "_verified") == "true") {
      codes.emplace_back(Delivery{name, value}, true);  // the old value stays until verified
      continue;
    }
    SetAttribute(updated, name, value);
    if (flag == given.end()) {
      SetAttribute(updated, name + "_verified", "false");
    }
    if (!verified_now && auto_verify) {
      codes.emplace_back(Delivery{name, value}, false);
    } else {
      DropAttributeCode(ctx, user, name);
    }
  }
  // An explicit *_verified of an attribute the request does not change (admin only).
  for (const char* name : {"email", "phone_number"}) {
    const std::string key = std::string(name) + "_verified";
    if (auto flag = given.find(key); flag != given.end() && given.count(name) == 0) {
      if (flag->second == "true") {
        CheckUnique(ctx, pool, settings, user, name, AttributeValue(updated, name));
      }
      SetAttribute(updated, key, flag->second);
    } else if (flag != given.end() && given.count(name) != 0 &&
               AttributeValue(updated, name) == given[name]) {
      SetAttribute(updated, key, flag->second);
    }
  }
  updated.modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdateUser(updated);
  user = std::move(updated);
  Json details = Json::array();
  for (const auto& [delivery, pending] : codes) {
    details.push_back(IssueAttributeCode(ctx, pool, user, delivery, pending, origin));
  }
  return details;
}

void DeleteAttributes(Context& ctx, const storage::PoolRecord& pool, storage::UserRecord& user,
                      const Json& names, const ClientSettings* writer) {
  const auto schema = ParsePoolSchema(pool);
  std::vector<std::string> list;
  for (const auto& item : names) {
    const std::string name = item.is_string() ? item.get<std::string>() : "";
    const Json& entry = SchemaEntry(*schema, name);
    if (name == "sub" || (!entry.empty() && !entry.value("Mutable", true))) {
      throw CognitoError::InvalidParameter(std::string(kSchemaPrefix) + name +
                                           ": Attribute cannot be updated.\n");
    }
    if (entry.empty()) {
      throw CognitoError::InvalidParameter(std::string(kSchemaPrefix) + name +
                                           ": Attribute does not exist in the schema.\n");
    }
    if (entry.value("Required", false)) {
      throw CognitoError::InvalidParameter(std::string(kSchemaPrefix) + name +
                                           ": The attribute is required\n");
    }
    if (writer != nullptr) {
      CheckClientMayWrite(*writer, name);
    }
    list.push_back(name);
  }
  for (const auto& name : list) {
    RemoveAttribute(user, name);
    if (Verifiable(name)) {
      RemoveAttribute(user, name + "_verified");
      DropAttributeCode(ctx, user, name);
    }
  }
  user.modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdateUser(user);
}

void RequireVerifiable(const std::string& name) {
  if (!Verifiable(name)) {
    throw CognitoError::InvalidParameter("Invalid attribute name: " + name);
  }
}

// The settings of the app client an access token was issued to.
ClientSettings TokenClient(Context& ctx, const AccessTokenOwner& owner) {
  return ParseClientSettings(RequireClient(ctx, owner.client_id));
}

}  // namespace

Json UpdateUserAttributes(Context& ctx, const Json& input) {
  auto owner = VerifyAccessToken(ctx, Str(input, "AccessToken"));
  const ClientSettings client = TokenClient(ctx, owner);
  const Json details =
      UpdateAttributes(ctx, *owner.pool, owner.user, OptMember(input, "UserAttributes"), &client,
                       {"CustomMessage_UpdateUserAttribute", owner.client_id,
                        ClientMetadataOf(input)});
  Json out = Json::object();
  if (!details.empty()) {
    out["CodeDeliveryDetailsList"] = details;
  }
  return out;
}

Json AdminUpdateUserAttributes(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  auto user = RequireUser(ctx, pool, ParsePoolSettings(pool), Str(input, "Username"));
  UpdateAttributes(ctx, pool, user, OptMember(input, "UserAttributes"), nullptr,
                   {"CustomMessage_UpdateUserAttribute", kNoClient, ClientMetadataOf(input)});
  return Json::object();
}

Json DeleteUserAttributes(Context& ctx, const Json& input) {
  auto owner = VerifyAccessToken(ctx, Str(input, "AccessToken"));
  const Json* names = OptMember(input, "UserAttributeNames");
  const ClientSettings client = TokenClient(ctx, owner);
  DeleteAttributes(ctx, *owner.pool, owner.user, names ? *names : Json::array(), &client);
  return Json::object();
}

Json AdminDeleteUserAttributes(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  auto user = RequireUser(ctx, pool, ParsePoolSettings(pool), Str(input, "Username"));
  const Json* names = OptMember(input, "UserAttributeNames");
  DeleteAttributes(ctx, pool, user, names ? *names : Json::array(), nullptr);
  return Json::object();
}

// The code goes to the value waiting for verification, if any, else the current one.
Json GetUserAttributeVerificationCode(Context& ctx, const Json& input) {
  auto owner = VerifyAccessToken(ctx, Str(input, "AccessToken"));
  const std::string name = Str(input, "AttributeName");
  RequireVerifiable(name);
  const auto pending = PendingAttributeValue(ctx, owner.user, name);
  const std::string value = pending ? *pending : AttributeValue(owner.user, name);
  if (value.empty()) {
    throw CognitoError::InvalidParameter("Requested attribute does not exist for the user.");
  }
  const MessageOrigin origin{"CustomMessage_VerifyUserAttribute", owner.client_id,
                             ClientMetadataOf(input)};
  return Json{{"CodeDeliveryDetails", IssueAttributeCode(ctx, *owner.pool, owner.user,
                                                         Delivery{name, value},
                                                         pending.has_value(), origin)}};
}

Json VerifyUserAttribute(Context& ctx, const Json& input) {
  auto owner = VerifyAccessToken(ctx, Str(input, "AccessToken"));
  storage::UserRecord& user = owner.user;
  const std::string name = Str(input, "AttributeName");
  RequireVerifiable(name);
  const auto pending = ConsumeAttributeCode(ctx, user, name, Str(input, "Code"));
  const std::string value = pending ? *pending : AttributeValue(user, name);
  CheckUnique(ctx, *owner.pool, ParsePoolSettings(*owner.pool), user, name, value);
  if (pending) {
    SetAttribute(user, name, *pending);
  }
  SetAttribute(user, name + "_verified", "true");
  user.modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdateUser(user);
  return Json::object();
}

}  // namespace cognito::actions
