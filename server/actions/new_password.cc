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

// Applies the userAttributes.<name> answers to the user, checking names against the schema.
void ApplyAttributes(const ClientScope& scope, const Parameters& responses,
                     storage::UserRecord& user) {
  Json list = Json::array();
  for (const auto& [key, value] : responses) {
    if (key.compare(0, kAttributePrefix.size(), kAttributePrefix) == 0) {
      list.push_back({{"Name", key.substr(kAttributePrefix.size())}, {"Value", value}});
    }
  }
  for (auto& [name, value] : ParseAttributes(scope.pool, &list)) {
    bool replaced = false;
    for (auto& attribute : user.attributes) {
      if (attribute.first == name) {
        attribute.second = value;
        replaced = true;
      }
    }
    if (!replaced) {
      user.attributes.emplace_back(name, value);
    }
  }
}

void CheckRequiredAttributes(const ClientScope& scope, const storage::UserRecord& user) {
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
  ApplyAttributes(scope, r.responses, *user);
  CheckRequiredAttributes(scope, *user);
  // A password the policy refuses leaves the session usable for another try.
  SetPassword(ctx, scope.pool_settings, *user, password, "Password does not conform to policy: ");
  user->status = "CONFIRMED";
  user->modified_ms = ctx.env.clock.NowMillis();
  ctx.Write([updated = *user](storage::Store& store) { store.UpdateUser(updated); });
  auth::FlowState state = FlowStateFromJson(session.state);
  state.needs_new_password = false;
  ConsumeSession(ctx, session);
  return Advance(ctx, MakePrincipal(scope, std::move(*user)), state);
}

}  // namespace cognito::actions
