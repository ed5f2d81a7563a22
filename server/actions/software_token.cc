#include "server/actions/software_token.h"

#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/flow.h"
#include "server/actions/settings.h"
#include "server/actions/tokens.h"

namespace cognito::actions {

namespace {

constexpr const char* kChallenge = "MFA_SETUP";

}  // namespace

Enrolment OpenEnrolment(Context& ctx, const Json& input,
                        std::initializer_list<std::string_view> stages) {
  const auto access_token = OptStr(input, "AccessToken");
  const auto session = OptStr(input, "Session");
  if (access_token.has_value() == session.has_value()) {
    throw CognitoError::InvalidParameter("Exactly one of AccessToken and Session must be given.");
  }
  if (access_token) {
    return {VerifyAccessToken(ctx, *access_token).user, std::nullopt};
  }
  OpenSession open = LoadSession(ctx, *session, "", "", kChallenge);
  const std::string stage = open.state.value("setup", "");
  bool expected = false;
  for (std::string_view s : stages) {
    expected = expected || s == stage;
  }
  if (!expected) {
    throw CognitoError::NotAuthorized("Invalid session provided for the user.");
  }
  auto user = ctx.store.GetUser(open.record.pool_id, open.record.username, true);
  if (!user) {
    throw CognitoError::UserNotFound();
  }
  CheckUserCanSignIn(*user);
  return {std::move(*user), std::move(open)};
}

std::string NextSetupSession(Context& ctx, Enrolment& enrolment, const char* stage) {
  OpenSession& current = *enrolment.session;
  Json state = current.state;
  state["setup"] = stage;
  const ClientSettings client = ParseClientSettings(RequireClient(ctx, current.record.client_id));
  const SessionBinding binding{current.record.pool_id, current.record.client_id,
                               current.record.username};
  ConsumeSession(ctx, current);
  return StartSession(ctx, binding, kChallenge, state, client.auth_session_seconds);
}

}  // namespace cognito::actions
