// AssociateSoftwareToken: a new TOTP key for the user, pending until VerifySoftwareToken proves
// it (tokens.md §9). A new association replaces an unverified one; a verified token stays in use
// until the new one is verified.
#include <algorithm>

#include "auth/totp.h"
#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/flow.h"
#include "server/actions/software_token.h"
#include "server/actions/user_mfa.h"

namespace cognito::actions {

Json AssociateSoftwareToken(Context& ctx, const Json& input) {
  Enrolment enrolment = OpenEnrolment(ctx, input, {kSetupAssociate, kSetupVerify});
  if (enrolment.session) {
    // Only a method MFA_SETUP offered can be set up inside the sign-in.
    const auto methods = FlowStateFromJson(enrolment.session->state).pool_methods;
    if (std::find(methods.begin(), methods.end(), auth::MfaMethod::kTotp) == methods.end()) {
      throw CognitoError::InvalidParameter("Software token MFA is not enabled for the user pool.");
    }
  }
  storage::UserMfaRecord mfa = LoadUserMfa(ctx, enrolment.user);
  mfa.totp_pending_secret = ctx.env.random.Bytes(kTotpSecretBytes);
  Json out{{"SecretCode", auth::Base32Encode(mfa.totp_pending_secret)}};
  ctx.Write([mfa = std::move(mfa)](storage::Store& store) { store.PutUserMfa(mfa); });
  if (enrolment.session) {
    out["Session"] = NextSetupSession(ctx, enrolment, kSetupVerify);
  }
  return out;
}

}  // namespace cognito::actions
