#include "server/actions/user_migration.h"

#include <vector>

#include "server/actions/error.h"
#include "server/actions/log.h"
#include "server/actions/outbox.h"
#include "server/actions/triggers.h"
#include "server/actions/user_mfa.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

// Why an answer could not be used; becomes Cognito's generic migration error.
struct Unusable {
  std::string why;
};

// The answer's userAttributes as the user's attributes (pool schema checked).
std::vector<storage::Attribute> MigratedAttributes(const storage::PoolRecord& pool,
                                                   const Json& response) {
  auto it = response.find("userAttributes");
  if (it == response.end() || !it->is_object() || it->empty()) {
    throw Unusable{"the answer has no userAttributes"};
  }
  Json list = Json::array();
  for (const auto& [name, value] : it->items()) {
    if (!value.is_string()) {
      throw Unusable{"userAttributes." + name + " is not a string"};
    }
    list.push_back({{"Name", name}, {"Value", value}});
  }
  try {
    return ParseAttributes(pool, &list);
  } catch (const CognitoError& e) {
    throw Unusable{e.message()};
  }
}

std::vector<std::string> DeliveryMediums(const Json& response) {
  auto it = response.find("desiredDeliveryMediums");
  if (it == response.end() || it->is_null()) {
    return {"SMS"};
  }
  if (!it->is_array()) {
    throw Unusable{"desiredDeliveryMediums is not a list"};
  }
  std::vector<std::string> out;
  for (const auto& medium : *it) {
    if (medium != "SMS" && medium != "EMAIL") {
      throw Unusable{"desiredDeliveryMediums names " + medium.dump()};
    }
    out.push_back(medium.get<std::string>());
  }
  return out;
}

// CONFIRMED with the sign-in password, or RESET_REQUIRED without a password.
void ApplyFinalStatus(Context& ctx, const PoolSettings& settings, const MigrationCall& call,
                      const Json& response, storage::UserRecord& user) {
  std::string status = "CONFIRMED";
  if (auto it = response.find("finalUserStatus"); it != response.end() && !it->is_null()) {
    if (*it != "CONFIRMED" && *it != "RESET_REQUIRED") {
      throw Unusable{"finalUserStatus " + it->dump() + " is neither CONFIRMED nor RESET_REQUIRED"};
    }
    status = it->get<std::string>();
  }
  if (!call.password) {
    status = "RESET_REQUIRED";  // ForgotPassword: there is no password to keep
  }
  user.status = status;
  if (status == "CONFIRMED") {
    SetPassword(ctx, settings, user, *call.password, "Password does not conform to policy: ");
  }
}

// The welcome message of a migrated user, to each medium the user has a destination for.
void Welcome(Context& ctx, const storage::UserRecord& user, const std::string& username,
             const std::vector<std::string>& mediums) {
  for (const auto& medium : mediums) {
    const std::string destination = AttributeValue(user, medium == "SMS" ? "phone_number" : "email");
    if (!destination.empty()) {
      SendMessage(ctx, {user.pool_id, user.username, medium, destination, "welcome", "",
                        "Your username is " + username + ".", 0});
    }
  }
}

storage::UserRecord CreateFromAnswer(Context& ctx, const storage::PoolRecord& pool,
                                     const PoolSettings& settings, const MigrationCall& call,
                                     const Json& response) {
  const int64_t now = ctx.env.clock.NowMillis();
  storage::UserRecord user;
  user.pool_id = pool.id;
  user.sub = ctx.env.random.Uuid();
  user.enabled = true;
  user.created_ms = now;
  user.modified_ms = now;
  user.attributes = MigratedAttributes(pool, response);
  try {
    ApplyUsernameAttributes(settings, user, call.username);
  } catch (const CognitoError& e) {
    throw Unusable{e.message()};
  }
  if (const auto missing = MissingRequiredAttributes(pool, user); !missing.empty()) {
    throw Unusable{"the required attribute " + missing.front() + " is missing"};
  }
  std::string action;
  if (auto it = response.find("messageAction"); it != response.end() && !it->is_null()) {
    if (*it != "SUPPRESS" && *it != "RESEND") {
      throw Unusable{"messageAction " + it->dump() + " is neither SUPPRESS nor RESEND"};
    }
    action = it->get<std::string>();
  }
  const std::vector<std::string> mediums = DeliveryMediums(response);
  const bool force = ResponseBool(response, "forceAliasCreation");
  const bool sms_mfa = ResponseBool(response, "enableSMSMFA");
  ApplyFinalStatus(ctx, settings, call, response, user);
  const auto holders = VerifiedAliasHolders(ctx, pool, settings, user, force);
  ctx.Write([user, holders, sms_mfa, client_id = call.client_id](storage::Store& store) {
    if (!store.InsertUser(user)) {
      throw CognitoError(ErrorCode::kUserNotFound,
                         "Exception migrating user in app client " + client_id);
    }
    ReleaseAliases(store, user.pool_id, holders);
    if (sms_mfa && !AttributeValue(user, "phone_number").empty()) {
      storage::UserMfaRecord mfa;
      mfa.pool_id = user.pool_id;
      mfa.username = user.username;
      mfa.sms_enabled = true;
      store.PutUserMfa(mfa);
    }
  });
  if (action != "SUPPRESS") {
    Welcome(ctx, user, call.username, mediums);
  }
  return user;
}

}  // namespace

std::optional<storage::UserRecord> MigrateUser(Context& ctx, const storage::PoolRecord& pool,
                                               const PoolSettings& settings,
                                               const MigrationCall& call) {
  if (!HasTrigger(settings, Trigger::kUserMigration)) {
    return std::nullopt;
  }
  Json request{{"validationData", Json::object()}, {"clientMetadata", Json::object()}};
  if (call.password) {
    request["password"] = *call.password;
    request["validationData"] = call.client_metadata;
  } else {
    request["clientMetadata"] = call.client_metadata;
  }
  const auto response = RunTrigger(
      ctx.env, pool, settings,
      {Trigger::kUserMigration, call.source, call.username, call.client_id, request,
       {{"userAttributes", nullptr}, {"forceAliasCreation", nullptr}, {"enableSMSMFA", nullptr},
        {"finalUserStatus", nullptr}, {"messageAction", nullptr},
        {"desiredDeliveryMediums", nullptr}}});
  try {
    return CreateFromAnswer(ctx, pool, settings, call, *response);
  } catch (const Unusable& unusable) {
    const std::string why = unusable.why.substr(0, unusable.why.find_last_not_of('\n') + 1);
    Log(LogLevel::kWarn,
        "UserMigration answer for " + call.username + " in " + pool.id + " not used: " + why);
    if (call.prevent_user_existence_errors) {
      throw CognitoError::IncorrectCredentials();
    }
    throw CognitoError(ErrorCode::kUserNotFound,
                       "Exception migrating user in app client " + call.client_id);
  }
}

}  // namespace cognito::actions
