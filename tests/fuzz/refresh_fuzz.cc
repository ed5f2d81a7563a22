// Fuzz target: refresh tokens (actions::OpenRefreshToken) and REFRESH_TOKEN_AUTH behind them. The
// first byte picks how the token is made from the rest of the input:
//   0  the rest is the token itself ($REFRESH expands to alice's real refresh token)
//   1  the rest is a claims payload, sealed with the real refresh key under the real header
// In payloads $SUB, $POOL, $CLIENT, $NOW_MS and $EXP_MS (a day ahead) expand to plausible claims.
// Invariants: InitiateAuth never answers 5xx; a raw token succeeds only if it is alice's real one
// (nobody else can seal one); a sealed payload succeeds only if it is a JSON object naming the
// seeded pool, the public client and alice's sub, not yet expired, every claim of its type.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "auth/aead.h"
#include "server/actions/refresh_token.h"
#include "tests/fuzz/fuzz_input.h"
#include "tests/fuzz/fuzz_service.h"

namespace {

using cognito::fuzz::FuzzService;
using cognito::fuzz::ReplaceAll;
using cognito::fuzz::Require;
using Json = nlohmann::json;

constexpr int64_t kDayMillis = 24LL * 3600 * 1000;

std::string ExpandClaims(const FuzzService& service, std::string text) {
  const int64_t now_ms = service.now_seconds() * 1000;
  text = ReplaceAll(std::move(text), "$SUB", service.alice_sub());
  text = ReplaceAll(std::move(text), "$POOL", cognito::fuzz::kPoolId);
  text = ReplaceAll(std::move(text), "$CLIENT", cognito::fuzz::kPublicClientId);
  text = ReplaceAll(std::move(text), "$NOW_MS", std::to_string(now_ms));
  return ReplaceAll(std::move(text), "$EXP_MS", std::to_string(now_ms + kDayMillis));
}

bool IsString(const Json& claims, const char* name, const std::string& want) {
  const auto it = claims.find(name);
  return it != claims.end() && it->is_string() && it->get<std::string>() == want;
}

bool IsInteger(const Json& claims, const char* name) {
  const auto it = claims.find(name);
  return it != claims.end() && it->is_number_integer();
}

// What a successful refresh proves about a payload we sealed ourselves.
void CheckAccepted(const FuzzService& service, const std::string& payload) {
  const Json claims = Json::parse(payload, nullptr, false);
  Require(claims.is_object(), "accepted a payload that is not an object", payload);
  Require(IsString(claims, "pool_id", std::string(cognito::fuzz::kPoolId)) &&
              IsString(claims, "client_id", std::string(cognito::fuzz::kPublicClientId)) &&
              IsString(claims, "sub", service.alice_sub()),
          "accepted a token for another pool, client or user", payload);
  Require(claims.contains("origin_jti") && claims["origin_jti"].is_string() &&
              claims.contains("device_key") && claims["device_key"].is_string() &&
              IsInteger(claims, "auth_time") && IsInteger(claims, "iat_ms"),
          "accepted claims of the wrong types", payload);
  Require(IsInteger(claims, "exp_ms") &&
              claims["exp_ms"].get<int64_t>() > service.now_seconds() * 1000,
          "accepted an expired token", payload);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) {
    return 0;
  }
  FuzzService& service = FuzzService::Get();
  const bool sealed = data[0] % 2 == 1;
  const std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::string payload = sealed ? ExpandClaims(service, rest) : std::string();
  const std::string token =
      sealed ? cognito::actions::SealRefreshPayload(
                   service.keys(), std::string(cognito::auth::kAesGcmIvBytes, '\x07'), payload)
             : service.Expand(rest);
  const bool opens = cognito::actions::OpenRefreshToken(service.keys(), token).has_value();
  const auto answer = service.Call("InitiateAuth", {{"ClientId", cognito::fuzz::kPublicClientId},
                                                     {"AuthFlow", "REFRESH_TOKEN_AUTH"},
                                                     {"AuthParameters", {{"REFRESH_TOKEN", token}}}});
  if (!answer) {
    return 0;  // not UTF-8: the service could not even receive it as JSON
  }
  const auto& response = *answer;
  Require(response.status < 500, "InitiateAuth answered 5xx", response.body);
  if (response.status != 200) {
    return 0;
  }
  Require(opens, "refreshed with a token that does not open", token);
  if (!sealed) {
    Require(token == service.Expand("$REFRESH"), "accepted a token that is not alice's real one",
            token);
    return 0;
  }
  CheckAccepted(service, payload);
  return 0;
}
