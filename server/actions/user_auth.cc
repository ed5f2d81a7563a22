// USER_AUTH, choice-based sign-in (auth-flows.md §2): the pool's AllowedFirstAuthFactors and
// what the user has decide which first factors are available: PASSWORD_SRP and PASSWORD (the
// user has a password), EMAIL_OTP (a verified email) and SMS_OTP (a verified phone number); the
// one-time codes are not offered to a user who must change a temporary password. A usable
// PREFERRED_CHALLENGE starts that factor at once; otherwise SELECT_CHALLENGE lists the factors
// (AvailableChallenges) and its ANSWER picks one. WEB_AUTHN is never available: the emulator
// stores no passkeys.
#include <algorithm>
#include <string>
#include <vector>

#include "server/actions/auth_session.h"
#include "server/actions/error.h"
#include "server/actions/sign_in.h"
#include "server/actions/user_mfa.h"
#include "server/actions/user_migration.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

constexpr const char* kSelectChallenge = "SELECT_CHALLENGE";

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

std::vector<std::string> UserAuthFactors(Context& ctx, const PoolSettings& pool,
                                         const storage::UserRecord& user, bool as_challenges) {
  const auto& allowed = pool.first_auth_factors;
  std::vector<std::string> out;
  if (Contains(allowed, "PASSWORD") && !PasswordOf(ctx, user).verifier.empty()) {
    if (as_challenges) {
      out.push_back("PASSWORD_SRP");
    }
    out.push_back("PASSWORD");
  }
  if (as_challenges && user.status == "FORCE_CHANGE_PASSWORD") {
    return out;
  }
  for (const auto& [factor, attribute] : {std::pair<std::string, std::string>{"EMAIL_OTP", "email"},
                                          {"SMS_OTP", "phone_number"}}) {
    if (Contains(allowed, factor) && !AttributeValue(user, attribute).empty() &&
        AttributeValue(user, attribute + "_verified") == "true") {
      out.push_back(factor);
    }
  }
  return out;
}

namespace {

std::vector<std::string> AvailableFactors(Context& ctx, const ClientScope& scope,
                                          const storage::UserRecord& user) {
  return UserAuthFactors(ctx, scope.pool_settings, user, true);
}

// Starts `factor` for `user`; `parameters` carries PASSWORD / SRP_A (AuthParameters, or the
// SELECT_CHALLENGE answer) and DEVICE_KEY.
Json StartFactor(Context& ctx, const ClientScope& scope, storage::UserRecord user,
                 const std::string& factor, const Parameters& parameters) {
  if (factor == "PASSWORD_SRP") {
    return PasswordVerifierChallenge(ctx, scope, user, RequiredParameter(parameters, "SRP_A"),
                                     Json::object());
  }
  const std::string device_key = OptionalParameter(parameters, "DEVICE_KEY");
  if (factor == "PASSWORD") {
    const std::string& password = RequiredParameter(parameters, "PASSWORD");
    // A wrong password uses up the SELECT_CHALLENGE session it answered, as a wrong SRP proof
    // uses up its PASSWORD_VERIFIER session.
    const bool commit_on_error = ctx.commit_on_error;
    ctx.commit_on_error = true;
    CheckPasswordProof(ctx, user, [&] { return PasswordMatches(ctx, user, password); });
    ctx.commit_on_error = commit_on_error;
    const Principal principal = MakePrincipal(scope, std::move(user));
    return Advance(ctx, principal, PasswordProvenState(ctx, principal, device_key));
  }
  // EMAIL_OTP / SMS_OTP: the code proves the user and stands in for MFA.
  const Principal principal = MakePrincipal(scope, std::move(user));
  auth::FlowState state = PasswordProvenState(ctx, principal, device_key);
  state.mfa_done = true;
  return OtpSignInChallenge(ctx, principal, factor == "SMS_OTP", state);
}

// The sign-in a ConfirmSignUp session allows: the confirmation code was the proof, and it
// stands in for MFA as a one-time code does.
Json SignInAfterSignUp(Context& ctx, const ClientScope& scope, storage::UserRecord user,
                       const InitiateRequest& r) {
  OpenSession session =
      LoadSession(ctx, r.session, "", scope.client.client_id, kConfirmedSignUpSession);
  if (session.record.username != user.username) {
    throw CognitoError::NotAuthorized("Invalid session provided for the user.");
  }
  ConsumeSession(ctx, session);
  RunPreAuthentication(ctx, scope, user, r.client_metadata);
  const Principal principal = MakePrincipal(scope, std::move(user));
  auth::FlowState state =
      PasswordProvenState(ctx, principal, OptionalParameter(r.parameters, "DEVICE_KEY"));
  state.mfa_done = true;
  return Advance(ctx, principal, state);
}

}  // namespace

