// How the server lives: concurrency, worker threads, connection limits, shutdown, signals.
#include <gtest/gtest.h>

#include <condition_variable>
#include <csignal>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "server/http/server.h"
#include "tests/integration/http_client.h"
#include "tests/integration/test_server.h"
#include "tests/unit/http/fake_handler.h"

namespace cognito::http {
namespace {

using actions::ApiRequest;
using actions::ApiResponse;
using test::FakeHandler;
using test::Header;
using test::HttpClient;
using test::HttpResponse;
using test::kBound;
using test::TestServer;

TEST(ServerLifecycleTest, ManyConcurrentRequestsAreAllAnswered) {
  constexpr int kThreads = 8;
  constexpr int kRequestsPerThread = 20;
  FakeHandler handler;
  TestServer server(handler);
  std::vector<std::future<int>> answered;
  for (int t = 0; t < kThreads; ++t) {
    answered.push_back(std::async(std::launch::async, [&server, t] {
      HttpClient client(server.port());
      int ok = 0;
      for (int i = 0; i < kRequestsPerThread; ++i) {
        const std::string body =
            "{\"t\":" + std::to_string(t) + ",\"i\":" + std::to_string(i) + "}";
        const HttpResponse response = client.Call("GetUser", body);
        ok += (response.status == 200U && response.body == body) ? 1 : 0;
      }
      return ok;
    }));
  }
  for (auto& future : answered) {
    EXPECT_EQ(future.get(), kRequestsPerThread);
  }
  EXPECT_EQ(handler.requests().size(), static_cast<size_t>(kThreads * kRequestsPerThread));
}

// Each call blocks until `expected` calls are inside the handler at once (bounded wait).
class Rendezvous {
 public:
  explicit Rendezvous(int expected) : expected_(expected) {}
  bool Arrive() {
    std::unique_lock lock(mu_);
    ++arrived_;
    cv_.notify_all();
    return cv_.wait_for(lock, kBound, [this] { return arrived_ >= expected_; });
  }

