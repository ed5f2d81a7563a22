// DEVICE_SRP_AUTH -> DEVICE_PASSWORD_VERIFIER (srp.md §4): a remembered device proves its
// secret with the user SRP math, DeviceGroupKey standing for the pool name and DeviceKey for the
// user id. The steps run inside a sign-in whose password (and MFA, where it applies) is proven;
// the session carries the flow and, for the verifier, the SRP ephemeral state.
#include "auth/crypto.h"
#include "auth/srp.h"
#include "server/actions/auth_session.h"
#include "server/actions/devices.h"
#include "server/actions/error.h"
#include "server/actions/sign_in.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

const char* const kSrpAuth = "DEVICE_SRP_AUTH";
const char* const kVerifier = "DEVICE_PASSWORD_VERIFIER";

struct DeviceStep {
  OpenSession session;
  storage::UserRecord user;
  auth::FlowState flow;
  storage::DeviceRecord device;
};

// The session expecting `challenge`, checked against USERNAME (its user) and DEVICE_KEY (the
// device the flow presented, still a device of that user).
DeviceStep LoadDeviceStep(Context& ctx, const ClientScope& scope, const RespondRequest& r,
                          const char* challenge, const std::string& secret_block) {
  const std::string& username = RequiredParameter(r.responses, "USERNAME");
  const std::string& device_key = RequiredParameter(r.responses, "DEVICE_KEY");
  OpenSession session =
      LoadSession(ctx, r.session, secret_block, scope.client.client_id, challenge);
  CheckSecretHash(scope.client, r.responses, username);
  auto user = FindUser(ctx, scope.pool, scope.pool_settings, username);
  if (!user || user->username != session.record.username) {
    throw CognitoError::NotAuthorized("Invalid session provided for the user.");
  }
  CheckUserCanSignIn(*user);
  auth::FlowState flow = FlowStateFromJson(session.state);
  if (flow.device_key.empty() || !auth::ConstantTimeEquals(device_key, flow.device_key)) {
    throw CognitoError::ResourceNotFound("Device does not exist.");
  }
  storage::DeviceRecord device = RequireDevice(ctx, *user, device_key);
  return {std::move(session), std::move(*user), std::move(flow), std::move(device)};
}

}  // namespace

Json AnswerDeviceSrpAuth(Context& ctx, const ClientScope& scope, const RespondRequest& r) {
  DeviceStep step = LoadDeviceStep(ctx, scope, r, kSrpAuth, "");
  SrpExchange exchange =
      StartSrpExchange(ctx, RequiredParameter(r.responses, "SRP_A"), step.device.verifier);
  Json state = FlowStateToJson(step.flow);
  state.update(exchange.state);
  ConsumeSession(ctx, step.session);
  const std::string session =
      StartSession(ctx, {scope.pool.id, scope.client.client_id, step.user.username}, kVerifier,
                   state, scope.client_settings.auth_session_seconds, exchange.secret_block);
  return Json{{"ChallengeName", kVerifier},
              {"ChallengeParameters",
               {{"SRP_B", exchange.srp_b},
                {"SALT", auth::SrpHex(step.device.salt)},
                {"SECRET_BLOCK", exchange.secret_block},
                {"USERNAME", step.user.username},
                {"DEVICE_KEY", step.device.device_key}}},
              {"Session", session}};
}

Json AnswerDevicePasswordVerifier(Context& ctx, const ClientScope& scope,
                                  const RespondRequest& r) {
  const std::string& secret_block = RequiredParameter(r.responses, "PASSWORD_CLAIM_SECRET_BLOCK");
  RequiredParameter(r.responses, "PASSWORD_CLAIM_SIGNATURE");
  RequiredParameter(r.responses, "TIMESTAMP");
  DeviceStep step = LoadDeviceStep(ctx, scope, r, kVerifier, secret_block);
  const Json state = step.session.state;
  ConsumeSession(ctx, step.session);
  if (!SrpClaimValid(ctx, state, step.device.verifier,
                     {step.device.group_key, step.device.device_key}, r.responses)) {
    ctx.commit_on_error = true;  // the exchange is used up by a wrong proof too
    throw CognitoError::IncorrectCredentials();
  }
  step.flow.device_done = true;
  return Advance(ctx, MakePrincipal(scope, std::move(step.user)), step.flow);
}

}  // namespace cognito::actions
