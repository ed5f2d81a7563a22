#include "tests/fuzz/fuzz_client.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>

#include "tests/fuzz/fuzz_input.h"

namespace cognito::fuzz {

namespace {

using Clock = std::chrono::steady_clock;

// Owns one non-blocking socket descriptor: every wait happens in WaitReady, where a signal is
// harmless, never inside connect, send or recv.
class Socket {
 public:
  Socket() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)) {
    Require(fd_ >= 0, "socket() failed");
  }
  ~Socket() { ::close(fd_); }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// Milliseconds left until `deadline`, rounded up so a wait never ends before it; 0 once past.
int MillisLeft(Clock::time_point deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::clamp<int64_t>(left.count(), 0, 60 * 60 * 1000));
}

// Waits until `fd` is ready for `events` (or has an error or hang-up, which the next call
// reports); false if the deadline passes first. EINTR (libFuzzer's SIGALRM) restarts the wait
// for the time that is left.
bool WaitReady(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd entry{fd, events, 0};
    const int ready = ::poll(&entry, 1, MillisLeft(deadline));
    if (ready > 0) {
      return true;
    }
    if (ready == 0) {
      return false;
    }
    Require(errno == EINTR, "poll() failed");
  }
}

void Connect(const Socket& socket, uint16_t port, Clock::time_point deadline) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int error = 0;
  if (::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    error = errno;
  }
  if (error == EINPROGRESS && WaitReady(socket.fd(), POLLOUT, deadline)) {
    socklen_t length = sizeof error;
    ::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &error, &length);
  }
  Require(error == 0, "the server no longer accepts connections");
}

// Sends what the server takes; it may close early (limits, malformed input), which is fine.
void SendAll(const Socket& socket, std::string_view bytes, Clock::time_point deadline) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(socket.fd(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent > 0) {
      bytes.remove_prefix(static_cast<size_t>(sent));
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      Require(WaitReady(socket.fd(), POLLOUT, deadline),
              "the server stopped reading (send timeout)");
    } else if (errno != EINTR) {
      return;  // EPIPE, ECONNRESET: the server has closed
    }
  }
}

std::string ReceiveUntilClosed(const Socket& socket, Clock::time_point deadline,
                               size_t max_response) {
  std::string received;
  std::array<char, 16 * 1024> chunk{};
  for (;;) {
    const ssize_t got = ::recv(socket.fd(), chunk.data(), chunk.size(), 0);
    if (got == 0 || (got < 0 && errno == ECONNRESET)) {
      return received;
    }
    if (got > 0) {
      received.append(chunk.data(), static_cast<size_t>(got));
      Require(received.size() <= max_response, "unbounded response", received.substr(0, 512));
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      Require(WaitReady(socket.fd(), POLLIN, deadline),
              "the server did not close the connection in time", received);
    } else {
      Require(errno == EINTR, "recv() failed", received);
    }
  }
}

}  // namespace

std::string ExchangeHalfClosed(uint16_t port, std::string_view bytes,
                               std::chrono::milliseconds deadline, size_t max_response) {
  const Clock::time_point until = Clock::now() + deadline;
  Socket socket;
  Connect(socket, port, until);
  SendAll(socket, bytes, until);
  ::shutdown(socket.fd(), SHUT_WR);
  return ReceiveUntilClosed(socket, until, max_response);
}

}  // namespace cognito::fuzz
