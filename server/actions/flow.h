// Drives the pure state machine (auth/challenge.h) for one sign-in: builds the initial
// FlowState from the user and pool, asks NextStep what follows a proven step, and answers with
// tokens or with the next challenge and a new session.
#pragma once

#include <string>

#include "auth/challenge.h"
#include "server/actions/context.h"
#include "server/actions/settings.h"
#include "storage/records.h"

namespace cognito::actions {

// Everything a sign-in step knows about who is signing in, through which client.
struct Principal {
  storage::PoolRecord pool;
  PoolSettings pool_settings;
  storage::ClientRecord client;
  ClientSettings client_settings;
  storage::UserRecord user;
  Json client_metadata = nullptr;  // as ClientScope::client_metadata
};

// The state of a user who has just proven the password, with the pool's MFA configuration and
// the user's usable MFA methods (enabled, allowed by the pool, with a phone number / email /
// verified token to use), and the device the client presented as DEVICE_KEY (ignored when the
// pool does not track devices; kUnknown when it is not a confirmed device of this user). Throws
// NotAuthorizedException when a temporary password has outlived TemporaryPasswordValidityDays.
auth::FlowState PasswordProvenState(Context& ctx, const Principal& principal,
                                    const std::string& device_key = "");

// Tokens ({"AuthenticationResult", "ChallengeParameters": {}}) or the next challenge
// ({"ChallengeName", "ChallengeParameters", "Session"}) for `state`. Tokens carry the device the
// flow authenticated, or, in pools that track devices, a new one in NewDeviceMetadata.
Json Advance(Context& ctx, const Principal& principal, const auth::FlowState& state);

// ChallengeParameters of an MFA step (SMS_MFA, EMAIL_OTP, SOFTWARE_TOKEN_MFA, SELECT_MFA_TYPE,
// MFA_SETUP), adding what its answer needs to `session_state` (the sent code's hash and expiry,
// the MFA_SETUP stage). SMS and email codes go to the outbox. (mfa_challenge.cc)
Json MfaChallengeParameters(Context& ctx, const Principal& principal, const auth::Step& step,
                            Json& session_state);

// USER_AUTH's first-factor EMAIL_OTP / SMS_OTP (`sms`) challenge: an 8-digit code to the user's
// email / phone (outbox purpose "otp") and a session carrying `state`, whose answer
// (EMAIL_OTP_CODE / SMS_OTP_CODE) goes through AnswerMfaCode. (mfa_challenge.cc)
Json OtpSignInChallenge(Context& ctx, const Principal& principal, bool sms,
                        const auth::FlowState& state);

Json FlowStateToJson(const auth::FlowState& state);
auth::FlowState FlowStateFromJson(const Json& json);

// The checks on a user that every step repeats (auth-flows.md §4.1): disabled, unconfirmed,
// reset required. With `hide_reset_required` (a client with PreventUserExistenceErrors ENABLED
// answering a password step) a reset-required user gets the generic wrong-password error.
void CheckUserCanSignIn(const storage::UserRecord& user, bool hide_reset_required = false);

[[noreturn]] void NotImplemented(const std::string& what);

}  // namespace cognito::actions
