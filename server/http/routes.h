// What the emulator answers, independent of sockets and of Beast: route selection, the CORS
// preflight, /health, the mapping of an ApiResponse to the wire, and the errors the HTTP layer
// produces itself. Every function is pure and thread-safe (CallHandler is as thread-safe as the
// handler it calls). Reply values are plain data that the caller owns.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/actions/api.h"

namespace cognito::http {

inline constexpr std::string_view kJsonContentType = "application/x-amz-json-1.1";
inline constexpr std::string_view kExposeHeaders =
    "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";
inline constexpr std::string_view kDefaultAllowHeaders =
    "content-type, x-amz-target, x-amz-user-agent, cache-control, amz-sdk-invocation-id, "
    "amz-sdk-request, authorization, x-amz-date, x-amz-security-token, x-amz-content-sha256";

// A response before it meets the wire. Header values are already sanitised.
struct Reply {
  unsigned status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

enum class Route { kPreflight, kHealth, kApi };

// OPTIONS on any path is a preflight, GET /health (query ignored) the health check; the rest
// goes to the ApiHandler, which decides what an unknown path or method means.
Route RouteFor(std::string_view method, std::string_view target);

// 200 with the CORS grant; allows the headers the browser asked for, or a default list.
Reply PreflightReply(std::string_view requested_headers);

Reply HealthReply();

// The handler's answer; an out-of-range status becomes a 500 InternalErrorException.
Reply ApiReply(const actions::ApiResponse& response);

// JSON error body with the x-amzn-ErrorType / x-amzn-ErrorMessage headers.
Reply ErrorReply(unsigned status, std::string_view type, std::string_view message);

// Calls the handler and maps its answer; an escaping exception becomes a 500 that reveals nothing.
Reply CallHandler(actions::ApiHandler& handler, const actions::ApiRequest& request);

// Adds the headers every response carries: request id, Date and the CORS exposure.
void AddCommonHeaders(Reply& reply, std::string_view request_id, std::string_view date);

// The status line and header block of `reply` (ending in the blank line), byte for byte what
// Beast's serializer writes for it: HTTP/1.<version % 10>, `reason`, the headers in order, then
// "Connection: close" (HTTP/1.1 without keep-alive) or "Connection: keep-alive" (HTTP/1.0 with
// it), then Content-Length. The body follows it as it is.
std::string ResponseHead(const Reply& reply, unsigned version, bool keep_alive,
                         std::string_view reason);

}  // namespace cognito::http
