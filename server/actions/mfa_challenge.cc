// The MFA challenges of a sign-in (auth-flows.md §3-4): SMS_MFA and EMAIL_OTP (a 6-digit code
// sent to the outbox, kept in the session only as an HMAC), SOFTWARE_TOKEN_MFA (TOTP),
// SELECT_MFA_TYPE and MFA_SETUP (completed through the software-token session chain).
#include <algorithm>

#include "auth/crypto.h"
#include "auth/totp.h"
#include "server/actions/auth_session.h"
#include "server/actions/custom_message.h"
#include "server/actions/error.h"
#include "server/actions/outbox.h"
#include "server/actions/pool_document.h"
#include "server/actions/pool_mfa.h"
#include "server/actions/sign_in.h"
#include "server/actions/software_token.h"
#include "server/actions/user_mfa.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

constexpr int64_t kCodeValidityMs = 3 * 60 * 1000;
constexpr int kMaxCodeAttempts = 5;
constexpr size_t kCodeSaltBytes = 16;
constexpr const char* kDefaultDeviceName = "TOTP device";
// USER_AUTH's first-factor EMAIL_OTP / SMS_OTP codes are longer than MFA codes.
constexpr size_t kOtpSignInDigits = 8;

std::string CodeHash(const std::string& salt, const std::string& code) {
  return auth::HexEncode(auth::HmacSha256(salt, code));
}

Json MethodNames(const std::vector<auth::MfaMethod>& methods) {
  Json names = Json::array();
  for (auth::MfaMethod m : methods) {
    names.push_back(std::string(auth::MfaMethodName(m)));
  }
  return names;
}

// Sends a new code to the user's phone or email and returns the challenge parameters.
Json SendCode(Context& ctx, const Principal& p, auth::MfaMethod method, Json& state,
              size_t digits = kCodeDigits, const char* purpose = "mfa") {
  const bool sms = method == auth::MfaMethod::kSms;
  const std::string destination = AttributeValue(p.user, sms ? "phone_number" : "email");
  if (destination.empty()) {
    throw CognitoError(ErrorCode::kCodeDeliveryFailure, std::string("The user has no ") +
                                                            (sms ? "phone_number" : "email") +
                                                            " to send the code to.");
  }
  const std::string code = NewCode(ctx, digits);
  const std::string salt = ctx.env.random.Bytes(kCodeSaltBytes);
  state["code"] = {{"salt", auth::HexEncode(salt)},
                   {"hash", CodeHash(salt, code)},
                   {"expires_ms", ctx.env.clock.NowMillis() + kCodeValidityMs}};
  state["attempts"] = 0;
  const Json doc = ParseStoredDocument(p.pool.description_json);
  const std::string text = ComposeMessage(
      ctx, p.pool, p.user,
      {"CustomMessage_Authentication", p.client.client_id,
       p.client_metadata.is_object() ? p.client_metadata : Json::object()},
      sms, {sms ? SmsMfaTemplate(doc) : EmailMfaTemplate(doc), code, ""});
  SendMessage(ctx, {p.pool.id, p.user.username, sms ? "SMS" : "EMAIL", destination, purpose, code,
                    text, kCodeValidityMs});
  return Json{{"CODE_DELIVERY_DELIVERY_MEDIUM", sms ? "SMS" : "EMAIL"},
              {"CODE_DELIVERY_DESTINATION", sms ? MaskPhone(destination) : MaskEmail(destination)}};
}

// The session and user a challenge answer is for: the session must expect this challenge from
// this client, USERNAME must name its user (SECRET_HASH checked), and the user may sign in.
struct Answer {
  OpenSession session;
  storage::UserRecord user;
};

Answer OpenAnswer(Context& ctx, const ClientScope& scope, const RespondRequest& r) {
  OpenSession session = LoadSession(ctx, r.session, "", scope.client.client_id, r.challenge);
  const std::string& username = RequiredParameter(r.responses, "USERNAME");
  CheckSecretHash(scope.client, r.responses, username);
  auto user = FindUser(ctx, scope.pool, scope.pool_settings, username);
  if (!user || user->username != session.record.username) {
    throw CognitoError::NotAuthorized("Invalid session provided for the user.");
  }
  CheckUserCanSignIn(*user);
  return {std::move(session), std::move(*user)};
}

