// The whole emulator over real HTTP on 127.0.0.1: Service + Server with a temporary database.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <future>
#include <vector>

#include "auth/clock.h"
#include "auth/random.h"
#include "server/actions/service.h"
#include "tests/integration/http_client.h"
#include "tests/integration/test_server.h"

namespace cognito {
namespace {

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

TEST_F(ApiTest, SignInAndGetUserOverHttp) {
  auto [pool, client] = SetUpUser();
  json tokens = SignIn(client, *client_)["AuthenticationResult"];
  auto r = client_->Call("GetUser", json{{"AccessToken", tokens["AccessToken"]}}.dump(), false);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(json::parse(r.body)["Username"], "ann");
  EXPECT_EQ(r.headers["access-control-allow-origin"], "*");
  EXPECT_EQ(r.headers["x-amzn-requestid"].size(), 36u);

  auto jwks = client_->Request("GET", "/" + pool + "/.well-known/jwks.json", {}, "");
  EXPECT_EQ(jwks.status, 200u);
  EXPECT_EQ(json::parse(jwks.body)["keys"].size(), 2u);
}

TEST_F(ApiTest, ErrorsCarryTypeHeadersAndJsonBodies) {
  auto r = client_->Call("InitiateAuth", R"({"ClientId":"nosuch","AuthFlow":"USER_PASSWORD_AUTH"})", false);
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.headers["x-amzn-errortype"], "ResourceNotFoundException:");
  EXPECT_EQ(r.headers["x-amzn-errormessage"], "User pool client nosuch does not exist.");
  EXPECT_EQ(json::parse(r.body)["__type"], "ResourceNotFoundException");

  struct Case {
    const char* label;
    std::string action, body;
    const char* type;
  } cases[] = {
      {"malformed JSON", "ListUserPools", "{\"MaxResults\": ", "SerializationException"},
      {"wrong type", "ListUserPools", R"({"MaxResults":"ten"})", "InvalidParameterException"},
      {"missing member", "DescribeUserPool", "{}", "InvalidParameterException"},
      {"oversized member", "DescribeUserPool", json{{"UserPoolId", std::string(5000, 'a')}}.dump(),
       "InvalidParameterException"},
      {"deep nesting", "ListUserPools", std::string(5000, '[') + std::string(5000, ']'),
       "SerializationException"},
      {"unknown action", "StealEverything", "{}", "UnknownOperationException"},
  };
  for (const auto& c : cases) {
    auto res = client_->Call(c.action, c.body);
    EXPECT_EQ(res.status, 400u) << c.label;
    EXPECT_EQ(json::parse(res.body)["__type"], c.type) << c.label;
    EXPECT_EQ(res.headers["x-amzn-errortype"], std::string(c.type) + ":") << c.label;
  }
  // The server is still healthy after all of that.
  EXPECT_EQ(client_->Request("GET", "/health", {}, "").status, 200u);
}

TEST_F(ApiTest, OversizedBodyGetsJsonError) {
  auto r = client_->Call("ListUserPools", std::string(2 * 1024 * 1024, ' '));
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(json::parse(r.body)["__type"], "SerializationException");
}

TEST_F(ApiTest, DataAndKeysSurviveRestart) {
  auto [pool, client] = SetUpUser();
  const std::string jwks_before = client_->Request("GET", "/" + pool + "/.well-known/jwks.json", {}, "").body;
  json tokens = SignIn(client, *client_)["AuthenticationResult"];
  Stop();
  Start();
  EXPECT_EQ(client_->Request("GET", "/" + pool + "/.well-known/jwks.json", {}, "").body, jwks_before);
  auto r = client_->Call("GetUser", json{{"AccessToken", tokens["AccessToken"]}}.dump(), false);
  EXPECT_EQ(r.status, 200u) << r.body;
  SignIn(client, *client_);
}

TEST_F(ApiTest, ConcurrentSignInsAllSucceed) {
  auto [pool, client] = SetUpUser();
  constexpr int kThreads = 4;
  constexpr int kEach = 10;
  std::vector<std::future<int>> done;
  for (int t = 0; t < kThreads; ++t) {
    done.push_back(std::async(std::launch::async, [&, port = server_->port()] {
      test::HttpClient http(port);
      int ok = 0;
      for (int i = 0; i < kEach; ++i) {
        ok += SignIn(client, http).contains("AuthenticationResult") ? 1 : 0;
      }
      return ok;
    }));
  }
  int total = 0;
  for (auto& f : done) {
    total += f.get();
  }
  EXPECT_EQ(total, kThreads * kEach);
}

}  // namespace
}  // namespace cognito
