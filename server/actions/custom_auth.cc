// CUSTOM_AUTH (auth-flows.md §5): DefineAuthChallenge decides each step from the session's
// history; CreateAuthChallenge makes a CUSTOM_CHALLENGE; VerifyAuthChallengeResponse judges the
// answer. The history, the private challenge parameters and the SRP_A of a flow that starts
// with SRP live in the sign-in session, under "custom".
#include "server/actions/auth_session.h"
#include "server/actions/error.h"
#include "server/actions/sign_in.h"
#include "server/actions/triggers.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

const char* const kChallenge = "CUSTOM_CHALLENGE";
// Challenges one flow may go through before it fails (Cognito documents no limit).
constexpr size_t kMaxRounds = 10;

struct CustomFlow {
  const ClientScope& scope;
  std::optional<storage::UserRecord> user;  // nullopt: an unknown user the client hides
  std::string username;                     // the internal username, or the one given
  Json custom;                              // {"history", "srp_a", "private", "metadata"}
  std::string device_key;
};

[[noreturn]] void NotConfigured() {
  throw CognitoError::InvalidParameter("Custom auth lambda trigger is not configured for the user pool.");
}

Json Invoke(Context& ctx, const CustomFlow& f, Trigger trigger, Json request, Json response) {
  request["userAttributes"] = f.user ? TriggerUserAttributes(*f.user) : Json::object();
  if (!f.scope.client_metadata.is_null()) {
    request["clientMetadata"] = f.scope.client_metadata;
  }
  request["userNotFound"] = !f.user.has_value();
  const std::string source = std::string(TriggerName(trigger)) + "_Authentication";
  auto answer = RunTrigger(ctx.env, f.scope.pool, f.scope.pool_settings,
                           {trigger, source, f.username, f.scope.client.client_id,
                            std::move(request), std::move(response)});
  if (!answer) {
    NotConfigured();
  }
  return std::move(*answer);
}

bool PasswordVerified(const Json& history) {
  for (const auto& entry : history) {
    if (entry.value("challengeName", "") == "PASSWORD_VERIFIER" &&
        entry.value("challengeResult", false)) {
      return true;
    }
  }
  return false;
}

// issueTokens: the post-password pipeline, with MFA only when a password was verified in
// this flow (a password-less custom flow is its own proof).
Json IssueTokensAfterCustom(Context& ctx, CustomFlow& f) {
  if (!f.user) {
    throw CognitoError::IncorrectCredentials();
  }
  CheckUserCanSignIn(*f.user);
  ctx.commit_on_error = false;
  const bool password_verified = PasswordVerified(f.custom["history"]);
  const Principal principal = MakePrincipal(f.scope, std::move(*f.user));
  auth::FlowState state = PasswordProvenState(ctx, principal, f.device_key);
  if (!password_verified) {
    state.pool_mfa = auth::MfaConfig::kOff;
  }
  return Advance(ctx, principal, state);
}

Json CreateChallenge(Context& ctx, CustomFlow& f) {
  const Json response =
      Invoke(ctx, f, Trigger::kCreateAuthChallenge,
             {{"challengeName", kChallenge}, {"session", f.custom["history"]}},
             {{"publicChallengeParameters", nullptr},
              {"privateChallengeParameters", nullptr},
              {"challengeMetadata", nullptr}});
  Json parameters = ResponseStringMap(response, "publicChallengeParameters");
  f.custom["private"] = ResponseStringMap(response, "privateChallengeParameters");
  f.custom["metadata"] = ResponseString(response, "challengeMetadata");
  parameters["USERNAME"] = f.username;
  const std::string session =
      StartSession(ctx, {f.scope.pool.id, f.scope.client.client_id, f.username}, kChallenge,
                   {{"custom", f.custom}, {"user_not_found", !f.user.has_value()}},
                   f.scope.client_settings.auth_session_seconds);
  return Json{{"ChallengeName", kChallenge},
              {"ChallengeParameters", std::move(parameters)},
              {"Session", session}};
}

