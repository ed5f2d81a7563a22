// Fuzz target: the HTTP layer. The input bytes are written verbatim to a real http::Server (on
// 127.0.0.1, kernel-chosen port, FuzzService behind it) over a fresh connection, the client
// half-closes, and everything the server sends until it closes is read back.
// Invariants: the server closes the connection within kDeadline (no hang, whatever the request);
// what it sends is a sequence of well-formed HTTP/1.x responses with a Content-Length, each a
// 100 Continue or a 2xx-4xx (never a 5xx); it is still accepting afterwards.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <string>
#include <string_view>
#include <thread>

#include "server/http/server.h"
#include "tests/fuzz/fuzz_input.h"
#include "tests/fuzz/fuzz_service.h"

namespace {

using cognito::fuzz::FuzzService;
using cognito::fuzz::Require;

// Generous: on a loaded machine a niced fuzzer can be starved for seconds; a real hang (the
// server never closing a half-closed connection) still fails.
constexpr int kDeadlineSeconds = 60;
constexpr size_t kMaxResponseBytes = 8 * 1024 * 1024;

// Owns one socket descriptor.
class Socket {
 public:
  Socket() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) { Require(fd_ >= 0, "socket() failed"); }
  ~Socket() { ::close(fd_); }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

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

void Connect(const Socket& socket, uint16_t port) {
  const timeval deadline{kDeadlineSeconds, 0};
  ::setsockopt(socket.fd(), SOL_SOCKET, SO_RCVTIMEO, &deadline, sizeof deadline);
  ::setsockopt(socket.fd(), SOL_SOCKET, SO_SNDTIMEO, &deadline, sizeof deadline);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int rc = ::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address);
  Require(rc == 0, "the server no longer accepts connections");
}

// Sends what the server takes; it may close early (limits, malformed input), which is fine.
void SendAll(const Socket& socket, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(socket.fd(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) {
      Require(errno != EAGAIN && errno != EWOULDBLOCK, "the server stopped reading (send timeout)");
      return;
    }
    bytes.remove_prefix(static_cast<size_t>(sent));
  }
}

std::string ReceiveUntilClosed(const Socket& socket) {
  std::string received;
  std::array<char, 16 * 1024> chunk{};
  for (;;) {
    const ssize_t got = ::recv(socket.fd(), chunk.data(), chunk.size(), 0);
    if (got == 0 || (got < 0 && errno == ECONNRESET)) {
      return received;
    }
    Require(got > 0, "the server did not close the connection in time", received);
    received.append(chunk.data(), static_cast<size_t>(got));
    Require(received.size() <= kMaxResponseBytes, "unbounded response", received.substr(0, 512));
  }
}

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
  Socket socket;
  Connect(socket, harness.port());
  SendAll(socket, std::string_view(reinterpret_cast<const char*>(data), size));
  ::shutdown(socket.fd(), SHUT_WR);
  CheckResponses(ReceiveUntilClosed(socket));
  return 0;
}
