#include "tests/integration/test_server.h"

#include <utility>

namespace cognito::test {

TestServer::TestServer(actions::ApiHandler& handler) : TestServer(handler, http::ServerOptions{}) {}

TestServer::TestServer(actions::ApiHandler& handler, http::ServerOptions options) {
  options.host = "127.0.0.1";
  options.port = 0;
  server_ = std::make_unique<http::Server>(std::move(options), handler);
  thread_ = std::thread([this] {
    server_->Run();
    stopped_.set_value();
  });
}

TestServer::~TestServer() {
  server_->Stop();
  thread_.join();
}

bool TestServer::WaitUntilStopped(std::chrono::milliseconds timeout) const {
  return stopped_future_.wait_for(timeout) == std::future_status::ready;
}

}  // namespace cognito::test
