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

}  // namespace

Json StartUserSrp(Context& ctx, const ClientScope& scope, const Parameters& parameters) {
  const std::string& username = RequiredParameter(parameters, "USERNAME");
  const std::string& srp_a = RequiredParameter(parameters, "SRP_A");
  CheckSecretHash(scope.client, parameters, username);
  auto a = srp_a.size() <= kMaxSrpAHexDigits ? auth::SrpParseHexInt(srp_a) : std::nullopt;
  if (!a || !auth::SrpIsValidA(*a)) {
    throw CognitoError::InvalidParameter("Invalid SRP_A value.");
  }
  auto user = ResolveUser(ctx, scope, username, true);
  std::string user_id;
  std::string salt;
  std::string verifier;
  if (user) {
    CheckUserCanSignIn(*user, scope.client_settings.prevent_user_existence_errors);
    user_id = user->username;
    salt = user->password_salt;
    verifier = user->password_verifier;
  } else {
    // PreventUserExistenceErrors: a challenge indistinguishable from a real one, which fails.
    user_id = DerivedUuid(scope.pool.id + "/user/" + username);
    salt = auth::Sha256(scope.pool.id + "/salt/" + username).substr(0, 16);
    verifier = auth::MakePasswordVerifier("x", user_id, ctx.env.random.Uuid(), ctx.env.random).verifier;
  }
  const auth::SrpServerStart server = auth::SrpStart(verifier, ctx.env.random);
  const std::string secret_block = auth::Base64Encode(ctx.env.random.Bytes(kSecretBlockBytes));
  const Json state{{"A", auth::HexEncode(*a)},
                   {"b", auth::HexEncode(server.b)},
                   {"B", auth::HexEncode(server.B)},
                   {"simulated", !user.has_value()}};
  const std::string session =
      StartSession(ctx, {scope.pool.id, scope.client.client_id, user_id}, kChallenge, state,
                   scope.client_settings.auth_session_seconds, secret_block);
  return Json{{"ChallengeName", kChallenge},
              {"ChallengeParameters",
               {{"SALT", auth::SrpHex(salt)},
                {"SECRET_BLOCK", secret_block},
                {"SRP_B", auth::SrpHex(server.B)},
                {"USERNAME", user_id},
                {"USER_ID_FOR_SRP", user_id}}},
              {"Session", session}};
}

Json AnswerPasswordVerifier(Context& ctx, const ClientScope& scope, const RespondRequest& r) {
  const std::string& username = RequiredParameter(r.responses, "USERNAME");
  const std::string& secret_block = RequiredParameter(r.responses, "PASSWORD_CLAIM_SECRET_BLOCK");
  const std::string& signature = RequiredParameter(r.responses, "PASSWORD_CLAIM_SIGNATURE");
  const std::string& timestamp = RequiredParameter(r.responses, "TIMESTAMP");
  OpenSession session = LoadSession(ctx, r.session, secret_block, scope.client.client_id, kChallenge);
  if (!session.record.secret_block_hash.empty() &&
      !auth::ConstantTimeEquals(auth::Sha256(secret_block), session.record.secret_block_hash)) {
    throw CognitoError::NotAuthorized("Invalid session provided for the user.");
  }
  CheckSecretHash(scope.client, r.responses, username);
  auto user = FindUser(ctx, scope.pool, scope.pool_settings, username);
  const bool simulated = session.state.value("simulated", true);
  if (!simulated && (!user || user->username != session.record.username)) {
    throw CognitoError::NotAuthorized("Invalid session provided for the user.");
  }
  // The SRP state is single use whatever the outcome: a retry needs a new SRP_A.
  const Json state = session.state;
  ConsumeSession(ctx, session);
  if (simulated) {
    throw CognitoError::IncorrectCredentials();
  }
  CheckUserCanSignIn(*user, scope.client_settings.prevent_user_existence_errors);
  CheckPasswordProof(ctx, *user, [&] {
    const auto when = auth::ParseSrpTimestamp(timestamp);
    if (!when || std::llabs(*when - ctx.env.clock.NowSeconds()) > kTimestampSkewSeconds) {
      return false;
    }
    const auto key = auth::SrpServerKey(StateHex(state, "A"), StateHex(state, "B"),
                                        StateHex(state, "b"), user->password_verifier);
    const auto block = auth::Base64Decode(secret_block);
    const auto given = auth::Base64Decode(signature);
    return key && block && given &&
           auth::ConstantTimeEquals(*given, *auth::Base64Decode(auth::SrpSignature(
                                                *key, SrpPoolName(scope.pool.id), user->username,
                                                *block, timestamp)));
  });
  const Principal principal = MakePrincipal(scope, std::move(*user));
  return Advance(ctx, principal, PasswordProvenState(ctx, principal));
}

}  // namespace cognito::actions
