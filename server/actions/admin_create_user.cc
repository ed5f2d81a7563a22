#include "auth/password_policy.h"
#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

constexpr const char* kPolicyPrefix = "Password does not conform to policy: ";

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

// In pools that sign in with email or phone, the given Username becomes that attribute and the
// internal username is the sub.
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
  for (auto& [name, value] : user.attributes) {
    if (name == attribute) {
      value = given;
      return;
    }
  }
  user.attributes.emplace_back(attribute, given);
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
  auto temporary = OptStr(input, "TemporaryPassword");
  SetPassword(ctx, settings, user,
              temporary ? *temporary
                        : auth::GenerateTemporaryPassword(settings.password_policy, ctx.env.random),
              kPolicyPrefix);
  user.modified_ms = ctx.env.clock.NowMillis();
  // Written over the user as it is then: it may have changed since it was read.
  ctx.Write([user](storage::Store& store) {
    auto current = store.GetUser(user.pool_id, user.username, true);
    if (!current || current->sub != user.sub) {
      throw CognitoError::UserNotFound();
    }
    RequireForceChangePassword(*current);
    current->password_salt = user.password_salt;
    current->password_verifier = user.password_verifier;
    current->password_set_ms = user.password_set_ms;
    current->modified_ms = user.modified_ms;
    store.UpdateUser(*current);
  });
  return Json{{"User", UserDocument(user)}};
}

}  // namespace

Json AdminCreateUser(Context& ctx, const Json& input) {
  const auto pool = RequirePool(ctx, Str(input, "UserPoolId"));
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
  if (FindUser(ctx, pool, settings, user.username) ||
      (!settings.username_attributes.empty() && FindUser(ctx, pool, settings, Str(input, "Username")))) {
    throw CognitoError(ErrorCode::kUsernameExists, "User account already exists");
  }
  auto temporary = OptStr(input, "TemporaryPassword");
  SetPassword(ctx, settings, user,
              temporary ? *temporary
                        : auth::GenerateTemporaryPassword(settings.password_policy, ctx.env.random),
              kPolicyPrefix);
  // The password verifier above is the costly part: it runs before the write lock is taken, so
  // the insert must re-check what another request may have created meanwhile.
  ctx.Write([user, alias = UsernameAttributeFilter(settings, user, Str(input, "Username"))](
                storage::Store& store) {
    const bool alias_taken = alias && !store.ListUsers(user.pool_id, "", 1, alias).empty();
    if (alias_taken || !store.InsertUser(user)) {
      throw CognitoError(ErrorCode::kUsernameExists, "User account already exists");
    }
  });
  return Json{{"User", UserDocument(user)}};
}

}  // namespace cognito::actions
