#include "server/http/routes.h"

#include "server/http/wire_format.h"

namespace cognito::http {

namespace {

constexpr unsigned kMinStatus = 100;
constexpr unsigned kMaxStatus = 599;

void AddHeader(Reply& reply, std::string_view name, std::string_view value) {
  reply.headers.emplace_back(std::string(name), SanitizeHeaderValue(value));
}

void AddErrorHeaders(Reply& reply, std::string_view type, std::string_view message) {
  // Clients that classify by header expect the bare code followed by a colon.
  AddHeader(reply, "x-amzn-ErrorType", std::string(type) + ":");
  AddHeader(reply, "x-amzn-ErrorMessage", message);
}

Reply InternalError() { return ErrorReply(500, "InternalErrorException", "Internal error"); }

}  // namespace

Route RouteFor(std::string_view method, std::string_view target) {
  if (method == "OPTIONS") {
    return Route::kPreflight;
  }
  const std::string_view path = target.substr(0, target.find('?'));
  if (method == "GET" && path == "/health") {
    return Route::kHealth;
  }
  return Route::kApi;
}

Reply PreflightReply(std::string_view requested_headers) {
  Reply reply;
  AddHeader(reply, "Access-Control-Allow-Methods", "POST, GET, OPTIONS");
  const std::string requested = SanitizeHeaderValue(requested_headers);
  AddHeader(reply, "Access-Control-Allow-Headers",
            requested.empty() ? kDefaultAllowHeaders : std::string_view(requested));
  AddHeader(reply, "Access-Control-Max-Age", "86400");
  return reply;
}

Reply HealthReply() {
  Reply reply;
  AddHeader(reply, "Content-Type", "application/json");
  reply.body = R"({"status":"ok"})";
  return reply;
}

Reply ApiReply(const actions::ApiResponse& response) {
  if (response.status < kMinStatus || response.status > kMaxStatus) {
    return InternalError();
  }
  Reply reply;
  reply.status = response.status;
  AddHeader(
      reply, "Content-Type",
      response.content_type.empty() ? kJsonContentType : std::string_view(response.content_type));
  if (!response.error_type.empty()) {
    AddErrorHeaders(reply, response.error_type, response.error_message);
  }
  reply.body = response.body;
  return reply;
}

Reply ErrorReply(unsigned status, std::string_view type, std::string_view message) {
  Reply reply;
  reply.status = status;
  AddHeader(reply, "Content-Type", kJsonContentType);
  AddErrorHeaders(reply, type, message);
  reply.body = JsonErrorBody(type, message);
  return reply;
}

Reply CallHandler(actions::ApiHandler& handler, const actions::ApiRequest& request) {
  try {
    return ApiReply(handler.Handle(request));
  } catch (...) {
    // The contract says Handle() never throws; if it does, what() may hold internals.
    return InternalError();
  }
}

void AddCommonHeaders(Reply& reply, std::string_view request_id, std::string_view date) {
  AddHeader(reply, "x-amzn-RequestId", request_id);
  AddHeader(reply, "Date", date);
  AddHeader(reply, "Access-Control-Allow-Origin", "*");
  AddHeader(reply, "Access-Control-Expose-Headers", kExposeHeaders);
}

std::string ResponseHead(const Reply& reply, unsigned version, bool keep_alive,
                         std::string_view reason) {
  std::string head;
  head.reserve(512);
  head += "HTTP/";
  head += std::to_string(version / 10);
  head += '.';
  head += std::to_string(version % 10);
  head += ' ';
  head += std::to_string(reply.status);
  head += ' ';
  head += reason;
  head += "\r\n";
  for (const auto& [name, value] : reply.headers) {
    head += name;
    head += ": ";
    head += value;
    head += "\r\n";
  }
  if (version >= 11 && !keep_alive) {
    head += "Connection: close\r\n";
  } else if (version < 11 && keep_alive) {
    head += "Connection: keep-alive\r\n";
  }
  head += "Content-Length: ";
  head += std::to_string(reply.body.size());
  head += "\r\n\r\n";
  return head;
}

}  // namespace cognito::http
