// USER_SRP_AUTH -> PASSWORD_VERIFIER with Cognito's SRP (srp.md). The server's ephemeral state
// lives in the sign-in session, reachable by Session or by SECRET_BLOCK.
#include "auth/crypto.h"
#include "auth/srp.h"
#include "server/actions/auth_session.h"
#include "server/actions/error.h"
#include "server/actions/sign_in.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

constexpr size_t kSecretBlockBytes = 128;
constexpr size_t kMaxSrpAHexDigits = 1024;  // A < N (768 hex digits); anything longer is junk
constexpr int64_t kTimestampSkewSeconds = 300;
const char* const kChallenge = "PASSWORD_VERIFIER";

// A UUID-shaped id derived from text, for the simulated challenge of unknown users.
std::string DerivedUuid(const std::string& text) {
  const std::string hex = auth::HexEncode(auth::Sha256(text)).substr(0, 32);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-4" + hex.substr(13, 3) + "-a" +
         hex.substr(17, 3) + "-" + hex.substr(20, 12);
}

std::string StateHex(const Json& state, const char* key) {
  auto raw = auth::HexDecode(state.value(key, ""));
  return raw ? *raw : "";
}

// SRP_A as PAD bytes; InvalidParameterException unless it is a valid public value.
std::string ParseSrpA(const std::string& srp_a) {
  auto a = srp_a.size() <= kMaxSrpAHexDigits ? auth::SrpParseHexInt(srp_a) : std::nullopt;
  if (!a || !auth::SrpIsValidA(*a)) {
    throw CognitoError::InvalidParameter("Invalid SRP_A value.");
  }
  return std::move(*a);
}

}  // namespace

SrpExchange StartSrpExchange(Context& ctx, const std::string& srp_a, const std::string& verifier) {
  const std::string a = ParseSrpA(srp_a);
  const auth::SrpServerStart server = auth::SrpStart(verifier, ctx.env.random);
  return {Json{{"A", auth::HexEncode(a)},
               {"b", auth::HexEncode(server.b)},
               {"B", auth::HexEncode(server.B)}},
          auth::SrpHex(server.B), auth::Base64Encode(ctx.env.random.Bytes(kSecretBlockBytes))};
}

bool SrpClaimValid(Context& ctx, const Json& state, const std::string& verifier,
                   const SrpIdentity& identity, const Parameters& responses) {
  const std::string& timestamp = RequiredParameter(responses, "TIMESTAMP");
  const auto when = auth::ParseSrpTimestamp(timestamp);
  if (!when || std::llabs(*when - ctx.env.clock.NowSeconds()) > kTimestampSkewSeconds) {
    return false;
  }
  const auto key =
      auth::SrpServerKey(StateHex(state, "A"), StateHex(state, "B"), StateHex(state, "b"), verifier);
  const auto block = auth::Base64Decode(RequiredParameter(responses, "PASSWORD_CLAIM_SECRET_BLOCK"));
  const auto given = auth::Base64Decode(RequiredParameter(responses, "PASSWORD_CLAIM_SIGNATURE"));
  return key && block && given &&
         auth::ConstantTimeEquals(*given, *auth::Base64Decode(auth::SrpSignature(
                                              *key, identity.pool_name, identity.user_id, *block,
                                              timestamp)));
}

namespace {

// The PASSWORD_VERIFIER challenge and its session, holding the exchange and `extra_state`.
Json SrpChallenge(Context& ctx, const ClientScope& scope, const std::string& user_id,
                  const std::string& salt, const std::string& verifier, const std::string& srp_a,
                  const Json& extra_state) {
  SrpExchange exchange = StartSrpExchange(ctx, srp_a, verifier);
  exchange.state.update(extra_state);
  const std::string session =
      StartSession(ctx, {scope.pool.id, scope.client.client_id, user_id}, kChallenge,
                   exchange.state, scope.client_settings.auth_session_seconds,
                   exchange.secret_block);
  return Json{{"ChallengeName", kChallenge},
              {"ChallengeParameters",
               {{"SALT", auth::SrpHex(salt)},
                {"SECRET_BLOCK", exchange.secret_block},
                {"SRP_B", exchange.srp_b},
                {"USERNAME", user_id},
                {"USER_ID_FOR_SRP", user_id}}},
              {"Session", session}};
}

}  // namespace

