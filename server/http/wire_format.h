// Small, Beast-free formatting helpers for the HTTP layer: RFC 7231 dates, header-value
// sanitising, the AWS JSON 1.1 error body and request ids. Free functions are pure and
// thread-safe; a RequestIdGenerator is owned by one thread (the server's I/O thread).
#pragma once

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace cognito::http {

// IMF-fixdate of RFC 7231 section 7.1.1.1, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string HttpDate(std::chrono::system_clock::time_point time);

// Keeps only printable ASCII (0x20..0x7E), so a value can never split or corrupt a header.
std::string SanitizeHeaderValue(std::string_view value);

// Escapes a string for use inside a JSON string literal (quotes not included).
std::string JsonEscape(std::string_view text);

// {"__type":"<type>","message":"<message>"}, the body of every AWS JSON 1.1 error.
std::string JsonErrorBody(std::string_view type, std::string_view message);

// Generates canonical lowercase UUID v4 strings for x-amzn-RequestId. Not thread-safe.
class RequestIdGenerator {
 public:
  RequestIdGenerator();                        // seeded from std::random_device
  explicit RequestIdGenerator(uint64_t seed);  // repeatable, for tests
  std::string Next();

 private:
  std::mt19937_64 engine_;
};

}  // namespace cognito::http
