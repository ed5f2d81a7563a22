#include "server/actions/client_document.h"

#include <algorithm>
#include <iterator>
#include <vector>

#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"

namespace cognito::actions {

namespace {

// Request members copied verbatim into the stored document.
constexpr const char* kEchoedMembers[] = {"AccessTokenValidity",
                                          "AllowedOAuthFlows",
                                          "AllowedOAuthFlowsUserPoolClient",
                                          "AllowedOAuthScopes",
                                          "AnalyticsConfiguration",
                                          "AuthSessionValidity",
                                          "CallbackURLs",
                                          "DefaultRedirectURI",
                                          "EnablePropagateAdditionalUserContextData",
                                          "EnableTokenRevocation",
                                          "ExplicitAuthFlows",
                                          "IdTokenValidity",
                                          "LogoutURLs",
                                          "PreventUserExistenceErrors",
                                          "ReadAttributes",
                                          "RefreshTokenRotation",
                                          "RefreshTokenValidity",
                                          "SupportedIdentityProviders",
                                          "TokenValidityUnits",
                                          "WriteAttributes"};

constexpr int64_t kMinute = 60;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kDefaultRefreshDays = 30;

struct ValidityRule {
  const char* validity_key;  // AccessTokenValidity ...
  const char* unit_key;      // key in TokenValidityUnits
  const char* default_unit;
  int64_t min_seconds;
  int64_t max_seconds;
  const char* range_text;
};

constexpr ValidityRule kValidityRules[] = {
    {"AccessTokenValidity", "AccessToken", "hours", 5 * kMinute, kDay,
     "between 5 minutes and 1 day"},
    {"IdTokenValidity", "IdToken", "hours", 5 * kMinute, kDay, "between 5 minutes and 1 day"},
    {"RefreshTokenValidity", "RefreshToken", "days", kHour, 3650 * kDay,
     "between 60 minutes and 10 years (3650 days)"},
};

constexpr size_t kRefreshRule = 2;  // index of RefreshTokenValidity in kValidityRules

std::string UnitOf(const Json& doc, const ValidityRule& rule) {
  auto units = doc.find("TokenValidityUnits");
  if (units == doc.end() || !units->is_object()) {
    return rule.default_unit;
  }
  return units->value(rule.unit_key, std::string(rule.default_unit));
}

void DefaultMember(Json& doc, const char* key, const Json& value) {
  if (!doc.contains(key)) {
    doc[key] = value;
  }
}

// RefreshTokenValidity 0 means the default of 30 days, written in the client's refresh unit.
void ApplyRefreshDefault(Json& doc) {
  if (doc.value("RefreshTokenValidity", int64_t{0}) != 0) {
    return;
  }
  doc["RefreshTokenValidity"] =
      kDefaultRefreshDays * kDay / UnitSeconds(UnitOf(doc, kValidityRules[kRefreshRule]));
}

void CheckValidities(const Json& doc) {
  for (const ValidityRule& rule : kValidityRules) {
    if (!doc.contains(rule.validity_key)) {
      continue;
    }
    const int64_t seconds = doc[rule.validity_key].get<int64_t>() * UnitSeconds(UnitOf(doc, rule));
    if (seconds < rule.min_seconds || seconds > rule.max_seconds) {
      throw CognitoError::InvalidParameter(std::string("Invalid range for token validity. ") +
                                           rule.validity_key + " must be " + rule.range_text + ".");
    }
  }
}

void CheckAuthFlows(const Json& doc) {
  auto flows = doc.find("ExplicitAuthFlows");
  if (flows == doc.end()) {
    return;
  }
  bool legacy = false;
  bool allow = false;
  for (const Json& flow : *flows) {
    (IsLegacyAuthFlow(flow.get<std::string>()) ? legacy : allow) = true;
  }
  if (legacy && allow) {
    throw CognitoError::InvalidParameter(
        "ExplicitAuthFlows cannot mix legacy values (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, "
        "USER_PASSWORD_AUTH) with ALLOW_* values.");
  }
}

void CheckAttributes(const Json& doc, const Json& pool_document, ClientOperation operation) {
  const std::vector<std::string> known = SchemaAttributeNames(pool_document);
  const char* verb = operation == ClientOperation::kCreate ? "creating" : "updating";
  for (const char* key : {"ReadAttributes", "WriteAttributes"}) {
    auto list = doc.find(key);
    if (list == doc.end()) {
      continue;
    }
    for (const Json& name : *list) {
      if (std::find(known.begin(), known.end(), name.get<std::string>()) == known.end()) {
        const char* kind = key[0] == 'R' ? "read" : "write";
        throw CognitoError::InvalidParameter(std::string("Invalid ") + kind +
                                             " attributes specified while " + verb + " a client");
      }
    }
  }
}

}  // namespace

int64_t UnitSeconds(const std::string& unit) {
  if (unit == "seconds") {
    return 1;
  }
  if (unit == "minutes") {
    return kMinute;
  }
  if (unit == "days") {
    return kDay;
  }
  return kHour;
}

bool IsLegacyAuthFlow(const std::string& flow) { return flow.rfind("ALLOW_", 0) != 0; }

Json NewClientDocument(const Json& input, const Json& pool_document, ClientOperation operation) {
  const Json clean = WithoutNulls(input);
  Json doc = Json::object();
  for (const char* key : kEchoedMembers) {
    if (auto it = clean.find(key); it != clean.end()) {
      doc[key] = *it;
    }
  }
  Json units = doc.value("TokenValidityUnits", Json::object());
  DefaultMember(units, "AccessToken", "hours");
  DefaultMember(units, "IdToken", "hours");
  DefaultMember(units, "RefreshToken", "days");
  doc["TokenValidityUnits"] = std::move(units);
  ApplyRefreshDefault(doc);
  CheckValidities(doc);
  CheckAuthFlows(doc);
  CheckAttributes(doc, pool_document, operation);
  DefaultMember(
      doc, "ExplicitAuthFlows",
      Json::array({"ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"}));
  DefaultMember(doc, "AllowedOAuthFlowsUserPoolClient", false);
  DefaultMember(doc, "EnableTokenRevocation", true);
  DefaultMember(doc, "EnablePropagateAdditionalUserContextData", false);
  DefaultMember(doc, "AuthSessionValidity", 3);
  DefaultMember(doc, "PreventUserExistenceErrors", "LEGACY");
  return doc;
}

Json ClientDescription(const storage::ClientRecord& client) {
  Json out = ParseStoredDocument(client.description_json);
  out["UserPoolId"] = client.pool_id;
  out["ClientName"] = client.name;
  out["ClientId"] = client.client_id;
  if (!client.secret.empty()) {
    out["ClientSecret"] = client.secret;
  }
  out["CreationDate"] = Timestamp(client.created_ms);
  out["LastModifiedDate"] = Timestamp(client.modified_ms);
  return out;
}

TokenLifetimes ClientTokenLifetimes(const Json& client_document) {
  TokenLifetimes lifetimes;
  int64_t* targets[] = {&lifetimes.access_seconds, &lifetimes.id_seconds,
                        &lifetimes.refresh_seconds};
  for (size_t i = 0; i < std::size(kValidityRules); ++i) {
    const ValidityRule& rule = kValidityRules[i];
    auto it = client_document.find(rule.validity_key);
    if (it != client_document.end() && it->is_number_integer() && it->get<int64_t>() > 0) {
      *targets[i] = it->get<int64_t>() * UnitSeconds(UnitOf(client_document, rule));
    }
  }
  return lifetimes;
}

}  // namespace cognito::actions
