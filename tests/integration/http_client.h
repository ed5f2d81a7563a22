// A minimal blocking HTTP/1.1 client for tests: one keep-alive connection to 127.0.0.1, opened
// lazily and reopened after the server closes it. Every operation is bounded by a timeout and
// throws std::runtime_error on failure, so a broken server fails a test instead of hanging it.
// One HttpClient is used by one thread at a time; it owns its socket and io_context.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace cognito::test {

struct HttpResponse {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; repeated fields joined by ", "
  std::string body;
};

class HttpClient {
 public:
  explicit HttpClient(uint16_t port, std::string host = "127.0.0.1");
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one HTTP/1.1 request (Host and Content-Length are added) and reads the response.
  HttpResponse Request(std::string method, std::string target,
                       std::map<std::string, std::string> headers, std::string body);

  // POST / with X-Amz-Target: AWSCognitoIdentityProviderService.<action>, the JSON 1.1 content
  // type and, when signed_request, a syntactically valid (dummy) SigV4 Authorization header.
  HttpResponse Call(std::string action, std::string json_body, bool signed_request = true);

  // Writes bytes verbatim and reads the next final response, skipping interim 1xx responses:
  // for malformed, chunked or HTTP/1.0 requests that Request() cannot produce.
  HttpResponse SendRaw(const std::string& bytes);

  // True if the server has closed the connection: reading yields end-of-stream (or a reset)
  // rather than data. Waits at most the client timeout; false if the connection stays open
  // (the client then drops it).
  bool ServerClosed();

  // How many TCP connections this client has opened so far (keep-alive checks).
  int connections_opened() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

inline constexpr const char* kDummySigV4 =
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/cognito-idp/aws4_request, "
    "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000";

}  // namespace cognito::test
