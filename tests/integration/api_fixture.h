// The whole emulator over real HTTP on 127.0.0.1: a Service on a temporary file database (with
// a fake clock) behind a TestServer, and a client. One per test.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "auth/clock.h"
#include "auth/random.h"
#include "server/actions/service.h"
#include "tests/integration/http_client.h"
#include "tests/integration/test_server.h"

namespace cognito {

using nlohmann::json;

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cognito-api-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    Start();
  }
  void TearDown() override {
    Stop();
    std::filesystem::remove_all(dir_);
  }
  void Start() {
    actions::ServiceOptions options;
    options.db_path = (dir_ / "db.sqlite").string();
    service_ = std::make_unique<actions::Service>(options, clock_, random_);
    server_ = std::make_unique<test::TestServer>(*service_);
    client_ = std::make_unique<test::HttpClient>(server_->port());
  }
  void Stop() {
    client_.reset();
    server_.reset();
    service_.reset();
  }
  json Ok(const std::string& action, const json& input) {
    auto r = client_->Call(action, input.dump());
    EXPECT_EQ(r.status, 200u) << action << ": " << r.body;
    EXPECT_EQ(r.headers["content-type"], "application/x-amz-json-1.1");
    return json::parse(r.body);
  }
  // Pool, password client and a confirmed user "ann"; returns {pool, client}.
  std::pair<std::string, std::string> SetUpUser() {
    const std::string pool = Ok("CreateUserPool", {{"PoolName", "p"}})["UserPool"]["Id"];
    const std::string client = Ok("CreateUserPoolClient",
                                  {{"UserPoolId", pool},
                                   {"ClientName", "c"},
                                   {"ExplicitAuthFlows", {"ALLOW_USER_PASSWORD_AUTH"}}})["UserPoolClient"]["ClientId"];
    Ok("AdminCreateUser", {{"UserPoolId", pool}, {"Username", "ann"}, {"MessageAction", "SUPPRESS"}});
    Ok("AdminSetUserPassword",
       {{"UserPoolId", pool}, {"Username", "ann"}, {"Password", "Passw0rd!"}, {"Permanent", true}});
    return {pool, client};
  }
  json SignIn(const std::string& client, test::HttpClient& http) {
    auto r = http.Call("InitiateAuth",
                       json{{"ClientId", client},
                            {"AuthFlow", "USER_PASSWORD_AUTH"},
                            {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}}}
                           .dump(),
                       false);
    EXPECT_EQ(r.status, 200u) << r.body;
    return json::parse(r.body);
  }

  std::filesystem::path dir_;
  auth::FakeClock clock_{1'767'225'600'000};
  auth::SecureRandom random_;
  std::unique_ptr<actions::Service> service_;
  std::unique_ptr<test::TestServer> server_;
  std::unique_ptr<test::HttpClient> client_;
};

}  // namespace cognito
