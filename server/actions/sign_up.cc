#include "server/actions/actions.h"
#include "server/actions/auth_session.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"
#include "server/actions/self_service.h"
#include "server/actions/sign_in.h"
#include "server/actions/triggers.h"
#include "server/actions/user_codes.h"
#include "server/actions/user_mfa.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

void CheckSignUpAllowed(const storage::PoolRecord& pool) {
  const Json doc = ParseStoredDocument(pool.description_json);
  if (auto it = doc.find("AdminCreateUserConfig");
      it != doc.end() && it->value("AllowAdminCreateUserOnly", false)) {
    throw CognitoError::NotAuthorized("SignUp is not permitted for this user pool");
  }
}

// UsernameExistsException; in pools signing in with email / phone_number, naming the attribute.
void CheckUnused(Context& ctx, const ClientScope& scope, const storage::UserRecord& user,
                 const std::string& given) {
  if (FindUser(ctx, scope.pool, scope.pool_settings, user.username)) {
    throw CognitoError(ErrorCode::kUsernameExists, "User already exists");
  }
  if (!scope.pool_settings.username_attributes.empty() &&
      FindUser(ctx, scope.pool, scope.pool_settings, given)) {
    throw CognitoError(ErrorCode::kUsernameExists,
                       std::string("An account with the given ") +
                           (LooksLikeEmail(given) ? "email" : "phone_number") + " already exists.");
  }
}

// The PreSignUp trigger; applies autoVerifyEmail / autoVerifyPhone and returns autoConfirmUser.
bool RunPreSignUp(Context& ctx, const ClientScope& scope, const Json& input,
                  storage::UserRecord& user) {
  const auto response =
      RunTrigger(ctx.env, scope.pool, scope.pool_settings,
                 {Trigger::kPreSignUp,
                  "PreSignUp_SignUp",
                  user.username,
                  scope.client.client_id,
                  {{"userAttributes", AttributeMap(user)},
                   {"validationData", ValidationDataOf(input)},
                   {"clientMetadata", ClientMetadataOf(input)}},
                  {{"autoConfirmUser", false}, {"autoVerifyEmail", false}, {"autoVerifyPhone", false}}});
  if (!response) {
    return false;
  }
  if (ResponseBool(*response, "autoVerifyEmail") && !AttributeValue(user, "email").empty()) {
    SetAttribute(user, "email_verified", "true");
  }
  if (ResponseBool(*response, "autoVerifyPhone") && !AttributeValue(user, "phone_number").empty()) {
    SetAttribute(user, "phone_number_verified", "true");
  }
  if (!ResponseBool(*response, "autoConfirmUser")) {
    return false;
  }
  user.status = "CONFIRMED";
  return true;
}

bool AllowsPasswordless(const PoolSettings& settings) {
  for (const auto& factor : settings.first_auth_factors) {
    if (factor == "EMAIL_OTP" || factor == "SMS_OTP") {
      return true;
    }
  }
  return false;
}

}  // namespace

Json SignUp(Context& ctx, const Json& input) {
  const ClientScope scope = OpenSelfService(ctx, input);
  CheckSignUpAllowed(scope.pool);
  const std::string given = Str(input, "Username");
  const int64_t now = ctx.env.clock.NowMillis();
  storage::UserRecord user;
  user.pool_id = scope.pool.id;
  user.sub = ctx.env.random.Uuid();
  user.status = "UNCONFIRMED";
  user.enabled = true;
  user.created_ms = now;
  user.modified_ms = now;
  user.attributes = ParseAttributes(scope.pool, OptMember(input, "UserAttributes"));
  for (const auto& [name, value] : user.attributes) {
    CheckClientMayWrite(scope.client_settings, name);
  }
  ApplyUsernameAttributes(scope.pool_settings, user, given);
  CheckRequiredAttributes(scope.pool, user);
  // Without a Password the user signs in with one-time codes (USER_AUTH), if the pool allows.
  if (const auto password = OptStr(input, "Password")) {
    SetPassword(ctx, scope.pool_settings, user, *password,
                "Password did not conform with policy: ");
  } else if (!AllowsPasswordless(scope.pool_settings)) {
    throw CognitoError::MissingParameter("Password");
  }
  CheckUnused(ctx, scope, user, given);
  const bool confirmed = RunPreSignUp(ctx, scope, input, user);
  if (!ctx.store.InsertUser(user)) {
    throw CognitoError(ErrorCode::kUsernameExists, "User already exists");
  }
  Json out{{"UserConfirmed", confirmed}, {"UserSub", user.sub}};
  if (confirmed) {
    return out;
  }
  if (scope.client_settings.auth_flows.count("ALLOW_USER_AUTH") != 0) {
    // As long as the confirmation code: the user may take a while to read it.
    out["Session"] = StartSession(ctx, {scope.pool.id, scope.client.client_id, user.username},
                                  kSignUpSession, Json::object(), kSignUpSessionSeconds);
  }
  if (auto delivery = SignUpDelivery(scope.pool_settings, user)) {
    out["CodeDeliveryDetails"] =
        IssueCode(ctx, scope.pool, user, CodePurpose::kSignUp, *delivery,
                  {"CustomMessage_SignUp", scope.client.client_id, ClientMetadataOf(input)});
  }
  return out;
}

}  // namespace cognito::actions