Json StartUserAuth(Context& ctx, const ClientScope& scope, const InitiateRequest& r) {
  const std::string& username = RequiredParameter(r.parameters, "USERNAME");
  CheckSecretHash(scope.client, r.parameters, username);
  const std::string preferred = OptionalParameter(r.parameters, "PREFERRED_CHALLENGE");
  auto user = FindUser(ctx, scope.pool, scope.pool_settings, username);
  if (!user && preferred == "PASSWORD" && r.parameters.count("PASSWORD") != 0) {
    // Only a sign-in with the password itself can bring a user over from the old directory.
    user = MigrateUser(ctx, scope.pool, scope.pool_settings,
                       {"UserMigration_Authentication", username, scope.client.client_id,
                        scope.client_settings.prevent_user_existence_errors, r.client_metadata,
                        r.parameters.at("PASSWORD")});
    ctx.commit_on_error = user.has_value();
  }
  if (!user) {
    user = ResolveUser(ctx, scope, username, false);
  }
  CheckUserCanSignIn(*user, scope.client_settings.prevent_user_existence_errors);
  if (!r.session.empty()) {
    return SignInAfterSignUp(ctx, scope, std::move(*user), r);
  }
  const std::vector<std::string> available = AvailableFactors(ctx, scope, *user);
  if (available.empty()) {
    throw CognitoError::IncorrectCredentials();
  }
  RunPreAuthentication(ctx, scope, *user, r.client_metadata);
  if (Contains(available, preferred)) {
    return StartFactor(ctx, scope, std::move(*user), preferred, r.parameters);
  }
  const std::string session =
      StartSession(ctx, {scope.pool.id, scope.client.client_id, user->username}, kSelectChallenge,
                   {{"available", available}}, scope.client_settings.auth_session_seconds);
  return Json{{"ChallengeName", kSelectChallenge},
              {"ChallengeParameters", Json::object()},
              {"Session", session},
              {"AvailableChallenges", available}};
}

Json AnswerSelectChallenge(Context& ctx, const ClientScope& scope, const RespondRequest& r) {
  OpenSession session =
      LoadSession(ctx, r.session, "", scope.client.client_id, kSelectChallenge);
  const std::string& username = RequiredParameter(r.responses, "USERNAME");
  CheckSecretHash(scope.client, r.responses, username);
  auto user = FindUser(ctx, scope.pool, scope.pool_settings, username);
  if (!user || user->username != session.record.username) {
    throw CognitoError::NotAuthorized("Invalid session provided for the user.");
  }
  CheckUserCanSignIn(*user, scope.client_settings.prevent_user_existence_errors);
  const std::string& choice = RequiredParameter(r.responses, "ANSWER");
  const std::vector<std::string> offered =
      session.state.value("available", std::vector<std::string>{});
  if (!Contains(offered, choice) || !Contains(AvailableFactors(ctx, scope, *user), choice)) {
    throw CognitoError::InvalidParameter("Invalid ANSWER: " + choice +
                                         " is not one of AvailableChallenges.");
  }
  ConsumeSession(ctx, session);
  return StartFactor(ctx, scope, std::move(*user), choice, r.responses);
}

}  // namespace cognito::actions
