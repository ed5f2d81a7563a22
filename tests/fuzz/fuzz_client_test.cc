// The `http` fuzz target's client (fuzz_client.h) under the signals libFuzzer sends it: a
// SIGALRM while it waits for the server must not be taken for a server that never closes.
#include "tests/fuzz/fuzz_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <future>
#include <iterator>
#include <string>
#include <thread>

#include "server/actions/api.h"
#include "tests/integration/test_server.h"

namespace cognito::fuzz {
namespace {

using namespace std::chrono_literals;

constexpr auto kBound = 10s;  // every wait on another thread, so a failure cannot hang the test
constexpr size_t kMaxResponse = 1024 * 1024;
constexpr std::string_view kRequest = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";

std::atomic<int> alarms{0};

void CountAlarm(int /*signal*/, siginfo_t* /*info*/, void* /*context*/) { ++alarms; }

// Installs a SIGALRM handler the way libFuzzer does (SA_SIGINFO, no SA_RESTART), so a blocking
// call it interrupts returns EINTR; the previous disposition comes back on destruction.
class LibFuzzerLikeAlarm {
 public:
  LibFuzzerLikeAlarm() {
    struct sigaction action {};
    action.sa_sigaction = CountAlarm;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGALRM, &action, &previous_);
  }
  ~LibFuzzerLikeAlarm() { sigaction(SIGALRM, &previous_, nullptr); }
  LibFuzzerLikeAlarm(const LibFuzzerLikeAlarm&) = delete;
  LibFuzzerLikeAlarm& operator=(const LibFuzzerLikeAlarm&) = delete;

 private:
  struct sigaction previous_ {};
};

// Answers 200 once the test releases it, so the client is certainly waiting in the meantime.
class HeldHandler final : public actions::ApiHandler {
 public:
  actions::ApiResponse Handle(const actions::ApiRequest& request) override {
    entered_.set_value();
    release_.wait_for(kBound);
    actions::ApiResponse response;
    response.body = request.body;
    return response;
  }
  bool WaitEntered() { return entered_future_.wait_for(kBound) == std::future_status::ready; }
  void Release() { released_.set_value(); }

 private:
  std::promise<void> entered_;
  std::future<void> entered_future_ = entered_.get_future();
  std::promise<void> released_;
  std::shared_future<void> release_ = released_.get_future().share();
};

// True once the thread `tid` of this process sleeps (state S): blocked in a call, not running.
bool WaitUntilSleeping(pid_t tid) {
  const std::string stat = "/proc/self/task/" + std::to_string(tid) + "/stat";
  const auto until = std::chrono::steady_clock::now() + kBound;
  while (std::chrono::steady_clock::now() < until) {
    std::ifstream in(stat);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t paren = text.rfind(')');
    if (paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] == 'S') {
      return true;
    }
    std::this_thread::sleep_for(1ms);
  }
  return false;
}

TEST(FuzzClientTest, AlarmWhileWaitingForTheReplyOnlyRestartsTheWait) {
  LibFuzzerLikeAlarm alarm;
  HeldHandler handler;
  test::TestServer server(handler);
  const pthread_t client = pthread_self();
  const auto client_tid = static_cast<pid_t>(::syscall(SYS_gettid));
  alarms = 0;
  // While the handler holds the reply, the client has sent and half-closed and is waiting:
  // interrupt that wait, as libFuzzer's timer does, then let the reply go.
  std::thread interrupter([&] {
    if (handler.WaitEntered() && WaitUntilSleeping(client_tid)) {
      pthread_kill(client, SIGALRM);
      const auto until = std::chrono::steady_clock::now() + kBound;
      while (alarms == 0 && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(1ms);
      }
    }
    handler.Release();
  });
  const std::string received = ExchangeHalfClosed(server.port(), kRequest, 30s, kMaxResponse);
  interrupter.join();
  EXPECT_EQ(alarms, 1);
  EXPECT_EQ(received.rfind("HTTP/1.1 200 ", 0), 0U) << received;
  ASSERT_GE(received.size(), 2U);
  EXPECT_EQ(received.substr(received.size() - 2), "{}") << received;
}

TEST(FuzzClientTest, AServerThatNeverClosesStillFailsAtTheDeadline) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  // A listening socket that never accepts: the kernel completes the connection and takes the
  // bytes, nobody answers or closes.
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(listener, 4), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const uint16_t port = ntohs(address.sin_port);
  EXPECT_DEATH(ExchangeHalfClosed(port, kRequest, 300ms, kMaxResponse),
               "the server did not close the connection in time");
  ::close(listener);
}

}  // namespace
}  // namespace cognito::fuzz