// A wrong code: the session stays usable with one attempt fewer; the last allowed attempt
// consumes it. The write must survive the error answer, hence commit_on_error.
[[noreturn]] void WrongCode(Context& ctx, OpenSession& session) {
  const int attempts = session.state.value("attempts", 0) + 1;
  ctx.commit_on_error = true;
  if (attempts >= kMaxCodeAttempts) {
    ConsumeSession(ctx, session);
    throw CognitoError::NotAuthorized("Invalid session for the user, too many failed attempts.");
  }
  session.state["attempts"] = attempts;
  SaveSessionState(ctx, session);
  throw CognitoError::CodeMismatch();
}

void CheckSentCode(Context& ctx, OpenSession& session, const std::string& code) {
  const Json sent = session.state.value("code", Json::object());
  if (sent.value("expires_ms", int64_t{0}) <= ctx.env.clock.NowMillis()) {
    throw CognitoError(ErrorCode::kExpiredCode,
                       "Invalid code provided, please request a code again.");
  }
  const auto salt = auth::HexDecode(sent.value("salt", ""));
  if (!salt || !auth::ConstantTimeEquals(CodeHash(*salt, code), sent.value("hash", ""))) {
    WrongCode(ctx, session);
  }
}

void CheckTotpCode(Context& ctx, OpenSession& session, const storage::UserRecord& user,
                   const std::string& code) {
  const storage::UserMfaRecord mfa = LoadUserMfa(ctx, user);
  if (mfa.totp_secret.empty()) {
    throw CognitoError(ErrorCode::kSoftwareTokenMfaNotFound,
                       "Software Token MFA does not exist for the user.");
  }
  const auto step =
      auth::MatchTotp(mfa.totp_secret, code, ctx.env.clock.NowSeconds(), mfa.totp_last_step);
  if (!step) {
    WrongCode(ctx, session);
  }
  ctx.Write(
      [pool_id = user.pool_id, username = user.username, step = *step](storage::Store& store) {
        // Another request may have used this step since it was read.
        if (!store.UseTotpStep(pool_id, username, step)) {
          throw CognitoError::CodeMismatch();
        }
      });
}

// The code answer; amazon-cognito-identity-js sends SMS_MFA_CODE for every challenge.
const std::string& CodeResponse(const RespondRequest& r) {
  if (r.challenge == "SOFTWARE_TOKEN_MFA" && r.responses.count("SOFTWARE_TOKEN_MFA_CODE") == 0 &&
      r.responses.count("SMS_MFA_CODE") != 0) {
    return r.responses.at("SMS_MFA_CODE");
  }
  const char* key = r.challenge == "SMS_MFA"     ? "SMS_MFA_CODE"
                    : r.challenge == "EMAIL_OTP" ? "EMAIL_OTP_CODE"
                    : r.challenge == "SMS_OTP"   ? "SMS_OTP_CODE"
                                                 : "SOFTWARE_TOKEN_MFA_CODE";
  return RequiredParameter(r.responses, key);
}

}  // namespace