// Asks DefineAuthChallenge what follows the history and carries it out.
Json Define(Context& ctx, CustomFlow& f) {
  const Json response = Invoke(ctx, f, Trigger::kDefineAuthChallenge,
                               {{"session", f.custom["history"]}},
                               {{"challengeName", nullptr},
                                {"issueTokens", nullptr},
                                {"failAuthentication", nullptr}});
  const bool fail = ResponseBool(response, "failAuthentication");
  const bool issue = ResponseBool(response, "issueTokens");
  const std::string next = ResponseString(response, "challengeName");
  if (fail) {
    throw CognitoError::IncorrectCredentials();
  }
  if (issue) {
    return IssueTokensAfterCustom(ctx, f);
  }
  if (f.custom["history"].size() >= kMaxRounds) {
    throw CognitoError::IncorrectCredentials();
  }
  if (next == kChallenge) {
    return CreateChallenge(ctx, f);
  }
  if (next == "PASSWORD_VERIFIER") {
    const std::string srp_a = f.custom.value("srp_a", "");
    if (srp_a.empty()) {
      throw CognitoError::InvalidParameter(
          "PASSWORD_VERIFIER needs SRP_A in the CUSTOM_AUTH AuthParameters.");
    }
    if (!f.user) {
      throw CognitoError::IncorrectCredentials();
    }
    return PasswordVerifierChallenge(ctx, f.scope, *f.user, srp_a, {{"custom", f.custom}});
  }
  InvalidLambdaResponse();
}

Json HistoryEntry(const std::string& challenge, bool result, const std::string& metadata) {
  return Json{{"challengeName", challenge},
              {"challengeResult", result},
              {"challengeMetadata", metadata}};
}

}  // namespace

Json StartCustomAuth(Context& ctx, const ClientScope& scope, const InitiateRequest& r) {
  const std::string& username = RequiredParameter(r.parameters, "USERNAME");
  CheckSecretHash(scope.client, r.parameters, username);
  CustomFlow f{scope, ResolveUser(ctx, scope, username, true), username,
               {{"history", Json::array()}}, OptionalParameter(r.parameters, "DEVICE_KEY")};
  if (OptionalParameter(r.parameters, "CHALLENGE_NAME") == "SRP_A") {
    f.custom["srp_a"] = RequiredParameter(r.parameters, "SRP_A");
    f.custom["history"].push_back(HistoryEntry("SRP_A", true, ""));
  }
  if (f.user) {
    CheckUserCanSignIn(*f.user, scope.client_settings.prevent_user_existence_errors);
    f.username = f.user->username;
    RunPreAuthentication(ctx, scope, *f.user, r.client_metadata);
  }
  return Define(ctx, f);
}

Json AnswerCustomChallenge(Context& ctx, const ClientScope& scope, const RespondRequest& r) {
  const std::string& username = RequiredParameter(r.responses, "USERNAME");
  const std::string& answer = RequiredParameter(r.responses, "ANSWER");
  OpenSession session = LoadSession(ctx, r.session, "", scope.client.client_id, kChallenge);
  CheckSecretHash(scope.client, r.responses, username);
  CustomFlow f{scope, std::nullopt, session.record.username, session.state.value("custom", Json()),
               OptionalParameter(r.responses, "DEVICE_KEY")};
  if (!f.custom.is_object() || !f.custom["history"].is_array()) {
    throw CognitoError::NotAuthorized("Invalid session provided for the user.");
  }
  if (!session.state.value("user_not_found", false)) {
    f.user = FindUser(ctx, scope.pool, scope.pool_settings, username);
    if (!f.user || f.user->username != session.record.username) {
      throw CognitoError::NotAuthorized("Invalid session provided for the user.");
    }
    CheckUserCanSignIn(*f.user, scope.client_settings.prevent_user_existence_errors);
  } else if (username != session.record.username) {
    throw CognitoError::NotAuthorized("Invalid session provided for the user.");
  }
  // Every answer uses the session up, right or wrong: what follows gets a new one, and a flow
  // DefineAuthChallenge fails cannot be resumed.
  ConsumeSession(ctx, session);
  ctx.commit_on_error = true;
  const Json response =
      Invoke(ctx, f, Trigger::kVerifyAuthChallengeResponse,
             {{"privateChallengeParameters", f.custom.value("private", Json::object())},
              {"challengeAnswer", answer}},
             {{"answerCorrect", nullptr}});
  const bool correct = ResponseBool(response, "answerCorrect");
  f.custom["history"].push_back(HistoryEntry(kChallenge, correct, f.custom.value("metadata", "")));
  f.custom.erase("private");
  f.custom.erase("metadata");
  return Define(ctx, f);
}

Json ContinueCustomAuthAfterPassword(Context& ctx, const ClientScope& scope, const Json& state,
                                     storage::UserRecord user, const RespondRequest& r) {
  ctx.commit_on_error = true;
  CustomFlow f{scope, std::move(user), "", state["custom"],
               OptionalParameter(r.responses, "DEVICE_KEY")};
  f.username = f.user->username;
  f.custom["history"].push_back(HistoryEntry("PASSWORD_VERIFIER", true, ""));
  return Define(ctx, f);
}

}  // namespace cognito::actions
