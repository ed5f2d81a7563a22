#include "server/actions/users.h"

#include <set>

#include "auth/srp.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"

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

std::vector<storage::Attribute> ParseAttributes(const storage::PoolRecord& pool, const Json* list) {
  std::vector<storage::Attribute> out;
  if (list == nullptr) {
    return out;
  }
  const Json doc = Json::parse(pool.description_json, nullptr, false);
  std::set<std::string> known;
  if (doc.is_object() && doc.contains("SchemaAttributes")) {
    for (const auto& a : doc["SchemaAttributes"]) {
      known.insert(a.value("Name", ""));
    }
  }
  std::set<std::string> seen;
  for (const auto& item : *list) {
    const std::string name = item.value("Name", "");
    std::string value = item.contains("Value") && item["Value"].is_string()
                            ? item["Value"].get<std::string>() : "";
    if (name == "sub") {
      throw CognitoError::InvalidParameter(
          "Attributes did not conform to the schema: sub: Attribute cannot be updated.\n");
    }
    if (known.count(name) == 0) {
      throw CognitoError::InvalidParameter("Attributes did not conform to the schema: " + name +
                                           ": Attribute does not exist in the schema.\n");
    }
    if (!seen.insert(name).second) {
      throw CognitoError::InvalidParameter("Duplicate attribute name " + name);
    }
    out.emplace_back(name, std::move(value));
  }
  return out;
}

std::vector<std::string> MissingRequiredAttributes(const storage::PoolRecord& pool,
                                                   const storage::UserRecord& user) {
  std::vector<std::string> missing;
  const Json doc = Json::parse(pool.description_json, nullptr, false);
  if (!doc.is_object() || !doc.contains("SchemaAttributes")) {
    return missing;
  }
  for (const auto& a : doc["SchemaAttributes"]) {
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
  user.password_salt = std::move(verifier.salt);
  user.password_verifier = std::move(verifier.verifier);
  user.password_set_ms = ctx.env.clock.NowMillis();
}

bool PasswordMatches(const storage::UserRecord& user, const std::string& password) {
  if (user.password_verifier.empty()) {
    return false;
  }
  return auth::CheckPassword({user.password_salt, user.password_verifier},
                             SrpPoolName(user.pool_id), user.username, password);
}

}  // namespace cognito::actions
