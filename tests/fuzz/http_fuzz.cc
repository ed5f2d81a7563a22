// Fuzz target: the HTTP layer. The input bytes are written verbatim to a real http::Server (on
// 127.0.0.1, kernel-chosen port, FuzzService behind it) over a fresh connection, the client
// half-closes, and everything the server sends until it closes is read back.
// Invariants: the server closes the connection within kDeadline (no hang, whatever the request);
// what it sends is a sequence of well-formed HTTP/1.x responses with a Content-Length, each a
// 100 Continue or a 2xx-4xx (never a 5xx); it is still accepting afterwards.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <thread>

#include "server/http/server.h"
#include "tests/fuzz/fuzz_client.h"
#include "tests/fuzz/fuzz_input.h"
#include "tests/fuzz/fuzz_service.h"

namespace {

using cognito::fuzz::FuzzService;
using cognito::fuzz::Require;

// Generous: on a loaded machine a niced fuzzer can be starved for seconds; a real hang (the
// server never closing a half-closed connection) still fails. One deadline for the whole
// exchange, which libFuzzer's SIGALRM does not cut short (fuzz_client.h).
constexpr int kDeadlineSeconds = 60;
constexpr size_t kMaxResponseBytes = 8 * 1024 * 1024;

// The server and the thread running its I/O loop, for the whole process.
class Harness {
 public:
  Harness() : server_(Options(), FuzzService::Get()), thread_([this] { server_.Run(); }) {}
  ~Harness() {
    server_.Stop();
    thread_.join();
  }
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;
  uint16_t port() const { return server_.port(); }

 private:
  static cognito::http::ServerOptions Options() {
    cognito::http::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.read_timeout = std::chrono::seconds(kDeadlineSeconds / 2);
    options.worker_threads = 1;
    return options;
  }
  cognito::http::Server server_;
  std::thread thread_;
};

size_t ContentLength(std::string_view head) {
  std::string lower(head);
  for (char& c : lower) {
    c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const size_t at = lower.find("\r\ncontent-length: ");
  Require(at != std::string::npos, "response without Content-Length", head);
  return std::stoul(lower.substr(at + 18));
}

void CheckResponses(std::string_view bytes) {
  const std::string all(bytes);
  while (!bytes.empty()) {
    Require(bytes.substr(0, 9) == "HTTP/1.1 " || bytes.substr(0, 9) == "HTTP/1.0 ",
            "not an HTTP/1.x status line", all);
    const size_t end = bytes.find("\r\n\r\n");
    Require(end != std::string_view::npos && bytes.size() >= 12, "truncated response head", all);
    const int status = std::stoi(std::string(bytes.substr(9, 3)));
    Require(status == 100 || (status >= 200 && status < 500), "status outside 100/2xx-4xx", all);
    const std::string_view head = bytes.substr(0, end + 2);
    bytes.remove_prefix(end + 4);
    if (status == 100) {
      continue;
    }
    const size_t length = ContentLength(head);
    Require(bytes.size() >= length, "truncated response body", all);
    bytes.remove_prefix(length);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Harness harness;
  FuzzService::Get().BeginInput();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckResponses(cognito::fuzz::ExchangeHalfClosed(
      harness.port(), input, std::chrono::seconds(kDeadlineSeconds), kMaxResponseBytes));
  return 0;
}
