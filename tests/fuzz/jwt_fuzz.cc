// Fuzz target: JWT parsing (auth::DecodeJwt) and the access-token check behind GetUser. The
// first byte picks how the token is made from the rest of the input:
//   0  the rest is the token itself ($ACCESS/$ID/$REFRESH expand to alice's real tokens)
//   1  the rest is a payload, signed with the real access key under the real header
//   2  line 1 is the header, the rest the payload, signed with the real access key
//   3  as 2, signed with the ID-token key
// In payloads $SUB, $ISS, $EXP (an hour ahead) and $NOW expand to plausible claims.
// Invariants: DecodeJwt accepts only three non-empty base64url parts and reports the signed
// prefix exactly; GetUser never answers 5xx; it succeeds only for a token that carries alice's
// real token's signed bytes and signature (mode 0), or (modes 1-2) a header {alg: RS256, kid: the
// access key's} and claims of a live access token (token_use, exp, iss, scope) naming that user;
// never for a token signed with the ID key (mode 3).
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "auth/crypto.h"
#include "auth/jwt.h"
#include "tests/fuzz/fuzz_input.h"
#include "tests/fuzz/fuzz_service.h"

namespace {

using cognito::fuzz::FuzzService;
using cognito::fuzz::ReplaceAll;
using cognito::fuzz::Require;
using Json = nlohmann::json;

enum class Mode { kRaw, kPayload, kHeaderAndPayload, kIdKey };

void CheckDecode(const std::string& token) {
  const auto decoded = cognito::auth::DecodeJwt(token);
  if (!decoded) {
    return;
  }
  const size_t first = token.find('.');
  const size_t second = token.find('.', first + 1);
  Require(first != std::string::npos && second != std::string::npos &&
              token.find('.', second + 1) == std::string::npos,
          "accepted a token without exactly three parts", token);
  Require(decoded->signing_input == token.substr(0, second), "wrong signing input", token);
  Require(!decoded->header_json.empty() && !decoded->payload_json.empty() &&
              !decoded->signature.empty(),
          "accepted an empty part", token);
}

std::string Sign(const cognito::auth::SigningKey& key, std::string_view header, std::string_view payload) {
  const std::string input = cognito::auth::Base64UrlEncode(header) + "." +
                            cognito::auth::Base64UrlEncode(payload);
  return input + "." + cognito::auth::Base64UrlEncode(key.Sign(input));
}

std::string ExpandClaims(const FuzzService& service, std::string text) {
  text = ReplaceAll(std::move(text), "$SUB", service.alice_sub());
  text = ReplaceAll(std::move(text), "$ISS", service.issuer());
  text = ReplaceAll(std::move(text), "$EXP", std::to_string(service.now_seconds() + 3600));
  return ReplaceAll(std::move(text), "$NOW", std::to_string(service.now_seconds()));
}

// What a successful GetUser proves about a token that we signed ourselves.
void CheckAccepted(const FuzzService& service, const std::string& header, const std::string& payload,
                   const Json& answer) {
  const Json h = Json::parse(header, nullptr, false);
  Require(h.is_object() && h.value("alg", Json()) == "RS256" &&
              h.value("kid", Json()) == service.keys().access_key().kid(),
          "accepted a token whose header is not RS256 with the access key's kid", header);
  const Json claims = Json::parse(payload, nullptr, false);
  Require(claims.is_object(), "accepted a token whose payload is not an object", payload);
  Require(claims.value("token_use", Json()) == "access", "accepted a non-access token", payload);
  const Json exp = claims.value("exp", Json());
  Require(exp.is_number_integer() && exp.get<int64_t>() > service.now_seconds(),
          "accepted an expired token", payload);
  Require(claims.value("iss", Json()) == service.issuer(), "accepted a foreign issuer", payload);
  const Json scope = claims.value("scope", Json());
  Require(scope.is_string() &&
              scope.get<std::string>().find("aws.cognito.signin.user.admin") != std::string::npos,
          "accepted a token without the admin scope", payload);
  Require(claims.value("username", Json()) == answer.value("Username", Json()),
          "answered for another user", payload + " -> " + answer.dump());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) {
    return 0;
  }
  FuzzService& service = FuzzService::Get();
  const auto mode = static_cast<Mode>(data[0] % 4);
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string header = R"({"kid":")" + service.keys().access_key().kid() + R"(","alg":"RS256"})";
  std::string payload;
  std::string token;
  if (mode == Mode::kRaw) {
    token = service.Expand(std::string(rest));
    CheckDecode(token);
  } else {
    if (mode != Mode::kPayload) {
      header = std::string(cognito::fuzz::TakeLine(rest));
    }
    payload = ExpandClaims(service, std::string(rest));
    const auto& key =
        mode == Mode::kIdKey ? service.keys().id_key() : service.keys().access_key();
    token = Sign(key, header, payload);
  }
  const auto answer = service.Call("GetUser", {{"AccessToken", token}});
  if (!answer) {
    return 0;  // not UTF-8: the service could not even receive it as JSON
  }
  const auto& response = *answer;
  Require(response.status < 500, "GetUser answered 5xx", response.body);
  if (response.status != 200) {
    return 0;
  }
  Require(mode != Mode::kIdKey, "accepted a token signed with the ID key", token);
  if (mode == Mode::kRaw) {
    const auto real = cognito::auth::DecodeJwt(service.access_token());
    const auto offered = cognito::auth::DecodeJwt(token);
    Require(real && offered && offered->signing_input == real->signing_input &&
                offered->signature == real->signature,
            "accepted a token that is not alice's real one", token);
    return 0;
  }
  CheckAccepted(service, header, payload, Json::parse(response.body));
  return 0;
}
