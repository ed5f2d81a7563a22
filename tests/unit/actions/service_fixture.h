// A Service over an in-memory database with a fake clock and seeded randomness, shared by the
// tests of one suite (signing-key generation is slow); each test makes its own pools.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "auth/clock.h"
#include "auth/random.h"
#include "server/actions/service.h"

namespace cognito::actions::testing {

class ServiceTest : public ::testing::Test {
 protected:
  static constexpr int64_t kStart = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

  static void SetUpTestSuite() {
    clock_ = std::make_unique<auth::FakeClock>(kStart);
    random_ = std::make_unique<auth::SeededRandom>(7);
    service_ = std::make_unique<Service>(ServiceOptions{}, *clock_, *random_);
  }
  static void TearDownTestSuite() {
    service_.reset();
    random_.reset();
    clock_.reset();
  }

  static Service& service() { return *service_; }
  static auth::FakeClock& clock() { return *clock_; }

  // Runs an action that must succeed; returns its output.
  static Json Ok(const std::string& action, const Json& input) {
    ApiResponse r = service_->Call(action, input);
    EXPECT_EQ(r.status, 200u) << action << ": " << r.body;
    return Json::parse(r.body);
  }
  // Runs an action that must fail with a 400; returns {"__type","message"}.
  static Json Fail(const std::string& action, const Json& input) {
    ApiResponse r = service_->Call(action, input);
    EXPECT_EQ(r.status, 400u) << action << ": " << r.body;
    Json body = Json::parse(r.body);
    EXPECT_EQ(body.value("__type", ""), r.error_type);
    return body;
  }

  static std::string CreatePool(const Json& extra = Json::object()) {
    Json input = extra;
    input["PoolName"] = "pool";
    return Ok("CreateUserPool", input)["UserPool"]["Id"].get<std::string>();
  }
  static Json CreateClient(const std::string& pool_id, const std::vector<std::string>& flows,
                           bool secret = false, const Json& extra = Json::object()) {
    Json input = extra;
    input["UserPoolId"] = pool_id;
    input["ClientName"] = "client";
    input["ExplicitAuthFlows"] = flows;
    if (secret) {
      input["GenerateSecret"] = true;
    }
    return Ok("CreateUserPoolClient", input)["UserPoolClient"];
  }
  static void CreateUser(const std::string& pool_id, const std::string& username,
                         const std::string& password, bool permanent,
                         const Json& attributes = Json::array()) {
    Ok("AdminCreateUser", {{"UserPoolId", pool_id},
                           {"Username", username},
                           {"TemporaryPassword", password},
                           {"MessageAction", "SUPPRESS"},
                           {"UserAttributes", attributes}});
    if (permanent) {
      Ok("AdminSetUserPassword", {{"UserPoolId", pool_id},
                                  {"Username", username},
                                  {"Password", password},
                                  {"Permanent", true}});
    }
  }

 private:
  static inline std::unique_ptr<auth::FakeClock> clock_;
  static inline std::unique_ptr<auth::SeededRandom> random_;
  static inline std::unique_ptr<Service> service_;
};

}  // namespace cognito::actions::testing
