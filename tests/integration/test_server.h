// Runs an http::Server for an ApiHandler on 127.0.0.1 with a kernel-chosen port, its I/O loop
// on a background thread. The handler must outlive the TestServer. Construction returns once
// the port is listening, so requests may be sent right away. The destructor stops the server
// and joins the thread. Stop() and WaitUntilStopped() may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <thread>

#include "server/actions/api.h"
#include "server/http/server.h"

namespace cognito::test {

class TestServer {
 public:
  explicit TestServer(actions::ApiHandler& handler);
  // host and port of options are overridden with 127.0.0.1:0.
  TestServer(actions::ApiHandler& handler, http::ServerOptions options);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  uint16_t port() const { return server_->port(); }

  // Asks the server to shut down gracefully; returns at once.
  void Stop() { server_->Stop(); }

  // True once Run() has returned; waits at most `timeout` (a bound, not a pacing delay).
  bool WaitUntilStopped(std::chrono::milliseconds timeout) const;

  // The thread that called Run(): it accepts connections (and serves none itself).
  std::thread::id io_thread() const { return thread_.get_id(); }

 private:
  std::unique_ptr<http::Server> server_;
  std::promise<void> stopped_;
  std::shared_future<void> stopped_future_ = stopped_.get_future().share();
  std::thread thread_;
};

}  // namespace cognito::test
