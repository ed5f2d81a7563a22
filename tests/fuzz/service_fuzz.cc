// Fuzz target: the request path behind the HTTP layer, actions::Service::Handle, on the seeded
// database of FuzzService. An input is up to six requests separated by a line "===":
//   line 1   method and target, e.g. "POST /" (target defaults to "/")
//   line 2   X-Amz-Target: an operation name (the service prefix is added) or "=<raw header>"
//   line 3   Authorization: empty = a dummy SigV4 header, "-" = none, else the raw value
//   rest     body; $ACCESS/$ID/$REFRESH/$SUB expand to alice's credentials and $SESSION to the
//            Session of the previous answer and $TOTP to the current code of the last SecretCode
//            answered, so multi-step sign-ins and TOTP set-up are reachable; "$<n>*<c>"
//            expands to n copies of c (or of `text`; 1 MiB in all at most), e.g. "$100000*[".
// COGNITO_FUZZ_VERBOSE=1 prints every answer (for writing seeds).
// Invariants: never a 5xx; the body is always a JSON object; an API (POST) error carries __type
// and message matching the x-amzn-ErrorType / x-amzn-ErrorMessage values, a success no error
// type; any other error (GET of the well-known documents, unknown routes) carries a message.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "auth/totp.h"
#include "tests/fuzz/fuzz_input.h"
#include "tests/fuzz/fuzz_service.h"

namespace {

using cognito::actions::ApiRequest;
using cognito::actions::ApiResponse;
using cognito::fuzz::FuzzService;
using cognito::fuzz::Require;
using cognito::fuzz::TakeLine;
using Json = nlohmann::json;

constexpr size_t kMaxRequests = 6;
constexpr size_t kMaxExpansion = 1024 * 1024;  // the HTTP layer's body limit
constexpr std::string_view kSeparator = "\n===\n";

// What later requests of the same input may refer to: $SESSION and $TOTP.
struct Carried {
  std::string session;
  std::string totp;  // the current code of the last SecretCode answered, if any
};

ApiRequest ParseRequest(std::string_view text, const FuzzService& service, const Carried& carried) {
  ApiRequest request;
  const std::string_view request_line = TakeLine(text);
  const size_t space = request_line.find(' ');
  request.method = std::string(request_line.substr(0, space));
  request.target =
      space == std::string_view::npos ? "/" : std::string(request_line.substr(space + 1));
  const std::string_view target = TakeLine(text);
  request.amz_target = !target.empty() && target.front() == '='
                           ? std::string(target.substr(1))
                           : std::string(cognito::fuzz::kTargetPrefix) + std::string(target);
  const std::string_view authorization = TakeLine(text);
  if (authorization.empty()) {
    request.authorization = std::string(cognito::fuzz::kSigV4);
  } else if (authorization != "-") {
    request.authorization = std::string(authorization);
  }
  std::string body = cognito::fuzz::ReplaceAll(service.Expand(std::string(text)), "$SESSION",
                                               carried.session);
  body = cognito::fuzz::ReplaceAll(std::move(body), "$TOTP", carried.totp);
  request.body = cognito::fuzz::ExpandRepeats(body, kMaxExpansion);
  return request;
}

// Checks the response's invariants; returns its Session and SecretCode members, if any.
Carried CheckResponse(const ApiRequest& request, const ApiResponse& response, int64_t now) {
  const std::string context = request.method + " " + request.amz_target + " -> " +
                              std::to_string(response.status) + " " + response.body;
  Require(response.status >= 200 && response.status < 500, "status outside 2xx-4xx", context);
  const Json body = Json::parse(response.body, nullptr, false);
  Require(!body.is_discarded() && body.is_object(), "body is not a JSON object", context);
  if (request.method != "POST") {
    // The emulator's own documents (well-known, outbox) and unknown routes: any 2xx-4xx with
    // a JSON body and, when it is an error, a message.
    Require(response.status < 300 || body.contains("message"), "error without a message", context);
    return {};
  }
  if (response.status == 200) {
    Require(response.error_type.empty(), "success with an error type", context);
    Carried carried;
    const auto session = body.find("Session");
    if (session != body.end() && session->is_string()) {
      carried.session = session->get<std::string>();
    }
    const auto secret = body.find("SecretCode");
    if (secret != body.end() && secret->is_string()) {
      const auto key = cognito::auth::Base32Decode(secret->get<std::string>());
      Require(key.has_value(), "SecretCode is not Base32", context);
      carried.totp = cognito::auth::TotpCode(*key, now);
    }
    return carried;
  }
  Require(!response.error_type.empty(), "error without an error type", context);
  const auto type = body.find("__type");
  Require(type != body.end() && type->is_string() && *type == response.error_type,
          "__type differs from x-amzn-ErrorType", context);
  // The body carries the message with bytes that are not UTF-8 replaced by U+FFFD.
  const Json expected = Json::parse(
      Json(response.error_message).dump(-1, ' ', false, Json::error_handler_t::replace));
  const auto message = body.find("message");
  Require(message != body.end() && message->is_string() && *message == expected,
          "message differs from x-amzn-ErrorMessage", context);
  return {};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzService& service = FuzzService::Get();
  service.BeginInput();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  Carried carried;
  static const bool verbose = std::getenv("COGNITO_FUZZ_VERBOSE") != nullptr;
  for (size_t i = 0; i < kMaxRequests && !input.empty(); ++i) {
    const size_t end = input.find(kSeparator);
    const ApiRequest request = ParseRequest(input.substr(0, end), service, carried);
    input.remove_prefix(end == std::string_view::npos ? input.size() : end + kSeparator.size());
    const ApiResponse response = service.Handle(request);
    if (verbose) {
      std::fprintf(stderr, "%s %s -> %u %s\n", request.method.c_str(), request.amz_target.c_str(),
                   response.status, response.body.substr(0, 300).c_str());
    }
    const Carried next = CheckResponse(request, response, service.now_seconds());
    carried.session = next.session;
    carried.totp = next.totp.empty() ? carried.totp : next.totp;
  }
  return 0;
}
