// Calls trigger functions over HTTP (docs/configuration.md, "Lambda triggers"): a function
// with a URL of its own gets the event POSTed there; any other goes to the AWS Lambda Invoke
// API at the configured endpoint (sam local start-lambda, LocalStack, serverless-offline).
// One connection per call, bounded by the timeout. Thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "server/actions/triggers.h"

namespace cognito::http {

struct LambdaClientOptions {
  std::string endpoint;  // "http://host:port", the Lambda Invoke API; empty = none
  // Function ARN, or function name, -> plain HTTP URL.
  std::vector<std::pair<std::string, std::string>> urls;
  std::chrono::milliseconds timeout{5000};
};

class LambdaClient final : public actions::TriggerInvoker {
 public:
  explicit LambdaClient(LambdaClientOptions options) : options_(std::move(options)) {}
  actions::InvokeResult Invoke(const std::string& function_arn, const std::string& event) override;

 private:
  LambdaClientOptions options_;
};

// The parts of an http:// URL; nullopt-like failure as ok=false (no https, no userinfo).
struct HttpUrl {
  bool ok = false;
  std::string host;
  std::string port;
  std::string path;  // starts with '/'
};
HttpUrl ParseHttpUrl(const std::string& url);

}  // namespace cognito::http
