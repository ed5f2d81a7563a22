#include "server/actions/settings.h"

#include <mutex>
#include <unordered_map>

#include "server/actions/client_document.h"
#include "server/actions/error.h"
#include "server/actions/pool_document.h"
#include "server/actions/pool_mfa.h"

namespace cognito::actions {

namespace {

// Settings are a pure function of the stored document, so parsed views are remembered by the
// document's text: a changed pool or client has another text and is parsed afresh. Bounded: the
// memo starts over when it holds kMaxDocuments texts.
template <typename Settings>
class DocumentMemo {
 public:
  template <typename Parse>
  Settings Get(const std::string& document, Parse parse) {
    {
      std::lock_guard lock(mu_);
      if (auto it = memo_.find(document); it != memo_.end()) {
        return it->second;
      }
    }
    Settings parsed = parse(document);
    std::lock_guard lock(mu_);
    if (memo_.size() >= kMaxDocuments) {
      memo_.clear();
    }
    memo_.emplace(document, parsed);
    return parsed;
  }

 private:
  static constexpr size_t kMaxDocuments = 512;
  std::mutex mu_;
  std::unordered_map<std::string, Settings> memo_;
};

std::vector<std::string> StringList(const Json& doc, const char* key) {
  std::vector<std::string> out;
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_array()) {
    return out;
  }
  for (const Json& element : *it) {
    if (element.is_string()) {
      out.push_back(element.get<std::string>());
    }
  }
  return out;
}

// Values are stored as validated JSON numbers; narrowing to int is safe within the model's ranges.
int IntOr(const Json& object, const char* key, int fallback) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) {
    return fallback;
  }
  return it->get<int>();
}

bool BoolOr(const Json& object, const char* key, bool fallback) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_boolean()) {
    return fallback;
  }
  return it->get<bool>();
}

auth::PasswordPolicy ParsePasswordPolicy(const Json& doc) {
  auth::PasswordPolicy policy;
  auto policies = doc.find("Policies");
  if (policies == doc.end() || !policies->contains("PasswordPolicy")) {
    return policy;
  }
  const Json& p = (*policies)["PasswordPolicy"];
  policy.minimum_length = IntOr(p, "MinimumLength", policy.minimum_length);
  policy.require_uppercase = BoolOr(p, "RequireUppercase", false);
  policy.require_lowercase = BoolOr(p, "RequireLowercase", false);
  policy.require_numbers = BoolOr(p, "RequireNumbers", false);
  policy.require_symbols = BoolOr(p, "RequireSymbols", false);
  const int days = IntOr(p, "TemporaryPasswordValidityDays", 0);
  policy.temporary_password_validity_days =
      days > 0 ? days : policy.temporary_password_validity_days;
  return policy;
}

// Legacy values map to their ALLOW_* successors; legacy clients always allowed SRP and refresh,
// and custom auth unless only custom auth was allowed.
void NormaliseFlows(const std::vector<std::string>& given, ClientSettings& settings) {
  bool legacy = true;
  for (const std::string& flow : given) {
    if (!IsLegacyAuthFlow(flow)) {
      legacy = false;
      settings.auth_flows.insert(flow);
    } else if (flow == "ADMIN_NO_SRP_AUTH") {
      settings.auth_flows.insert("ALLOW_ADMIN_USER_PASSWORD_AUTH");
    } else if (flow == "USER_PASSWORD_AUTH") {
      settings.auth_flows.insert("ALLOW_USER_PASSWORD_AUTH");
    } else if (flow == "CUSTOM_AUTH_FLOW_ONLY") {
      settings.custom_auth_only = true;
    }
  }
  if (!legacy) {
    return;
  }
  settings.auth_flows.insert("ALLOW_REFRESH_TOKEN_AUTH");
  settings.auth_flows.insert("ALLOW_CUSTOM_AUTH");
  if (!settings.custom_auth_only) {
    settings.auth_flows.insert("ALLOW_USER_SRP_AUTH");
  }
}

void ParseLambdaConfig(const Json& doc, PoolSettings& settings) {
  auto it = doc.find("LambdaConfig");
  if (it == doc.end() || !it->is_object()) {
    return;
  }
  for (const auto& [name, value] : it->items()) {
    if (value.is_string() && !value.get<std::string>().empty()) {
      settings.triggers[name] = value.get<std::string>();
    }
  }
  // The custom senders are {LambdaVersion, LambdaArn} objects.
  for (const char* sender : {"CustomSMSSender", "CustomEmailSender"}) {
    if (auto config = it->find(sender); config != it->end() && config->is_object()) {
      const std::string arn = config->value("LambdaArn", "");
      if (!arn.empty()) {
        settings.triggers[sender] = arn;
      }
    }
  }
  auto config = it->find("PreTokenGenerationConfig");
  if (config != it->end() && config->is_object()) {
    const std::string arn = config->value("LambdaArn", "");
    if (!arn.empty()) {
      settings.triggers["PreTokenGeneration"] = arn;
    }
    const std::string version = config->value("LambdaVersion", "V1_0");
    settings.pre_token_version = version == "V3_0" ? 3 : version == "V2_0" ? 2 : 1;
  }
}

}  // namespace

PoolSettings ParsePoolSettings(const storage::PoolRecord& pool) {
  static DocumentMemo<PoolSettings> memo;
  return memo.Get(pool.description_json, ParsePoolDocument);
}