Json MfaChallengeParameters(Context& ctx, const Principal& p, const auth::Step& step, Json& state) {
  Json params{{"USER_ID_FOR_SRP", p.user.username}};
  switch (step.challenge) {
    case auth::Challenge::kSmsMfa:
      params.update(SendCode(ctx, p, auth::MfaMethod::kSms, state));
      break;
    case auth::Challenge::kEmailOtp:
      params.update(SendCode(ctx, p, auth::MfaMethod::kEmail, state));
      break;
    case auth::Challenge::kSoftwareTokenMfa: {
      const std::string name = LoadUserMfa(ctx, p.user).totp_friendly_name;
      params["FRIENDLY_DEVICE_NAME"] = name.empty() ? kDefaultDeviceName : name;
      break;
    }
    case auth::Challenge::kSelectMfaType:
      params["MFAS_CAN_CHOOSE"] = MethodNames(step.options).dump();
      break;
    case auth::Challenge::kMfaSetup:
      if (step.options.empty()) {
        throw CognitoError(ErrorCode::kInvalidUserPoolConfiguration,
                           "The user pool requires MFA but has no MFA method enabled.");
      }
      params["MFAS_CAN_SETUP"] = MethodNames(step.options).dump();
      state["setup"] = kSetupAssociate;
      break;
    default:
      NotImplemented("The " + std::string(auth::ChallengeName(step.challenge)) + " challenge");
  }
  return params;
}

Json OtpSignInChallenge(Context& ctx, const Principal& p, bool sms,
                        const auth::FlowState& state) {
  Json session_state = FlowStateToJson(state);
  Json params = SendCode(ctx, p, sms ? auth::MfaMethod::kSms : auth::MfaMethod::kEmail,
                         session_state, kOtpSignInDigits, "otp");
  const std::string name = sms ? "SMS_OTP" : "EMAIL_OTP";
  const std::string session =
      StartSession(ctx, {p.pool.id, p.client.client_id, p.user.username}, name, session_state,
                   p.client_settings.auth_session_seconds);
  return Json{{"ChallengeName", name},
              {"ChallengeParameters", std::move(params)},
              {"Session", session},
              {"AvailableChallenges", Json::array({name})}};
}

Json AnswerMfaCode(Context& ctx, const ClientScope& scope, const RespondRequest& r) {
  Answer answer = OpenAnswer(ctx, scope, r);
  const std::string& code = CodeResponse(r);
  if (r.challenge == "SOFTWARE_TOKEN_MFA") {
    CheckTotpCode(ctx, answer.session, answer.user, code);
  } else {
    CheckSentCode(ctx, answer.session, code);
  }
  auth::FlowState state = FlowStateFromJson(answer.session.state);
  state.mfa_done = true;
  ConsumeSession(ctx, answer.session);
  return Advance(ctx, MakePrincipal(scope, std::move(answer.user)), state);
}

Json AnswerSelectMfaType(Context& ctx, const ClientScope& scope, const RespondRequest& r) {
  Answer answer = OpenAnswer(ctx, scope, r);
  const std::string& choice = RequiredParameter(r.responses, "ANSWER");
  auth::FlowState state = FlowStateFromJson(answer.session.state);
  const auth::Step offered = auth::NextStep(state);
  const auto method = auth::ParseMfaMethod(choice);
  if (!method || offered.challenge != auth::Challenge::kSelectMfaType ||
      std::find(offered.options.begin(), offered.options.end(), *method) == offered.options.end()) {
    throw CognitoError::InvalidParameter("Invalid ANSWER: " + choice +
                                         " is not one of MFAS_CAN_CHOOSE.");
  }
  state.chosen = method;
  ConsumeSession(ctx, answer.session);
  return Advance(ctx, MakePrincipal(scope, std::move(answer.user)), state);
}

Json AnswerMfaSetup(Context& ctx, const ClientScope& scope, const RespondRequest& r) {
  Answer answer = OpenAnswer(ctx, scope, r);
  if (r.responses.count("EMAIL") != 0) {
    NotImplemented("Setting up EMAIL_OTP inside MFA_SETUP");
  }
  if (answer.session.state.value("setup", "") != kSetupRespond) {
    throw CognitoError::InvalidParameter(
        "MFA_SETUP needs the Session returned by VerifySoftwareToken: call AssociateSoftwareToken "
        "and VerifySoftwareToken with this sign-in's Session first.");
  }
  auth::FlowState state = FlowStateFromJson(answer.session.state);
  state.mfa_done = true;
  ConsumeSession(ctx, answer.session);
  return Advance(ctx, MakePrincipal(scope, std::move(answer.user)), state);
}

}  // namespace cognito::actions
