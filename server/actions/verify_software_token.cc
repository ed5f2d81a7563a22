// VerifySoftwareToken: a code of the pending TOTP key (RFC 6238, ±1 step) makes it the user's
// software token, registered and enabled; on the sign-in path it also becomes the preferred
// method and the answer carries the Session that completes MFA_SETUP.
#include "auth/totp.h"
#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/software_token.h"
#include "server/actions/user_mfa.h"

namespace cognito::actions {

Json VerifySoftwareToken(Context& ctx, const Json& input) {
  Enrolment enrolment = OpenEnrolment(ctx, input, {kSetupVerify});
  storage::UserMfaRecord mfa = LoadUserMfa(ctx, enrolment.user);
  if (mfa.totp_pending_secret.empty()) {
    throw CognitoError(ErrorCode::kSoftwareTokenMfaNotFound,
                       "Software Token MFA does not exist for the user.");
  }
  // A new key has no used steps yet: the previous key's last step does not apply.
  const auto step = auth::MatchTotp(mfa.totp_pending_secret, Str(input, "UserCode"),
                                    ctx.env.clock.NowSeconds(), 0);
  if (!step) {
    throw CognitoError(ErrorCode::kEnableSoftwareTokenMfa,
                       "Code mismatch and fail enable Software Token MFA");
  }
  mfa.totp_secret = mfa.totp_pending_secret;
  mfa.totp_pending_secret.clear();
  mfa.totp_friendly_name = OptStr(input, "FriendlyDeviceName").value_or("");
  mfa.totp_last_step = *step;
  mfa.totp_enabled = true;
  if (enrolment.session) {
    mfa.totp_preferred = true;
    mfa.sms_preferred = false;
    mfa.email_preferred = false;
  }
  ctx.Write([mfa = std::move(mfa)](storage::Store& store) { store.PutUserMfa(mfa); });
  Json out{{"Status", "SUCCESS"}};
  if (enrolment.session) {
    out["Session"] = NextSetupSession(ctx, enrolment, kSetupRespond);
  }
  return out;
}

}  // namespace cognito::actions
