// Software-token (TOTP) enrolment shared by AssociateSoftwareToken and VerifySoftwareToken, on
// either path: a signed-in user's AccessToken, or a sign-in's MFA_SETUP session chain
// (auth-flows.md §6): the Session of an MFA_SETUP challenge authorises AssociateSoftwareToken,
// whose new Session authorises VerifySoftwareToken, whose new Session answers MFA_SETUP. Each
// step consumes the session it was given; the stage is kept in the session state ("setup").
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "server/actions/auth_session.h"
#include "server/actions/context.h"
#include "storage/records.h"

namespace cognito::actions {

inline constexpr const char* kSetupAssociate = "associate";  // the MFA_SETUP challenge's session
inline constexpr const char* kSetupVerify = "verify";        // returned by AssociateSoftwareToken
inline constexpr const char* kSetupRespond = "respond";      // returned by VerifySoftwareToken
inline constexpr size_t kTotpSecretBytes = 32;               // a 52-character SecretCode

// Who an enrolment call acts for.
struct Enrolment {
  storage::UserRecord user;
  std::optional<OpenSession> session;  // set on the sign-in path
};

// Resolves the request's AccessToken or Session (exactly one, else InvalidParameterException).
// A Session must be an unexpired MFA_SETUP session at one of `stages` ("Invalid session provided
// for the user." otherwise), whose user still exists and may sign in.
Enrolment OpenEnrolment(Context& ctx, const Json& input,
                        std::initializer_list<std::string_view> stages);

// Consumes the enrolment's session and starts the chain's next one at `stage` (validity: the
// client's AuthSessionValidity); returns the new Session string.
std::string NextSetupSession(Context& ctx, Enrolment& enrolment, const char* stage);

}  // namespace cognito::actions
