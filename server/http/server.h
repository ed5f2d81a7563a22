// The emulator's HTTP/1.x server (Beast-free interface; Boost.Beast lives in server.cc only).
//
// Ownership: a Server owns its I/O loops, listening socket, connections and worker thread pool.
// It references the ApiHandler, which must outlive it.
// Threads: the thread that calls Run() accepts connections and hands them in turn to io_threads
// I/O loops, each on a thread of its own that Run() starts and joins. Handler calls that the handler
// says are cheap (ApiHandler::RunsInline) run on the connection's loop; the others on the worker
// pool, so a slow one never holds up a loop. Requests on different connections run in parallel.
// Stop() may be called from any thread, any number of times, before, during or after Run().
// Lifetime: destroy the Server after Run() has returned (or if it was never called); the
// destructor stops the server and joins the worker pool. Many Servers may live in one process.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "server/actions/api.h"

namespace cognito::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 9229;  // 0 = pick a free port, see Server::port()
  size_t body_limit = 1024 * 1024;
  size_t header_limit = 16 * 1024;
  // A request must arrive completely within this (and a response be written within it);
  // an idle keep-alive connection is closed after it.
  std::chrono::seconds read_timeout{30};
  size_t io_threads = 0;      // 0 = std::thread::hardware_concurrency()
  size_t worker_threads = 0;  // 0 = std::thread::hardware_concurrency()
  size_t max_connections = 1024;
  // Upper bound for letting in-flight requests finish after Stop().
  std::chrono::seconds shutdown_grace{5};
};

class Server {
 public:
  // Binds and listens immediately; throws std::runtime_error if the address cannot be bound.
  Server(ServerOptions options, actions::ApiHandler& handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound port (the kernel's choice when options.port was 0).
  uint16_t port() const;

  // Serves until Stop() (or SIGINT/SIGTERM after HandleSignals()), then shuts down gracefully:
  // stops accepting, closes idle connections, lets in-flight requests finish (bounded by
  // shutdown_grace) and returns. Call at most once.
  void Run();

  // Thread-safe and idempotent.
  void Stop();

  // Makes Run() stop on SIGINT/SIGTERM. Call before Run(), from the thread that will call it.
  void HandleSignals();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cognito::http
