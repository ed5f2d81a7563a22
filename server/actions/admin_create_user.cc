#include <string>
#include <vector>

#include "auth/password_policy.h"
#include "server/actions/actions.h"
#include "server/actions/custom_message.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/outbox.h"
#include "server/actions/pool_document.h"
#include "server/actions/settings.h"
#include "server/actions/triggers.h"
#include "server/actions/user_mfa.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

constexpr const char* kPolicyPrefix = "Password does not conform to policy: ";
constexpr const char* kDefaultInvitation =
    "Your username is {username} and temporary password is {####}. ";
constexpr int64_t kMillisPerDay = 24LL * 3600 * 1000;

// The given TemporaryPassword, or a fresh one that meets the policy; set on `user`.
std::string SetTemporaryPassword(Context& ctx, const PoolSettings& settings,
                                 storage::UserRecord& user, const Json& input) {
  const auto given = OptStr(input, "TemporaryPassword");
  std::string password =
      given ? *given : auth::GenerateTemporaryPassword(settings.password_policy, ctx.env.random);
  SetPassword(ctx, settings, user, password, kPolicyPrefix);
  return password;
}

// The invitation (unless MessageAction is SUPPRESS): the pool's InviteMessageTemplate with the
// username and temporary password, to each of DesiredDeliveryMediums (default SMS) for which the
// user has a phone_number / email; a medium without its attribute is skipped.
void Invite(Context& ctx, const storage::PoolRecord& pool, const PoolSettings& settings,
            const storage::UserRecord& user, const Json& input, const std::string& password) {
  if (OptStr(input, "MessageAction").value_or("") == "SUPPRESS") {
    return;
  }
  const Json doc = ParseStoredDocument(pool.description_json);
  Json templates = Json::object();
  if (auto it = doc.find("AdminCreateUserConfig"); it != doc.end() && it->is_object()) {
    templates = it->value("InviteMessageTemplate", Json::object());
  }
  std::vector<std::string> mediums = {"SMS"};
  if (const Json* given = OptMember(input, "DesiredDeliveryMediums")) {
    mediums = given->get<std::vector<std::string>>();
  }
  const int64_t validity = settings.password_policy.temporary_password_validity_days * kMillisPerDay;
  for (const auto& medium : mediums) {
    const bool sms = medium == "SMS";
    const std::string destination = AttributeValue(user, sms ? "phone_number" : "email");
    if (destination.empty()) {
      continue;
    }
    const std::string text = ComposeMessage(
        ctx, pool, user, {"CustomMessage_AdminCreateUser", kNoClient, ClientMetadataOf(input)}, sms,
        {templates.value(sms ? "SMSMessage" : "EmailMessage", kDefaultInvitation), password,
         Str(input, "Username")});
    SendMessage(ctx, {pool.id, user.username, medium, destination, "invitation", password, text,
                      validity});
  }
}

// PreSignUp_AdminCreateUser: the function may refuse the user. Its autoConfirmUser /
// autoVerify* answers do not apply to a user an administrator creates.
void RunPreSignUp(Context& ctx, const storage::PoolRecord& pool, const PoolSettings& settings,
                  const storage::UserRecord& user, const Json& input) {
  RunTrigger(ctx.env, pool, settings,
             {Trigger::kPreSignUp,
              "PreSignUp_AdminCreateUser",
              user.username,
              kNoClient,
              {{"userAttributes", AttributeMap(user)},
               {"validationData", ValidationDataOf(input)},
               {"clientMetadata", ClientMetadataOf(input)}},
              {{"autoConfirmUser", false}, {"autoVerifyEmail", false}, {"autoVerifyPhone", false}}});
}

// In pools with UsernameAttributes: the attribute the given Username went into, with its value.
std::optional<storage::UserFilter> UsernameAttributeFilter(const PoolSettings& settings,
                                                           const storage::UserRecord& user,
                                                           const std::string& given) {
  for (const auto& attribute : settings.username_attributes) {
    for (const auto& [name, value] : user.attributes) {
      if (name == attribute && value == given) {
        return storage::UserFilter{name, storage::UserFilter::Op::kEquals, value};
      }
    }
  }
  return std::nullopt;
}

void RequireForceChangePassword(const storage::UserRecord& user) {
  if (user.status != "FORCE_CHANGE_PASSWORD") {
    throw CognitoError(ErrorCode::kUnsupportedOperation,
                       "Resend not possible. " + user.username + " status is not FORCE_CHANGE_PASSWORD.");
  }
}

Json Resend(Context& ctx, const storage::PoolRecord& pool, const PoolSettings& settings,
            const Json& input) {
  auto user = RequireUser(ctx, pool, settings, Str(input, "Username"));
  RequireForceChangePassword(user);
  const std::string password = SetTemporaryPassword(ctx, settings, user, input);
  user.modified_ms = ctx.env.clock.NowMillis();
  // Written over the user as it is then: it may have changed since it was read.
  ctx.Write([user](storage::Store& store) {
    auto current = store.GetUser(user.pool_id, user.username, true);
    if (!current || current->sub != user.sub) {
      throw CognitoError::UserNotFound();
    }
    RequireForceChangePassword(*current);
    current->password = user.password;
    current->password_set_ms = user.password_set_ms;
    current->modified_ms = user.modified_ms;
    store.UpdateUser(*current);
  });
  Invite(ctx, pool, settings, user, input, password);
  return Json{{"User", UserDocument(user)}};
}

}  // namespace

Json AdminCreateUser(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const PoolSettings settings = ParsePoolSettings(pool);
  if (OptStr(input, "MessageAction").value_or("") == "RESEND") {
    return Resend(ctx, pool, settings, input);
  }
  const int64_t now = ctx.env.clock.NowMillis();
  storage::UserRecord user;
  user.pool_id = pool.id;
  user.sub = ctx.env.random.Uuid();
  user.status = "FORCE_CHANGE_PASSWORD";
  user.enabled = true;
  user.created_ms = now;
  user.modified_ms = now;
  user.attributes = ParseAttributes(pool, OptMember(input, "UserAttributes"));
  ApplyUsernameAttributes(settings, user, Str(input, "Username"));
  // Required attributes are not checked: the user supplies missing ones when answering
  // NEW_PASSWORD_REQUIRED (its requiredAttributes), as in Cognito.
  if (FindUser(ctx, pool, settings, user.username) ||
      (!settings.username_attributes.empty() && FindUser(ctx, pool, settings, Str(input, "Username")))) {
    throw CognitoError(ErrorCode::kUsernameExists, "User account already exists");
  }
  const auto alias_holders = VerifiedAliasHolders(
      ctx, pool, settings, user, OptBool(input, "ForceAliasCreation").value_or(false));
  RunPreSignUp(ctx, pool, settings, user, input);
  const std::string password = SetTemporaryPassword(ctx, settings, user, input);
  // The password verifier above is the costly part: it runs before the write lock is taken, so
  // the insert must re-check what another request may have created meanwhile.
  ctx.Write([user, alias = UsernameAttributeFilter(settings, user, Str(input, "Username")),
             alias_holders](storage::Store& store) {
    const bool alias_taken = alias && !store.ListUsers(user.pool_id, "", 1, alias).empty();
    if (alias_taken || !store.InsertUser(user)) {
      throw CognitoError(ErrorCode::kUsernameExists, "User account already exists");
    }
    ReleaseAliases(store, user.pool_id, alias_holders);
  });
  Invite(ctx, pool, settings, user, input, password);
  return Json{{"User", UserDocument(user)}};
}

}  // namespace cognito::actions