 private:
  const int expected_;
  int arrived_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
};

// A handler behaviour: 200 once every expected call has arrived, 504 if they never do.
FakeHandler::Behaviour MeetIn(Rendezvous& rendezvous) {
  return [&rendezvous](const ApiRequest&) {
    ApiResponse response;
    response.status = rendezvous.Arrive() ? 200 : 504;
    response.body = "{}";
    return response;
  };
}

TEST(ServerLifecycleTest, HandlersRunInParallelOffTheIoThread) {
  Rendezvous rendezvous(2);
  FakeHandler handler(MeetIn(rendezvous));
  ServerOptions options;
  options.worker_threads = 2;
  TestServer server(handler, options);
  auto call = [&server] { return HttpClient(server.port()).Call("GetUser", "{}").status; };
  auto first = std::async(std::launch::async, call);
  auto second = std::async(std::launch::async, call);
  EXPECT_EQ(first.get(), 200U);
  EXPECT_EQ(second.get(), 200U);
  for (const std::thread::id id : handler.threads()) {
    EXPECT_NE(id, server.io_thread());
  }
}

TEST(ServerLifecycleTest, InlineHandlersRunOnTheConnectionsIoThreads) {
  // Two connections go to the two I/O loops in turn; their inline calls meet inside the
  // handler, which only works if the loops run in parallel on their own threads.
  Rendezvous rendezvous(2);
  FakeHandler handler(MeetIn(rendezvous));
  handler.SetRunsInline([](const ApiRequest& request) {
    return request.amz_target.ends_with(".GetUser");
  });
  ServerOptions options;
  options.io_threads = 2;
  options.worker_threads = 1;
  TestServer server(handler, options);
  auto call = [&server] { return HttpClient(server.port()).Call("GetUser", "{}").status; };
  auto first = std::async(std::launch::async, call);
  auto second = std::async(std::launch::async, call);
  EXPECT_EQ(first.get(), 200U);
  EXPECT_EQ(second.get(), 200U);
  const std::vector<std::thread::id> threads = handler.threads();
  ASSERT_EQ(threads.size(), 2U);
  EXPECT_NE(threads[0], threads[1]);
  EXPECT_NE(threads[0], server.io_thread()) << "the accepting thread serves no connection";
  EXPECT_NE(threads[1], server.io_thread());
}

TEST(ServerLifecycleTest, OnlyTheCallsTheHandlerMarksRunInline) {
  FakeHandler handler;
  handler.SetRunsInline([](const ApiRequest& request) {
    return request.amz_target.ends_with(".GetUser");
  });
  ServerOptions options;
  options.io_threads = 1;
  options.worker_threads = 1;
  TestServer server(handler, options);
  HttpClient client(server.port());
  EXPECT_EQ(client.Call("GetUser", "{}").status, 200U);
  EXPECT_EQ(client.Call("InitiateAuth", "{}", false).status, 200U);
  EXPECT_EQ(HttpClient(server.port()).Call("GetUser", "{}").status, 200U);
  // The one I/O loop ran both GetUser calls (two connections); the worker ran InitiateAuth.
  const std::vector<std::thread::id> threads = handler.threads();
  ASSERT_EQ(threads.size(), 3U);
  EXPECT_EQ(threads[0], threads[2]);
  EXPECT_NE(threads[1], threads[0]);
  EXPECT_NE(threads[0], server.io_thread());
}

TEST(ServerLifecycleTest, ConnectionsBeyondTheLimitAreClosed) {
  FakeHandler handler;
  ServerOptions options;
  options.max_connections = 1;
  TestServer server(handler, options);
  HttpClient first(server.port());
  EXPECT_EQ(first.Request("GET", "/health", {}, "").status, 200U);
  HttpClient second(server.port());
  EXPECT_THROW(second.Request("GET", "/health", {}, ""), std::runtime_error);
  EXPECT_EQ(first.Request("GET", "/health", {}, "").status, 200U);
}

TEST(ServerLifecycleTest, StopWhileIdleReturnsPromptlyAndClosesIdleConnections) {
  FakeHandler handler;
  TestServer server(handler);
  HttpClient idle(server.port());
  EXPECT_EQ(idle.Request("GET", "/health", {}, "").status, 200U);
  server.Stop();
  EXPECT_TRUE(server.WaitUntilStopped(kBound));
  EXPECT_TRUE(idle.ServerClosed());
}

TEST(ServerLifecycleTest, StopLetsInFlightRequestFinish) {
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  FakeHandler handler([&entered, released](const ApiRequest&) {
    entered.set_value();
    ApiResponse response;
    response.status = released.wait_for(kBound) == std::future_status::ready ? 200 : 504;
    response.body = R"({"done":true})";
    return response;
  });
  TestServer server(handler);
  auto reply = std::async(std::launch::async,
                          [&server] { return HttpClient(server.port()).Call("GetUser", "{}"); });
  ASSERT_EQ(entered.get_future().wait_for(kBound), std::future_status::ready);
  server.Stop();
  release.set_value();
  const HttpResponse response = reply.get();
  EXPECT_EQ(response.status, 200U);
  EXPECT_EQ(response.body, R"({"done":true})");
  EXPECT_TRUE(server.WaitUntilStopped(kBound));
}

TEST(ServerLifecycleTest, StopBeforeRunAndRepeatedStopAreSafe) {
  FakeHandler handler;
  ServerOptions options;
  options.port = 0;
  Server server(options, handler);
  server.Stop();
  server.Stop();
  auto run = std::async(std::launch::async, [&server] { server.Run(); });
  EXPECT_EQ(run.wait_for(kBound), std::future_status::ready);
}

TEST(ServerLifecycleTest, HandledSignalStopsRun) {
  FakeHandler handler;
  ServerOptions options;
  options.port = 0;
  Server server(options, handler);
  server.HandleSignals();  // installs the handler now, so the raise below cannot kill us
  auto run = std::async(std::launch::async, [&server] { server.Run(); });
  std::raise(SIGTERM);
  EXPECT_EQ(run.wait_for(kBound), std::future_status::ready);
  server.Stop();
}

TEST(ServerLifecycleTest, LocalhostListensOnIpv4Loopback) {
  FakeHandler handler;
  ServerOptions options;
  options.host = "localhost";
  options.port = 0;
  Server server(options, handler);
  auto run = std::async(std::launch::async, [&server] { server.Run(); });
  HttpResponse response;
  EXPECT_NO_THROW(response =
                      HttpClient(server.port(), "127.0.0.1").Request("GET", "/health", {}, ""));
  EXPECT_EQ(response.status, 200U);
  server.Stop();
  EXPECT_EQ(run.wait_for(kBound), std::future_status::ready);
}

TEST(ServerLifecycleTest, ManyServersComeAndGoInOneProcess) {
  FakeHandler handler;
  for (int i = 0; i < 20; ++i) {
    TestServer server(handler);
    if (i % 2 == 0) {
      EXPECT_EQ(HttpClient(server.port()).Request("GET", "/health", {}, "").status, 200U);
    }
  }
}

TEST(ServerLifecycleTest, BindFailureThrows) {
  FakeHandler handler;
  TestServer taken(handler);
  ServerOptions options;
  options.port = taken.port();
  EXPECT_THROW(Server server(options, handler), std::runtime_error);
}

}  // namespace
}  // namespace cognito::http
