#include "server/actions/pre_token_generation.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "server/actions/triggers.h"

namespace cognito::actions {

namespace {

constexpr const char* kUserAdminScope = "aws.cognito.signin.user.admin";

bool Reserved(const std::string& claim) {
  static const std::set<std::string> kReserved = {
      "acr",        "amr",   "at_hash", "aud", "auth_time", "azp",      "c_hash",    "client_id",
      "device_key", "event_id", "exp",  "iat", "identities", "iss",     "jti",       "nbf",
      "nonce",      "origin_jti", "scope", "sub", "token_use", "username", "version"};
  return kReserved.count(claim) != 0 || claim.rfind("cognito:", 0) == 0;
}

// A list of strings, or InvalidLambdaResponseException.
Json StringList(const Json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) {
    return Json::array();
  }
  if (!it->is_array()) {
    InvalidLambdaResponse();
  }
  for (const auto& item : *it) {
    if (!item.is_string()) {
      InvalidLambdaResponse();
    }
  }
  return *it;
}

Json ObjectMember(const Json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) {
    return Json::object();
  }
  if (!it->is_object()) {
    InvalidLambdaResponse();
  }
  return *it;
}

void ReadClaims(const Json& generation, Json& add, Json& suppress, bool strings_only) {
  add = ObjectMember(generation, "claimsToAddOrOverride");
  for (const auto& [name, value] : add.items()) {
    if (value.is_null() || (strings_only && !value.is_string())) {
      InvalidLambdaResponse();
    }
  }
  suppress = StringList(generation, "claimsToSuppress");
}

void ReadGroups(const Json& details, ClaimOverrides& out) {
  auto it = details.find("groupOverrideDetails");
  if (it == details.end() || it->is_null()) {
    return;
  }
  if (!it->is_object()) {
    InvalidLambdaResponse();
  }
  if (it->contains("groupsToOverride") && !(*it)["groupsToOverride"].is_null()) {
    out.groups = StringList(*it, "groupsToOverride");
  }
  if (it->contains("iamRolesToOverride") && !(*it)["iamRolesToOverride"].is_null()) {
    out.roles = StringList(*it, "iamRolesToOverride");
  }
  if (auto role = it->find("preferredRole"); role != it->end()) {
    if (!role->is_null() && !role->is_string()) {
      InvalidLambdaResponse();
    }
    out.preferred_role = *role;
  }
}

Json GroupConfiguration(const std::vector<storage::GroupRecord>& groups) {
  Json names = Json::array();
  Json roles = Json::array();
  Json preferred = nullptr;
  for (const auto& g : groups) {
    names.push_back(g.name);
    if (!g.role_arn.empty()) {
      roles.push_back(g.role_arn);
      if (preferred.is_null()) {
        preferred = g.role_arn;
      }
    }
  }
  return {{"groupsToOverride", names}, {"iamRolesToOverride", roles}, {"preferredRole", preferred}};
}

}  // namespace

ClaimOverrides RunPreTokenGeneration(Context& ctx, const SignIn& s,
                                     const std::vector<storage::GroupRecord>& groups) {
  ClaimOverrides out;
  const PoolSettings settings = ParsePoolSettings(s.pool);
  if (!HasTrigger(settings, Trigger::kPreTokenGeneration)) {
    return out;
  }
  const int version = settings.pre_token_version;
  const char* details_name = version >= 2 ? "claimsAndScopeOverrideDetails" : "claimsOverrideDetails";
  Json request{{"userAttributes", TriggerUserAttributes(s.user)},
               {"groupConfiguration", GroupConfiguration(groups)}};
  if (version >= 2) {
    request["scopes"] = Json::array({kUserAdminScope});
  }
  if (!s.client_metadata.is_null()) {
    request["clientMetadata"] = s.client_metadata;
  }
  const auto response = RunTrigger(
      ctx.env, s.pool, settings,
      {Trigger::kPreTokenGeneration, s.token_source, s.user.username, s.client.client_id,
       std::move(request), Json{{details_name, nullptr}}, std::to_string(version)});
  const Json details = ObjectMember(*response, details_name);
  if (version >= 2) {
    ReadClaims(ObjectMember(details, "idTokenGeneration"), out.id_add, out.id_suppress, false);
    const Json access = ObjectMember(details, "accessTokenGeneration");
    ReadClaims(access, out.access_add, out.access_suppress, false);
    out.scopes_add = StringList(access, "scopesToAdd");
    out.scopes_suppress = StringList(access, "scopesToSuppress");
  } else {
    ReadClaims(details, out.id_add, out.id_suppress, true);
  }
  ReadGroups(details, out);
  return out;
}

void ApplyClaimOverrides(OrderedJson& claims, const Json& add, const Json& suppress) {
  for (const auto& name : suppress) {
    if (!Reserved(name.get<std::string>())) {
      claims.erase(name.get<std::string>());
    }
  }
  for (const auto& [name, value] : add.items()) {
    if (!Reserved(name)) {
      claims[name] = value;
    }
  }
}

std::string OverrideScopes(const std::string& scope, const ClaimOverrides& o) {
  std::vector<std::string> scopes;
  std::istringstream in(scope);
  for (std::string s; in >> s;) {
    scopes.push_back(s);
  }
  for (const auto& add : o.scopes_add) {
    if (std::find(scopes.begin(), scopes.end(), add.get<std::string>()) == scopes.end()) {
      scopes.push_back(add.get<std::string>());
    }
  }
  std::string out;
  for (const auto& s : scopes) {
    if (std::find(o.scopes_suppress.begin(), o.scopes_suppress.end(), s) == o.scopes_suppress.end()) {
      out += (out.empty() ? "" : " ") + s;
    }
  }
  return out;
}

}  // namespace cognito::actions
