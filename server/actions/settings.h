// Typed views of the pool and app-client documents stored as JSON (storage::PoolRecord /
// ClientRecord description_json), plus lookups that raise Cognito's not-found errors. The
// stored document is the single source of truth; these views are derived from its text (and
// remembered by it, so an unchanged document is not parsed again).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "auth/challenge.h"
#include "auth/password_policy.h"
#include "server/actions/context.h"
#include "storage/records.h"

namespace cognito::actions {

struct PoolSettings {
  auth::PasswordPolicy password_policy;
  bool case_sensitive = true;                    // UsernameConfiguration.CaseSensitive
  std::vector<std::string> username_attributes;  // "email" / "phone_number"
  std::vector<std::string> alias_attributes;
  std::vector<std::string> auto_verified_attributes;
  // UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate
  std::vector<std::string> verify_before_update;
  std::string mfa_configuration = "OFF";
  // MFA methods the pool has enabled, in the stable order; empty when MFA is OFF.
  std::vector<auth::MfaMethod> mfa_methods;
  // Policies.SignInPolicy.AllowedFirstAuthFactors: PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN.
  std::vector<std::string> first_auth_factors = {"PASSWORD"};
  // DeviceConfiguration: sign-ins get NewDeviceMetadata and devices can be confirmed.
  bool device_tracking = false;
  bool device_replaces_mfa = false;          // ChallengeRequiredOnNewDevice
  bool device_remembered_on_prompt = false;  // DeviceOnlyRememberedOnUserPrompt
  // LambdaConfig: function ARN by trigger name ("PreSignUp", "DefineAuthChallenge", ...).
  // PreTokenGenerationConfig.LambdaArn, when given, is the PreTokenGeneration function.
  std::map<std::string, std::string> triggers;
  int pre_token_version = 1;  // PreTokenGenerationConfig.LambdaVersion V1_0 / V2_0 / V3_0
};

struct ClientSettings {
  // Normalised to the ALLOW_* names: legacy ADMIN_NO_SRP_AUTH -> ALLOW_ADMIN_USER_PASSWORD_AUTH,
  // CUSTOM_AUTH_FLOW_ONLY -> ALLOW_CUSTOM_AUTH, USER_PASSWORD_AUTH -> ALLOW_USER_PASSWORD_AUTH.
  std::set<std::string> auth_flows;
  bool custom_auth_only = false;  // legacy CUSTOM_AUTH_FLOW_ONLY given
  int64_t access_token_seconds = 3600;
  int64_t id_token_seconds = 3600;
  int64_t refresh_token_seconds = 30LL * 24 * 3600;
  int64_t auth_session_seconds = 180;
  bool prevent_user_existence_errors = false;  // PreventUserExistenceErrors == ENABLED
  bool enable_token_revocation = true;
  // RefreshTokenRotation: GetTokensFromRefreshToken replaces the refresh token, and the old
  // one stays usable for the grace period.
  bool refresh_token_rotation = false;
  int64_t refresh_retry_grace_seconds = 0;
  // ReadAttributes; empty = every attribute readable.
  std::vector<std::string> read_attributes;
  // WriteAttributes; empty = every attribute writable (as far as users may write them at all).
  std::vector<std::string> write_attributes;
};

// A pool's SchemaAttributes entries, in their stored order, with a lookup by Name.
class PoolSchema {
 public:
  explicit PoolSchema(const Json& pool_document);
  const std::vector<Json>& Attributes() const { return attributes_; }
  // The entry of `name`, or nullptr when the schema has none.
  const Json* Find(const std::string& name) const;

 private:
  std::vector<Json> attributes_;
  std::map<std::string, size_t, std::less<>> by_name_;
};

// The settings of a pool / client; remembered by document text, so repeated calls are cheap.
PoolSettings ParsePoolSettings(const storage::PoolRecord& pool);
ClientSettings ParseClientSettings(const storage::ClientRecord& client);
// The pool's schema, remembered the same way (shared: it is not copied per call).
std::shared_ptr<const PoolSchema> ParsePoolSchema(const storage::PoolRecord& pool);
// The parsers behind them, on a stored document's text.
PoolSettings ParsePoolDocument(const std::string& document);
ClientSettings ParseClientDocument(const std::string& document);

// Throw ResourceNotFoundException with Cognito's message when absent. The pool's record stays
// valid as long as `ctx` (see Context::pools); copy it to keep it longer.
const storage::PoolRecord& RequirePool(Context& ctx, const std::string& pool_id);
storage::ClientRecord RequireClient(Context& ctx, const std::string& client_id);
// The client, which must belong to pool_id (else ResourceNotFoundException for the client).
storage::ClientRecord RequirePoolClient(Context& ctx, const std::string& pool_id,
                                        const std::string& client_id);

}  // namespace cognito::actions
