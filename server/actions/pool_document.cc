#include "server/actions/pool_document.h"

#include <cerrno>
#include <cstdlib>
#include <optional>
#include <set>
#include <stdexcept>

#include "auth/crypto.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/pool_mfa.h"

namespace cognito::actions {

namespace {

constexpr const char* kAccountId = "123456789012";

// Request members copied verbatim into the stored document (PoolName and Schema are handled
// separately; anything else in the request is not part of UserPoolType).
constexpr const char* kEchoedMembers[] = {"AccountRecoverySetting",
                                          "AdminCreateUserConfig",
                                          "AliasAttributes",
                                          "AutoVerifiedAttributes",
                                          "DeletionProtection",
                                          "DeviceConfiguration",
                                          "EmailConfiguration",
                                          "EmailVerificationMessage",
                                          "EmailVerificationSubject",
                                          "LambdaConfig",
                                          "MfaConfiguration",
                                          "Policies",
                                          "SmsAuthenticationMessage",
                                          "SmsConfiguration",
                                          "SmsVerificationMessage",
                                          "UserAttributeUpdateSettings",
                                          "UserPoolAddOns",
                                          "UserPoolTags",
                                          "UserPoolTier",
                                          "UsernameAttributes",
                                          "UsernameConfiguration",
                                          "VerificationMessageTemplate"};

// Members that UpdateUserPool cannot change.
constexpr const char* kImmutableMembers[] = {"SchemaAttributes", "UsernameAttributes",
                                             "AliasAttributes", "UsernameConfiguration"};

struct StandardAttribute {
  const char* name;
  const char* data_type;
  bool is_mutable;
  bool required;
  const char* min;  // MinLength for String, MinValue for Number; nullptr = no constraints
  const char* max;  // MaxLength for String, MaxValue for Number; nullptr = absent
};

// The OIDC standard attributes, in the order real Cognito lists them.
constexpr StandardAttribute kStandardAttributes[] = {
    {"sub", "String", false, true, "1", "2048"},
    {"name", "String", true, false, "0", "2048"},
    {"given_name", "String", true, false, "0", "2048"},
    {"family_name", "String", true, false, "0", "2048"},
    {"middle_name", "String", true, false, "0", "2048"},
    {"nickname", "String", true, false, "0", "2048"},
    {"preferred_username", "String", true, false, "0", "2048"},
    {"profile", "String", true, false, "0", "2048"},
    {"picture", "String", true, false, "0", "2048"},
    {"website", "String", true, false, "0", "2048"},
    {"email", "String", true, false, "0", "2048"},
    {"email_verified", "Boolean", true, false, nullptr, nullptr},
    {"gender", "String", true, false, "0", "2048"},
    {"birthdate", "String", true, false, "10", "10"},
    {"zoneinfo", "String", true, false, "0", "2048"},
    {"locale", "String", true, false, "0", "2048"},
    {"phone_number", "String", true, false, "0", "2048"},
    {"phone_number_verified", "Boolean", true, false, nullptr, nullptr},
    {"address", "String", true, false, "0", "2048"},
    {"updated_at", "Number", true, false, "0", nullptr},
};

const StandardAttribute* FindStandard(const std::string& name) {
  for (const auto& attribute : kStandardAttributes) {
    if (name == attribute.name) {
      return &attribute;
    }
  }
  return nullptr;
}

const char* ConstraintsKey(const std::string& data_type) {
  if (data_type == "String") {
    return "StringAttributeConstraints";
  }
  if (data_type == "Number") {
    return "NumberAttributeConstraints";
  }
  return nullptr;
}

Json StandardEntry(const StandardAttribute& a) {
  Json entry = {{"Name", a.name},
                {"AttributeDataType", a.data_type},
                {"DeveloperOnlyAttribute", false},
                {"Mutable", a.is_mutable},
                {"Required", a.required}};
  if (a.min != nullptr) {
    const bool is_string = std::string(a.data_type) == "String";
    Json constraints = {{is_string ? "MinLength" : "MinValue", a.min}};
    if (a.max != nullptr) {
      constraints[is_string ? "MaxLength" : "MaxValue"] = a.max;
    }
    entry[ConstraintsKey(a.data_type)] = std::move(constraints);
  }
  return entry;
}

// A constraint bound must be a non-negative integer written as a string.
std::optional<long long> Bound(const Json& constraints, const char* key, const std::string& name) {
  auto it = constraints.find(key);
  if (it == constraints.end()) {
    return std::nullopt;
  }
  const std::string text = it->get<std::string>();
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno != 0 || value < 0) {
    throw CognitoError::InvalidParameter("Invalid " + std::string(key) + " for schema attribute " +
                                         name);
  }
  return value;
}

void CheckConstraints(const Json& entry, const std::string& name) {
  if (auto it = entry.find("StringAttributeConstraints"); it != entry.end()) {
    auto min = Bound(*it, "MinLength", name);
    auto max = Bound(*it, "MaxLength", name);
    if ((min && *min > 2048) || (max && *max > 2048)) {
      throw CognitoError::InvalidParameter(
          "user." + name + ": String attributes cannot have a length of more than 2048");
    }
    if (min && max && *min > *max) {
      throw CognitoError::InvalidParameter("user." + name +
                                           ": Max length cannot be less than min length.");
    }
  }
  if (auto it = entry.find("NumberAttributeConstraints"); it != entry.end()) {
    auto min = Bound(*it, "MinValue", name);
    auto max = Bound(*it, "MaxValue", name);
    if (min && max && *min > *max) {
      throw CognitoError::InvalidParameter("user." + name +
                                           ": Max value cannot be less than min value.");
    }
  }
}

// A standard attribute with the request's overrides of Required, Mutable and constraints.
Json OverrideStandard(const StandardAttribute& standard, const Json& given) {
  const std::string name = standard.name;
  const std::string data_type = given.value("AttributeDataType", std::string(standard.data_type));
  if (data_type != standard.data_type || given.value("DeveloperOnlyAttribute", false)) {
    throw CognitoError::InvalidParameter(
        "You can not change AttributeDataType or set developerOnlyAttribute for standard schema "
        "attribute " +
        name);
  }
  Json entry = StandardEntry(standard);
  entry["Mutable"] = given.value("Mutable", standard.is_mutable);
  entry["Required"] = given.value("Required", standard.required);
  if (const char* key = ConstraintsKey(data_type); key != nullptr && given.contains(key)) {
    entry[key] = given[key];
  }
  CheckConstraints(entry, name);
  return entry;
}

Json CustomEntry(const Json& given) {
  const std::string base = given["Name"].get<std::string>();
  if (!given.contains("AttributeDataType")) {
    throw CognitoError::InvalidParameter(
        "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.");
  }
  if (given.value("Required", false)) {
    throw CognitoError::InvalidParameter("Required custom attributes are not supported currently.");
  }
  const std::string data_type = given["AttributeDataType"].get<std::string>();
  const bool developer_only = given.value("DeveloperOnlyAttribute", false);
  const std::string name = (developer_only ? "dev:custom:" : "custom:") + base;
  Json entry = {{"Name", name},
                {"AttributeDataType", data_type},
                {"DeveloperOnlyAttribute", developer_only},
                {"Mutable", given.value("Mutable", true)},
                {"Required", false}};
  if (const char* key = ConstraintsKey(data_type); key != nullptr) {
    entry[key] = given.contains(key) ? given[key] : Json::object();
  }
  CheckConstraints(entry, name);
  return entry;
}

// Cognito's quota of custom attributes per pool.
constexpr size_t kMaxCustomAttributes = 50;

void CheckCustomCount(size_t count) {
  if (count > kMaxCustomAttributes) {
    throw CognitoError::InvalidParameter("A user pool can have at most " +
                                         std::to_string(kMaxCustomAttributes) +
                                         " custom attributes.");
  }
}

Json BuildSchema(const Json* schema) {
  Json standard_overrides = Json::object();
  Json custom = Json::array();
  std::set<std::string> seen;
  if (schema != nullptr) {
    for (const Json& given : *schema) {
      if (!given.contains("Name")) {
        throw CognitoError::InvalidParameter("Schema attributes must have a Name.");
      }
      const std::string base = given["Name"].get<std::string>();
      const StandardAttribute* standard = FindStandard(base);
      Json entry = standard != nullptr ? OverrideStandard(*standard, given) : CustomEntry(given);
      const std::string name = entry["Name"].get<std::string>();
      if (!seen.insert(name).second) {
        throw CognitoError::InvalidParameter(name + ": Existing attribute already has name " +
                                             name + ".");
      }
      if (standard != nullptr) {
        standard_overrides[name] = std::move(entry);
      } else {
        custom.push_back(std::move(entry));
      }
    }
  }
  Json out = Json::array();
  for (const auto& standard : kStandardAttributes) {
    auto it = standard_overrides.find(standard.name);
    out.push_back(it != standard_overrides.end() ? *it : StandardEntry(standard));
  }
  CheckCustomCount(custom.size());
  for (Json& entry : custom) {
    out.push_back(std::move(entry));
  }
  return out;
}

// A given PasswordPolicy keeps its values; booleans it leaves out are false, as in Cognito's
// API where an absent boolean is false. A missing policy gets the full default.
Json BuildPasswordPolicy(const Json* given, const Json& doc) {
  if (given == nullptr) {
    return {{"MinimumLength", 8},       {"RequireUppercase", true},
            {"RequireLowercase", true}, {"RequireNumbers", true},
            {"RequireSymbols", true},   {"TemporaryPasswordValidityDays", 7}};
  }
  Json policy = *given;
  policy["MinimumLength"] = given->value("MinimumLength", 8);
  for (const char* key :
       {"RequireUppercase", "RequireLowercase", "RequireNumbers", "RequireSymbols"}) {
    policy[key] = given->value(key, false);
  }
  // 0 means "default" (documented); the legacy UnusedAccountValidityDays stands in when given.
  int64_t days = given->value("TemporaryPasswordValidityDays", int64_t{0});
  if (days == 0) {
    days = doc.contains("AdminCreateUserConfig")
               ? doc["AdminCreateUserConfig"].value("UnusedAccountValidityDays", int64_t{7})
               : 7;
  }
  policy["TemporaryPasswordValidityDays"] = days;
  return policy;
}

// Sets doc[object][key] = value unless already present, creating the object when needed.
void Default(Json& doc, const char* object, const char* key, const Json& value) {
  Json& target = doc[object];
  if (!target.is_object()) {
    target = Json::object();
  }
  if (!target.contains(key)) {
    target[key] = value;
  }
}

void DefaultMember(Json& doc, const char* key, const Json& value) {
  if (!doc.contains(key)) {
    doc[key] = value;
  }
}

// The legacy top-level message members and VerificationMessageTemplate mirror each other.
void MirrorVerificationMessages(Json& doc) {
  constexpr const char* kPairs[][2] = {{"EmailVerificationMessage", "EmailMessage"},
                                       {"EmailVerificationSubject", "EmailSubject"},
                                       {"SmsVerificationMessage", "SmsMessage"}};
  Json& tmpl = doc["VerificationMessageTemplate"];
  if (!tmpl.is_object()) {
    tmpl = Json::object();
  }
  for (const auto& pair : kPairs) {
    if (doc.contains(pair[0]) && !tmpl.contains(pair[1])) {
      tmpl[pair[1]] = doc[pair[0]];
    } else if (tmpl.contains(pair[1]) && !doc.contains(pair[0])) {
      doc[pair[0]] = tmpl[pair[1]];
    }
  }
  DefaultMember(tmpl, "DefaultEmailOption", "CONFIRM_WITH_CODE");
}

// PreTokenGeneration and PreTokenGenerationConfig.LambdaArn name the same function: either one
// given sets the other (V1_0 when no version is given).
void MirrorPreTokenGeneration(Json& lambda) {
  auto config = lambda.find("PreTokenGenerationConfig");
  auto arn = lambda.find("PreTokenGeneration");
  if (config != lambda.end()) {
    const std::string config_arn = config->value("LambdaArn", "");
    if (arn != lambda.end() && arn->is_string() && *arn != config_arn) {
      throw CognitoError::InvalidParameter(
          "PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must name the same function.");
    }
    lambda["PreTokenGeneration"] = config_arn;
  } else if (arn != lambda.end()) {
    lambda["PreTokenGenerationConfig"] = {{"LambdaArn", *arn}, {"LambdaVersion", "V1_0"}};
  }
}

// Echoed members plus every default; shared by create and update.
Json SettableDocument(const Json& input) {
  const Json clean = WithoutNulls(input);
  Json doc = Json::object();
  for (const char* key : kEchoedMembers) {
    if (auto it = clean.find(key); it != clean.end()) {
      doc[key] = *it;
    }
  }
  const Json* given_policy = nullptr;
  if (doc.contains("Policies") && doc["Policies"].contains("PasswordPolicy")) {
    given_policy = &doc["Policies"]["PasswordPolicy"];
  }
  Json policy = BuildPasswordPolicy(given_policy, doc);
  Default(doc, "Policies", "SignInPolicy",
          {{"AllowedFirstAuthFactors", Json::array({"PASSWORD"})}});
  doc["Policies"]["PasswordPolicy"] = std::move(policy);
  DefaultMember(doc, "DeletionProtection", "INACTIVE");
  DefaultMember(doc, "LambdaConfig", Json::object());
  MirrorPreTokenGeneration(doc["LambdaConfig"]);
  DefaultMember(doc, "MfaConfiguration", "OFF");
  DefaultMember(doc, "UserPoolTier", "ESSENTIALS");
  Default(doc, "EmailConfiguration", "EmailSendingAccount", "COGNITO_DEFAULT");
  Default(doc, "AdminCreateUserConfig", "AllowAdminCreateUserOnly", false);
  Default(doc, "AdminCreateUserConfig", "UnusedAccountValidityDays", 7);
  MirrorVerificationMessages(doc);
  return doc;
}

}  // namespace

