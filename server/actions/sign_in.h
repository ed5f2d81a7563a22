// The sign-in operations (auth-flows.md §1-4): InitiateAuth / AdminInitiateAuth and
// RespondToAuthChallenge / AdminRespondToAuthChallenge share this pipeline. Client and flow
// checks, SECRET_HASH and user resolution live here; the flows live in srp_flow.cc,
// new_password.cc, mfa_challenge.cc, device_srp.cc, custom_auth.cc and refresh.cc.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "server/actions/context.h"
#include "server/actions/flow.h"

namespace cognito::actions {

enum class AuthApi { kPublic, kAdmin };
using Parameters = std::map<std::string, std::string>;

struct InitiateRequest {
  AuthApi api;
  std::string pool_id;  // AdminInitiateAuth only
  std::string client_id;
  std::string flow;
  Parameters parameters;
  Json client_metadata = Json::object();  // ClientMetadata, for the triggers
  std::string session;  // USER_AUTH: the Session of a ConfirmSignUp (empty when absent)
};

struct RespondRequest {
  AuthApi api;
  std::string pool_id;  // AdminRespondToAuthChallenge only
  std::string client_id;
  std::string challenge;
  std::string session;  // empty when absent
  Parameters responses;
  Json client_metadata = Json::object();
};

Json RunInitiateAuth(Context& ctx, const InitiateRequest& request);
Json RunRespondToAuthChallenge(Context& ctx, const RespondRequest& request);

// The pool and client a sign-in step runs against (admin calls: the client must be in pool_id).
struct ClientScope {
  storage::PoolRecord pool;
  PoolSettings pool_settings;
  storage::ClientRecord client;
  ClientSettings client_settings;
  // ClientMetadata for the triggers that receive it as clientMetadata; null when the request's
  // metadata is not theirs (InitiateAuth passes it only to PreAuthentication and UserMigration).
  Json client_metadata = nullptr;
};
ClientScope LoadClientScope(Context& ctx, AuthApi api, const std::string& pool_id,
                            const std::string& client_id);
Principal MakePrincipal(const ClientScope& scope, storage::UserRecord user);

// "Missing required parameter <name>" when absent.
const std::string& RequiredParameter(const Parameters& parameters, const std::string& name);
// The parameter's value, or "" when absent.
std::string OptionalParameter(const Parameters& parameters, const std::string& name);
// SECRET_HASH of `username` when the client has a secret (auth-flows.md §7).
void CheckSecretHash(const storage::ClientRecord& client, const Parameters& parameters,
                     const std::string& username);
// The user named by USERNAME (username or sign-in alias) with the not-found rule of the
// client's PreventUserExistenceErrors; nullopt only when the client hides unknown users and
// `simulate` is set (USER_SRP_AUTH answers with a simulated challenge).
std::optional<storage::UserRecord> ResolveUser(Context& ctx, const ClientScope& scope,
                                               const std::string& username, bool simulate);
// Runs `prove` (true when the password or its SRP proof is right) under the brute-force lockout:
// a locked-out user gets "Password attempts exceeded" without `prove` running; a wrong proof
// counts and answers "Incorrect username or password."; a right one clears the count.
void CheckPasswordProof(Context& ctx, const storage::UserRecord& user,
                        const std::function<bool()>& prove);

// The PreAuthentication trigger, when the pool has one, for a user about to sign in;
// `validation_data` is InitiateAuth's ClientMetadata.
void RunPreAuthentication(Context& ctx, const ClientScope& scope, const storage::UserRecord& user,
                          const Json& validation_data);

// The server side of one SRP exchange (srp_flow.cc): `state` (A, b, B as hex) goes into the
// session; SRP_B and SECRET_BLOCK go to the client. Throws InvalidParameterException "Invalid
// SRP_A value." for an A that is not a valid public value.
struct SrpExchange {
  Json state;
  std::string srp_b;
  std::string secret_block;
};
SrpExchange StartSrpExchange(Context& ctx, const std::string& srp_a, const std::string& verifier);
// The names the SRP proof is made over: pool name and user id (DeviceGroupKey and DeviceKey
// for devices).
struct SrpIdentity {
  std::string pool_name;
  std::string user_id;
};
// Whether PASSWORD_CLAIM_SIGNATURE in `responses` proves the secret behind `verifier` for the
// exchange in `state`, with a TIMESTAMP within 5 minutes of the clock. Every check runs in
// constant time over secrets.
bool SrpClaimValid(Context& ctx, const Json& state, const std::string& verifier,
                   const SrpIdentity& identity, const Parameters& responses);

// Flows (one file each).
Json StartUserSrp(Context& ctx, const ClientScope& scope, const InitiateRequest& request);
Json AnswerPasswordVerifier(Context& ctx, const ClientScope& scope, const RespondRequest& request);
Json AnswerNewPassword(Context& ctx, const ClientScope& scope, const RespondRequest& request);
Json RefreshTokenSignIn(Context& ctx, const ClientScope& scope, const Parameters& parameters);
// SMS_MFA, EMAIL_OTP and SOFTWARE_TOKEN_MFA answers; SELECT_MFA_TYPE; MFA_SETUP (mfa_challenge.cc).
Json AnswerMfaCode(Context& ctx, const ClientScope& scope, const RespondRequest& request);
Json AnswerSelectMfaType(Context& ctx, const ClientScope& scope, const RespondRequest& request);
Json AnswerMfaSetup(Context& ctx, const ClientScope& scope, const RespondRequest& request);
// DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER (device_srp.cc).
Json AnswerDeviceSrpAuth(Context& ctx, const ClientScope& scope, const RespondRequest& request);
Json AnswerDevicePasswordVerifier(Context& ctx, const ClientScope& scope,
                                  const RespondRequest& request);
// The sessions that let USER_AUTH sign a user in right after sign-up: SignUp issues one
// (kSignUpSession) that ConfirmSignUp takes and exchanges for one (kConfirmedSignUpSession) that
// InitiateAuth USER_AUTH takes instead of a factor.
inline constexpr const char* kSignUpSession = "SIGN_UP";
inline constexpr const char* kConfirmedSignUpSession = "CONFIRMED_SIGN_UP";
inline constexpr int64_t kSignUpSessionSeconds = 24 * 3600;

// USER_AUTH, choice-based sign-in, and its SELECT_CHALLENGE answer (user_auth.cc).
Json StartUserAuth(Context& ctx, const ClientScope& scope, const InitiateRequest& request);
// The first factors USER_AUTH offers `user` in `pool`: PASSWORD (with a password), EMAIL_OTP /
// SMS_OTP (a verified email / phone number). `as_challenges`: as AvailableChallenges, i.e. with
// PASSWORD_SRP before PASSWORD and no one-time codes for a FORCE_CHANGE_PASSWORD user.
std::vector<std::string> UserAuthFactors(Context& ctx, const PoolSettings& pool,
                                         const storage::UserRecord& user, bool as_challenges);
Json AnswerSelectChallenge(Context& ctx, const ClientScope& scope, const RespondRequest& request);
// CUSTOM_AUTH driven by the Define / Create / Verify triggers (custom_auth.cc).
Json StartCustomAuth(Context& ctx, const ClientScope& scope, const InitiateRequest& request);
Json AnswerCustomChallenge(Context& ctx, const ClientScope& scope, const RespondRequest& request);
// After a PASSWORD_VERIFIER proven inside CUSTOM_AUTH: DefineAuthChallenge decides what follows.
Json ContinueCustomAuthAfterPassword(Context& ctx, const ClientScope& scope, const Json& state,
                                     storage::UserRecord user, const RespondRequest& request);
// A PASSWORD_VERIFIER challenge for `user` from the client's SRP_A, with `extra_state` (the
// custom-auth history) kept in its session.
Json PasswordVerifierChallenge(Context& ctx, const ClientScope& scope,
                               const storage::UserRecord& user, const std::string& srp_a,
                               const Json& extra_state);

}  // namespace cognito::actions
