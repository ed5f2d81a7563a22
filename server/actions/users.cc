#include "server/actions/users.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <set>

#include "auth/srp.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/user_mfa.h"

namespace cognito::actions {

std::optional<storage::UserRecord> FindUser(Context& ctx, const storage::PoolRecord& pool,
                                            const PoolSettings& settings,
                                            const std::string& username) {
  auto user = ctx.store.GetUser(pool.id, username, settings.case_sensitive);
  if (user) {
    return user;
  }
  for (const auto& attribute : settings.username_attributes) {
    auto found = ctx.store.ListUsers(
        pool.id, "", 2, storage::UserFilter{attribute, storage::UserFilter::Op::kEquals, username});
    if (found.size() == 1) {
      return std::move(found.front());
    }
  }
  return std::nullopt;
}

storage::UserRecord RequireUser(Context& ctx, const storage::PoolRecord& pool,
                                const PoolSettings& settings, const std::string& username) {
  auto user = FindUser(ctx, pool, settings, username);
  if (!user) {
    throw CognitoError::UserNotFound();
  }
  return std::move(*user);
}

Json AttributeList(const storage::UserRecord& user, const std::vector<std::string>& only) {
  auto wanted = [&](const std::string& name) {
    if (only.empty()) {
      return true;
    }
    for (const auto& o : only) {
      if (o == name) {
        return true;
      }
    }
    return false;
  };
  Json list = Json::array();
  if (wanted("sub")) {
    list.push_back({{"Name", "sub"}, {"Value", user.sub}});
  }
  for (const auto& [name, value] : user.attributes) {
    if (wanted(name)) {
      list.push_back({{"Name", name}, {"Value", value}});
    }
  }
  return list;
}

Json UserDocument(const storage::UserRecord& user, const std::vector<std::string>& only) {
  return Json{{"Username", user.username},
              {"Attributes", AttributeList(user, only)},
              {"UserCreateDate", Timestamp(user.created_ms)},
              {"UserLastModifiedDate", Timestamp(user.modified_ms)},
              {"Enabled", user.enabled},
              {"UserStatus", user.status}};
}

namespace {

constexpr const char* kSchemaPrefix = "Attributes did not conform to the schema: ";

[[noreturn]] void SchemaViolation(const std::string& name, const std::string& why) {
  throw CognitoError::InvalidParameter(kSchemaPrefix + name + ": " + why + "\n");
}

// A stored constraint bound ("MinLength": "3"); nullopt when absent or not a number.
std::optional<long long> StoredBound(const Json& constraints, const char* key) {
  auto it = constraints.find(key);
  if (it == constraints.end() || !it->is_string()) {
    return std::nullopt;
  }
  const std::string text = it->get<std::string>();
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno != 0) {
    return std::nullopt;
  }
  return value;
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (char c : s) {
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return n;
}

// The value against the schema entry's String / Number constraints (Number values are
// integers). An empty value removes the attribute and is not checked here.
void CheckValue(const Json& entry, const std::string& name, const std::string& value) {
  if (value.empty()) {
    return;
  }
  const std::string type = entry.value("AttributeDataType", "String");
  if (type == "String") {
    const Json constraints = entry.value("StringAttributeConstraints", Json::object());
    const long long length = static_cast<long long>(CodePoints(value));
    if (auto max = StoredBound(constraints, "MaxLength"); max && length > *max) {
      SchemaViolation(name, "String must be no longer than " + std::to_string(*max) + " characters");
    }
    if (auto min = StoredBound(constraints, "MinLength"); min && length < *min) {
      SchemaViolation(name, "String must be no shorter than " + std::to_string(*min) + " characters");
    }
  } else if (type == "Number") {
    char* end = nullptr;
    errno = 0;
    const long long number = std::strtoll(value.c_str(), &end, 10);
    if (*end != '\0' || errno != 0 || value.front() == '+' || std::isspace(static_cast<unsigned char>(value.front()))) {
      SchemaViolation(name, "Number is not a valid integer");
    }
    const Json constraints = entry.value("NumberAttributeConstraints", Json::object());
    if (auto max = StoredBound(constraints, "MaxValue"); max && number > *max) {
      SchemaViolation(name, "Number must be no greater than " + std::to_string(*max));
    }
    if (auto min = StoredBound(constraints, "MinValue"); min && number < *min) {
      SchemaViolation(name, "Number must be no less than " + std::to_string(*min));
    }
  }
}

}  // namespace

std::vector<storage::Attribute> ParseAttributes(const storage::PoolRecord& pool, const Json* list) {
  std::vector<storage::Attribute> out;
  if (list == nullptr) {
    return out;
  }
  const auto schema = ParsePoolSchema(pool);
  std::set<std::string> seen;
  for (const auto& item : *list) {
    const std::string name = item.value("Name", "");
    std::string value = item.contains("Value") && item["Value"].is_string()
                            ? item["Value"].get<std::string>() : "";
    if (name == "sub") {
      SchemaViolation("sub", "Attribute cannot be updated.");
    }
    const Json* entry = schema->Find(name);
    if (entry == nullptr) {
      SchemaViolation(name, "Attribute does not exist in the schema.");
    }
    if (!seen.insert(name).second) {
      throw CognitoError::InvalidParameter("Duplicate attribute name " + name);
    }
    CheckValue(*entry, name, value);
    out.emplace_back(name, std::move(value));
  }
  return out;
}

std::vector<std::string> MissingRequiredAttributes(const storage::PoolRecord& pool,
                                                   const storage::UserRecord& user) {
  std::vector<std::string> missing;
  for (const auto& a : ParsePoolSchema(pool)->Attributes()) {
    const std::string name = a.value("Name", "");
    if (!a.value("Required", false) || name == "sub") {
      continue;
    }
    bool present = false;
    for (const auto& attribute : user.attributes) {
      present = present || (attribute.first == name && !attribute.second.empty());
    }
    if (!present) {
      missing.push_back(name);
    }
  }
  return missing;
}

void CheckClientMayWrite(const ClientSettings& client, const std::string& name) {
  const auto& allowed = client.write_attributes;
  if (name == "email_verified" || name == "phone_number_verified" || name.rfind("dev:", 0) == 0 ||
      (!allowed.empty() && std::find(allowed.begin(), allowed.end(), name) == allowed.end())) {
    throw CognitoError::NotAuthorized("A client attempted to write unauthorized attribute");
  }
}

void CheckRequiredAttributes(const storage::PoolRecord& pool, const storage::UserRecord& user) {
  const auto missing = MissingRequiredAttributes(pool, user);
  if (missing.empty()) {
    return;
  }
  std::string message = kSchemaPrefix;
  for (const auto& name : missing) {
    message += name + ": The attribute is required\n";
  }
  throw CognitoError::InvalidParameter(message);
}

std::vector<AliasHolder> VerifiedAliasHolders(Context& ctx, const storage::PoolRecord& pool,
                                              const PoolSettings& settings,
                                              const storage::UserRecord& user, bool force) {
  std::vector<AliasHolder> holders;
  for (const std::string attribute : {"email", "phone_number"}) {
    const std::string value = AttributeValue(user, attribute);
    if (value.empty() || AttributeValue(user, attribute + "_verified") != "true" ||
        std::find(settings.alias_attributes.begin(), settings.alias_attributes.end(), attribute) ==
            settings.alias_attributes.end()) {
      continue;
    }
    const auto others = ctx.store.ListUsers(
        pool.id, "", 10, storage::UserFilter{attribute, storage::UserFilter::Op::kEquals, value});
    for (const auto& other : others) {
      if (other.sub == user.sub || AttributeValue(other, attribute + "_verified") != "true") {
        continue;
      }
      if (!force) {
        throw CognitoError(ErrorCode::kAliasExists,
                           "An account with the given " + attribute + " already exists.");
      }
      holders.push_back({other.username, attribute});
    }
  }
  return holders;
}

void ReleaseAliases(storage::Store& store, const std::string& pool_id,
                    const std::vector<AliasHolder>& holders) {
  for (const auto& holder : holders) {
    if (auto other = store.GetUser(pool_id, holder.username, true)) {
      SetAttribute(*other, holder.attribute + "_verified", "false");
      store.UpdateUser(*other);
    }
  }
}

bool LooksLikeEmail(const std::string& s) {
  const auto at = s.find('@');
  return at != std::string::npos && at > 0 && at + 1 < s.size() && s.find('@', at + 1) == std::string::npos;
}

bool LooksLikePhone(const std::string& s) {
  if (s.size() < 2 || s[0] != '+') {
    return false;
  }
  return s.find_first_not_of("0123456789", 1) == std::string::npos;
}

void ApplyUsernameAttributes(const PoolSettings& settings, storage::UserRecord& user,
                             const std::string& given) {
  if (settings.username_attributes.empty()) {
    user.username = given;
    return;
  }
  std::string attribute;
  for (const auto& a : settings.username_attributes) {
    if ((a == "email" && LooksLikeEmail(given)) || (a == "phone_number" && LooksLikePhone(given))) {
      attribute = a;
    }
  }
  if (attribute.empty()) {
    throw CognitoError::InvalidParameter("Username should be either an email or a phone number.");
  }
  user.username = user.sub;
  SetAttribute(user, attribute, given);
}

void SetAttribute(storage::UserRecord& user, const std::string& name, const std::string& value) {
  for (auto& attribute : user.attributes) {
    if (attribute.first == name) {
      attribute.second = value;
      return;
    }
  }
  user.attributes.emplace_back(name, value);
}

std::string SrpPoolName(const std::string& pool_id) {
  return pool_id.substr(pool_id.find('_') + 1);
}

void SetPassword(Context& ctx, const PoolSettings& settings, storage::UserRecord& user,
                 const std::string& password, const std::string& prefix) {
  const std::string problem = auth::PasswordPolicyViolation(settings.password_policy, password);
  if (!problem.empty()) {
    throw CognitoError(ErrorCode::kInvalidPassword, prefix + problem);
  }
  auto verifier = auth::MakePasswordVerifier(SrpPoolName(user.pool_id), user.username, password,
                                             ctx.env.random);
  user.password = storage::UserPassword{std::move(verifier.salt), std::move(verifier.verifier)};
  user.password_set_ms = ctx.env.clock.NowMillis();
}

storage::UserPassword PasswordOf(Context& ctx, const storage::UserRecord& user) {
  return user.password ? *user.password : ctx.store.GetPassword(user.pool_id, user.username);
}

bool PasswordMatches(Context& ctx, const storage::UserRecord& user, const std::string& password) {
  storage::UserPassword stored = PasswordOf(ctx, user);
  if (stored.verifier.empty()) {
    return false;
  }
  return auth::CheckPassword({std::move(stored.salt), std::move(stored.verifier)},
                             SrpPoolName(user.pool_id), user.username, password);
}

}  // namespace cognito::actions