Json WithoutNulls(const Json& value) {
  if (value.is_object()) {
    Json out = Json::object();
    for (const auto& [key, member] : value.items()) {
      if (!member.is_null()) {
        out[key] = WithoutNulls(member);
      }
    }
    return out;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& element : value) {
      if (!element.is_null()) {
        out.push_back(WithoutNulls(element));
      }
    }
    return out;
  }
  return value;
}

Json NewPoolDocument(const Json& input) {
  const Json* alias = OptMember(input, "AliasAttributes");
  const Json* username = OptMember(input, "UsernameAttributes");
  if (alias != nullptr && username != nullptr) {
    throw CognitoError::InvalidParameter(
        "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
  }
  Json doc = SettableDocument(input);
  const Json* schema = OptMember(input, "Schema");
  const Json clean_schema = schema != nullptr ? WithoutNulls(*schema) : Json();
  doc["SchemaAttributes"] = BuildSchema(schema != nullptr ? &clean_schema : nullptr);
  ApplyPoolMfaRules(doc, nullptr);
  return doc;
}

Json UpdatedPoolDocument(const Json& current, const Json& input) {
  Json clean = WithoutNulls(input);
  for (const char* key : kImmutableMembers) {
    clean.erase(key);
  }
  Json doc = SettableDocument(clean);
  for (const char* key : kImmutableMembers) {
    if (auto it = current.find(key); it != current.end()) {
      doc[key] = *it;
    } else {
      doc.erase(key);
    }
  }
  if (OptMember(input, "UserPoolTier") == nullptr && current.contains("UserPoolTier")) {
    doc["UserPoolTier"] = current["UserPoolTier"];
  }
  // The domain belongs to the domain actions, not to UpdateUserPool.
  for (const char* key : {"Domain", "CustomDomain", kPoolDomainMember}) {
    if (auto it = current.find(key); it != current.end()) {
      doc[key] = *it;
    }
  }
  ApplyPoolMfaRules(doc, &current);
  return doc;
}

Json PoolDescription(const storage::PoolRecord& pool, int64_t estimated_users) {
  Json out = ParseStoredDocument(pool.description_json);
  out.erase(kPoolMfaMember);
  out.erase(kPoolDomainMember);
  out["Id"] = pool.id;
  out["Name"] = pool.name;
  out["Arn"] = PoolArn(pool.id);
  out["CreationDate"] = Timestamp(pool.created_ms);
  out["LastModifiedDate"] = Timestamp(pool.modified_ms);
  out["EstimatedNumberOfUsers"] = estimated_users;
  return out;
}

Json WithCustomAttributes(const Json& current, const Json& custom_attributes) {
  Json doc = current;
  Json schema = doc.value("SchemaAttributes", Json::array());
  std::set<std::string> names;
  size_t custom = 0;
  for (const auto& entry : schema) {
    const std::string name = entry.value("Name", "");
    names.insert(name);
    custom += FindStandard(name) == nullptr ? size_t{1} : size_t{0};
  }
  for (const Json& given : custom_attributes) {
    if (!given.contains("Name")) {
      throw CognitoError::InvalidParameter("Schema attributes must have a Name.");
    }
    Json entry = CustomEntry(given);
    const std::string name = entry["Name"].get<std::string>();
    if (!names.insert(name).second) {
      throw CognitoError::InvalidParameter(name + ": Existing attribute already has name " + name +
                                           ".");
    }
    schema.push_back(std::move(entry));
    ++custom;
  }
  CheckCustomCount(custom);
  doc["SchemaAttributes"] = std::move(schema);
  return doc;
}

std::string PoolArn(const std::string& pool_id) {
  const std::string region = pool_id.substr(0, pool_id.find('_'));
  return "arn:aws:cognito-idp:" + region + ":" + kAccountId + ":userpool/" + pool_id;
}

std::vector<std::string> SchemaAttributeNames(const Json& pool_document) {
  std::vector<std::string> names;
  auto it = pool_document.find("SchemaAttributes");
  if (it == pool_document.end() || !it->is_array()) {
    return names;
  }
  for (const Json& entry : *it) {
    names.push_back(entry.value("Name", std::string()));
  }
  return names;
}

std::string EncodePageToken(const std::string& kind, const std::string& last_id) {
  return auth::Base64UrlEncode(kind + ":" + last_id);
}

std::string DecodePageToken(const std::string& kind, const std::string& token) {
  const std::string prefix = kind + ":";
  std::optional<std::string> raw = auth::Base64UrlDecode(token);
  if (!raw || raw->size() <= prefix.size() || raw->compare(0, prefix.size(), prefix) != 0) {
    throw CognitoError::InvalidParameter("Invalid NextToken provided.");
  }
  return raw->substr(prefix.size());
}

Json ParseStoredDocument(const std::string& text) {
  Json doc = Json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    throw std::runtime_error("stored document is not a JSON object");
  }
  return doc;
}

}  // namespace cognito::actions