ClientSettings ParseClientSettings(const storage::ClientRecord& client) {
  static DocumentMemo<ClientSettings> memo;
  return memo.Get(client.description_json, ParseClientDocument);
}

PoolSchema::PoolSchema(const Json& pool_document) {
  auto it = pool_document.find("SchemaAttributes");
  if (it == pool_document.end() || !it->is_array()) {
    return;
  }
  for (const Json& entry : *it) {
    if (!entry.is_object()) {
      continue;
    }
    by_name_.emplace(entry.value("Name", ""), attributes_.size());
    attributes_.push_back(entry);
  }
}

const Json* PoolSchema::Find(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &attributes_[it->second];
}

std::shared_ptr<const PoolSchema> ParsePoolSchema(const storage::PoolRecord& pool) {
  static DocumentMemo<std::shared_ptr<const PoolSchema>> memo;
  return memo.Get(pool.description_json, [](const std::string& document) {
    return std::make_shared<const PoolSchema>(ParseStoredDocument(document));
  });
}

PoolSettings ParsePoolDocument(const std::string& document) {
  const Json doc = ParseStoredDocument(document);
  PoolSettings settings;
  settings.password_policy = ParsePasswordPolicy(doc);
  if (auto it = doc.find("UsernameConfiguration"); it != doc.end() && it->is_object()) {
    settings.case_sensitive = BoolOr(*it, "CaseSensitive", true);
  }
  settings.username_attributes = StringList(doc, "UsernameAttributes");
  settings.alias_attributes = StringList(doc, "AliasAttributes");
  settings.auto_verified_attributes = StringList(doc, "AutoVerifiedAttributes");
  if (auto it = doc.find("UserAttributeUpdateSettings"); it != doc.end() && it->is_object()) {
    settings.verify_before_update = StringList(*it, "AttributesRequireVerificationBeforeUpdate");
  }
  if (auto policies = doc.find("Policies"); policies != doc.end() && policies->is_object()) {
    if (auto sign_in = policies->find("SignInPolicy");
        sign_in != policies->end() && sign_in->is_object() &&
        sign_in->contains("AllowedFirstAuthFactors")) {
      settings.first_auth_factors = StringList(*sign_in, "AllowedFirstAuthFactors");
    }
  }
  if (auto it = doc.find("DeviceConfiguration"); it != doc.end() && it->is_object()) {
    // Any property given turns device tracking on (DeviceConfigurationType).
    settings.device_tracking = it->contains("ChallengeRequiredOnNewDevice") ||
                               it->contains("DeviceOnlyRememberedOnUserPrompt");
    settings.device_replaces_mfa = BoolOr(*it, "ChallengeRequiredOnNewDevice", false);
    settings.device_remembered_on_prompt = BoolOr(*it, "DeviceOnlyRememberedOnUserPrompt", false);
  }
  ParseLambdaConfig(doc, settings);
  const PoolMfa mfa = ParsePoolMfa(doc);
  settings.mfa_configuration = mfa.mode;
  settings.mfa_methods = mfa.Methods();
  return settings;
}

ClientSettings ParseClientDocument(const std::string& document) {
  const Json doc = ParseStoredDocument(document);
  ClientSettings settings;
  if (doc.contains("ExplicitAuthFlows")) {
    NormaliseFlows(StringList(doc, "ExplicitAuthFlows"), settings);
  } else {
    settings.auth_flows = {"ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"};
  }
  const TokenLifetimes lifetimes = ClientTokenLifetimes(doc);
  settings.access_token_seconds = lifetimes.access_seconds;
  settings.id_token_seconds = lifetimes.id_seconds;
  settings.refresh_token_seconds = lifetimes.refresh_seconds;
  settings.auth_session_seconds = IntOr(doc, "AuthSessionValidity", 3) * int64_t{60};
  settings.prevent_user_existence_errors =
      doc.value("PreventUserExistenceErrors", std::string("LEGACY")) == "ENABLED";
  settings.enable_token_revocation = BoolOr(doc, "EnableTokenRevocation", true);
  settings.read_attributes = StringList(doc, "ReadAttributes");
  settings.write_attributes = StringList(doc, "WriteAttributes");
  if (auto it = doc.find("RefreshTokenRotation"); it != doc.end() && it->is_object()) {
    settings.refresh_token_rotation = it->value("Feature", std::string("DISABLED")) == "ENABLED";
    settings.refresh_retry_grace_seconds = IntOr(*it, "RetryGracePeriodSeconds", 0);
  }
  return settings;
}

const storage::PoolRecord& RequirePool(Context& ctx, const std::string& pool_id) {
  auto pool = ctx.store.GetPool(pool_id);
  if (!pool) {
    throw CognitoError::PoolNotFound(pool_id);
  }
  ctx.pools.push_back(std::move(pool));
  return *ctx.pools.back();
}

storage::ClientRecord RequireClient(Context& ctx, const std::string& client_id) {
  std::optional<storage::ClientRecord> client = ctx.store.GetClient(client_id);
  if (!client) {
    throw CognitoError::ClientNotFound(client_id);
  }
  return std::move(*client);
}

storage::ClientRecord RequirePoolClient(Context& ctx, const std::string& pool_id,
                                        const std::string& client_id) {
  // An unknown pool is reported as such first, as Cognito does.
  RequirePool(ctx, pool_id);
  storage::ClientRecord client = RequireClient(ctx, client_id);
  if (client.pool_id != pool_id) {
    throw CognitoError::ClientNotFound(client_id);
  }
  return client;
}

}  // namespace cognito::actions