Json PasswordVerifierChallenge(Context& ctx, const ClientScope& scope,
                               const storage::UserRecord& user, const std::string& srp_a,
                               const Json& extra_state) {
  Json state = extra_state;
  state["simulated"] = false;
  const storage::UserPassword password = PasswordOf(ctx, user);
  return SrpChallenge(ctx, scope, user.username, password.salt, password.verifier, srp_a, state);
}

Json StartUserSrp(Context& ctx, const ClientScope& scope, const InitiateRequest& r) {
  const std::string& username = RequiredParameter(r.parameters, "USERNAME");
  const std::string& srp_a = RequiredParameter(r.parameters, "SRP_A");
  CheckSecretHash(scope.client, r.parameters, username);
  ParseSrpA(srp_a);  // before the user lookup, so a bad SRP_A is reported first
  auto user = ResolveUser(ctx, scope, username, true);
  if (user) {
    CheckUserCanSignIn(*user, scope.client_settings.prevent_user_existence_errors);
    RunPreAuthentication(ctx, scope, *user, r.client_metadata);
    return PasswordVerifierChallenge(ctx, scope, *user, srp_a, Json::object());
  }
  // PreventUserExistenceErrors: a challenge indistinguishable from a real one, which fails.
  const std::string user_id = DerivedUuid(scope.pool.id + "/user/" + username);
  const std::string salt = auth::Sha256(scope.pool.id + "/salt/" + username).substr(0, 16);
  const std::string verifier =
      auth::MakePasswordVerifier("x", user_id, ctx.env.random.Uuid(), ctx.env.random).verifier;
  return SrpChallenge(ctx, scope, user_id, salt, verifier, srp_a, {{"simulated", true}});
}

Json AnswerPasswordVerifier(Context& ctx, const ClientScope& scope, const RespondRequest& r) {
  const std::string& username = RequiredParameter(r.responses, "USERNAME");
  const std::string& secret_block = RequiredParameter(r.responses, "PASSWORD_CLAIM_SECRET_BLOCK");
  RequiredParameter(r.responses, "PASSWORD_CLAIM_SIGNATURE");
  RequiredParameter(r.responses, "TIMESTAMP");
  OpenSession session = LoadSession(ctx, r.session, secret_block, scope.client.client_id, kChallenge);
  CheckSecretHash(scope.client, r.responses, username);
  auto user = FindUser(ctx, scope.pool, scope.pool_settings, username);
  const bool simulated = session.state.value("simulated", true);
  if (!simulated && (!user || user->username != session.record.username)) {
    throw CognitoError::NotAuthorized("Invalid session provided for the user.");
  }
  // The SRP state is single use whatever the proof's outcome: a retry needs a new SRP_A. Once
  // the proof holds, failures commit nothing: after "Device does not exist." the client retries
  // the same answer without DEVICE_KEY.
  const Json state = session.state;
  ConsumeSession(ctx, session);
  ctx.commit_on_error = true;
  if (simulated) {
    throw CognitoError::IncorrectCredentials();
  }
  CheckUserCanSignIn(*user, scope.client_settings.prevent_user_existence_errors);
  CheckPasswordProof(ctx, *user, [&] {
    return SrpClaimValid(ctx, state, PasswordOf(ctx, *user).verifier,
                         {SrpPoolName(scope.pool.id), user->username}, r.responses);
  });
  if (state.contains("custom")) {
    return ContinueCustomAuthAfterPassword(ctx, scope, state, std::move(*user), r);
  }
  ctx.commit_on_error = false;
  const Principal principal = MakePrincipal(scope, std::move(*user));
  return Advance(ctx, principal,
                 PasswordProvenState(ctx, principal, OptionalParameter(r.responses, "DEVICE_KEY")));
}

}  // namespace cognito::actions
