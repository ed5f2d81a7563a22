// Shared pieces of the HTTP server tests: a recording ApiHandler and response assertions.
// FakeHandler is thread-safe (the server calls it from its worker pool); the rest is pure.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "server/actions/api.h"
#include "server/http/server.h"
#include "tests/integration/http_client.h"

namespace cognito::test {

// Bounds every wait on another thread so a broken server fails the test instead of hanging it.
inline constexpr std::chrono::seconds kBound{5};

inline const std::regex kUuidV4(
    "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
inline const std::regex kHttpDate(
    "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} "
    "GMT$");

// Records every request; answers with `behaviour`, or echoes the body with 200 by default.
class FakeHandler : public actions::ApiHandler {
 public:
  using Behaviour = std::function<actions::ApiResponse(const actions::ApiRequest&)>;

  FakeHandler() = default;
  explicit FakeHandler(Behaviour behaviour) : behaviour_(std::move(behaviour)) {}

  actions::ApiResponse Handle(const actions::ApiRequest& request) override {
    {
      std::lock_guard lock(mu_);
      requests_.push_back(request);
      threads_.push_back(std::this_thread::get_id());
    }
    if (behaviour_) {
      return behaviour_(request);
    }
    actions::ApiResponse response;
    response.body = request.body;
    return response;
  }

  std::vector<actions::ApiRequest> requests() const {
    std::lock_guard lock(mu_);
    return requests_;
  }
  std::vector<std::thread::id> threads() const {
    std::lock_guard lock(mu_);
    return threads_;
  }

  // Which requests the server may run on its I/O threads (none unless set before serving).
  void SetRunsInline(std::function<bool(const actions::ApiRequest&)> predicate) {
    runs_inline_ = std::move(predicate);
  }
  bool RunsInline(const actions::ApiRequest& request) const override {
    return runs_inline_ && runs_inline_(request);
  }

 private:
  Behaviour behaviour_;
  std::function<bool(const actions::ApiRequest&)> runs_inline_;
  mutable std::mutex mu_;
  std::vector<actions::ApiRequest> requests_;
  std::vector<std::thread::id> threads_;
};

inline std::string Header(const HttpResponse& response, const std::string& lower_name) {
  const auto it = response.headers.find(lower_name);
  return it == response.headers.end() ? "<absent>" : it->second;
}

inline http::ServerOptions WithBodyLimit(size_t limit) {
  http::ServerOptions options;
  options.body_limit = limit;
  return options;
}

inline void ExpectJsonError(const HttpResponse& response, unsigned status, const std::string& type,
                            const std::string& message) {
  EXPECT_EQ(response.status, status);
  EXPECT_EQ(response.body, R"({"__type":")" + type + R"(","message":")" + message + R"("})");
  EXPECT_EQ(Header(response, "content-type"), "application/x-amz-json-1.1");
  EXPECT_EQ(Header(response, "x-amzn-errortype"), type + ":");
  EXPECT_EQ(Header(response, "x-amzn-errormessage"), message);
  EXPECT_TRUE(std::regex_match(Header(response, "x-amzn-requestid"), kUuidV4));
  EXPECT_EQ(Header(response, "access-control-allow-origin"), "*");
}

}  // namespace cognito::test
