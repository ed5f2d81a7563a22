// NEW_PASSWORD_REQUIRED: a user with a temporary password, proven in this session, chooses a
// permanent one and fills in missing required attributes.
#include "server/actions/auth_session.h"
#include "server/actions/error.h"
#include "server/actions/sign_in.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

const char* const kChallenge = "NEW_PASSWORD_REQUIRED";
constexpr std::string_view kAttributePrefix = "userAttributes.";

// The userAttributes.<name> answers, names checked against the schema.
std::vector<storage::Attribute> AnsweredAttributes(const ClientScope& scope,
                                                   const Parameters& responses) {
  Json list = Json::array();
  for (const auto& [key, value] : responses) {
    if (key.compare(0, kAttributePrefix.size(), kAttributePrefix) == 0) {
      list.push_back({{"Name", key.substr(kAttributePrefix.size())}, {"Value", value}});
    }
  }
  return ParseAttributes(scope.pool, &list);
}

// Applies what this answer changes to the user as stored when the write lock is held: the copy
// read before the CPU-heavy phase may be stale, and writing it back whole would undo admin
// changes made meanwhile (re-enable a user just disabled; fail internally on one just deleted).
StoreWrite WriteBack(storage::UserRecord changed, std::vector<storage::Attribute> answered) {
  return [changed = std::move(changed), answered = std::move(answered)](storage::Store& store) {
    auto current = store.GetUser(changed.pool_id, changed.username, true);
    if (!current || current->sub != changed.sub) {
      throw CognitoError::UserNotFound();
    }
    CheckUserCanSignIn(*current);
    for (const auto& [name, value] : answered) {
      SetAttribute(*current, name, value);
    }
    current->password = changed.password;
    current->password_set_ms = changed.password_set_ms;
    current->status = changed.status;
    current->modified_ms = changed.modified_ms;
    store.UpdateUser(*current);
  };
}

void CheckNewPasswordAttributes(const ClientScope& scope, const storage::UserRecord& user) {
  const auto missing = MissingRequiredAttributes(scope.pool, user);
  if (!missing.empty()) {
    throw CognitoError::InvalidParameter("Invalid attributes given, " + missing.front() +
                                         " is missing");
  }
}

}  // namespace

Json AnswerNewPassword(Context& ctx, const ClientScope& scope, const RespondRequest& r) {
  OpenSession session = LoadSession(ctx, r.session, "", scope.client.client_id, kChallenge);
  const std::string& username = RequiredParameter(r.responses, "USERNAME");
  CheckSecretHash(scope.client, r.responses, username);
  auto user = FindUser(ctx, scope.pool, scope.pool_settings, username);
  if (!user || user->username != session.record.username) {
    throw CognitoError::NotAuthorized("Invalid session provided for the user.");
  }
  CheckUserCanSignIn(*user);
  const std::string& password = RequiredParameter(r.responses, "NEW_PASSWORD");
  std::vector<storage::Attribute> answered = AnsweredAttributes(scope, r.responses);
  for (const auto& [name, value] : answered) {
    SetAttribute(*user, name, value);
  }
  CheckNewPasswordAttributes(scope, *user);
  // A password the policy refuses leaves the session usable for another try.
  SetPassword(ctx, scope.pool_settings, *user, password, "Password does not conform to policy: ");
  user->status = "CONFIRMED";
  user->modified_ms = ctx.env.clock.NowMillis();
  ctx.Write(WriteBack(*user, std::move(answered)));
  auth::FlowState state = FlowStateFromJson(session.state);
  state.needs_new_password = false;
  state.new_password_set = true;
  ConsumeSession(ctx, session);
  return Advance(ctx, MakePrincipal(scope, std::move(*user)), state);
}

}  // namespace cognito::actions
