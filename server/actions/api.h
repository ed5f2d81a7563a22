// The boundary between the HTTP layer and the emulator's logic. The HTTP layer turns each
// request (other than CORS preflight and /health) into an ApiRequest and writes back the
// ApiResponse; it never interprets bodies. Handle() is called concurrently from worker threads.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace cognito::actions {

struct ApiRequest {
  std::string method;         // "GET", "POST", ...
  std::string target;         // request target: path plus optional "?query"
  std::string amz_target;     // X-Amz-Target header value, empty when absent
  std::string authorization;  // Authorization header value, empty when absent
  std::string body;
};

struct ApiResponse {
  unsigned status = 200;
  std::string content_type = "application/x-amz-json-1.1";
  std::string body;           // always a JSON document
  std::string error_type;     // set on errors: becomes the x-amzn-ErrorType header ("<type>:")
  std::string error_message;  // set on errors: becomes x-amzn-ErrorMessage
};

class ApiHandler {
 public:
  virtual ~ApiHandler() = default;
  // Must not throw; every failure is an error response. Thread-safe.
  virtual ApiResponse Handle(const ApiRequest& request) = 0;
  // Whether Handle(request) is cheap and never waits on others (no write lock, no commit, no
  // trigger, no RSA signing), so the HTTP layer may run it on its I/O thread instead of handing
  // it to a worker. Must not throw; thread-safe.
  virtual bool RunsInline(const ApiRequest& /*request*/) const { return false; }
};

}  // namespace cognito::actions
