// The whole emulator over real HTTP on 127.0.0.1: Service + Server with a temporary database.
#include <future>
#include <vector>

#include "tests/integration/api_fixture.h"

namespace cognito {
namespace {

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
      {"NUL byte after the document", "ListUserPools", std::string("{\"MaxResults\":10}\0x", 19),
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
  // Not a structured binding: clang 14 (the ThreadSanitizer build) cannot capture one.
  const std::string client = SetUpUser().second;
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

TEST_F(ApiTest, ConcurrentCreatesOfOneUserLetExactlyOneThrough) {
  const std::string plain = Ok("CreateUserPool", {{"PoolName", "plain"}})["UserPool"]["Id"];
  const std::string by_email = Ok("CreateUserPool", {{"PoolName", "email"},
                                                     {"UsernameAttributes", {"email"}}})["UserPool"]["Id"];
  constexpr int kThreads = 6;
  for (const auto& target : {std::pair{plain, std::string("zed")},
                             std::pair{by_email, std::string("zed@example.com")}}) {
    // Not a structured binding: clang 14 (the ThreadSanitizer build) cannot capture one.
    const std::string pool = target.first;
    const std::string username = target.second;
    std::vector<std::future<std::string>> done;
    for (int t = 0; t < kThreads; ++t) {
      done.push_back(std::async(std::launch::async, [&, port = server_->port()] {
        test::HttpClient http(port);
        auto r = http.Call("AdminCreateUser",
                           json{{"UserPoolId", pool}, {"Username", username},
                                {"TemporaryPassword", "Temp-Pass1"}}.dump());
        return r.status == 200u ? std::string("ok") : json::parse(r.body)["__type"].get<std::string>();
      }));
    }
    int created = 0;
    for (auto& f : done) {
      const std::string outcome = f.get();
      created += outcome == "ok" ? 1 : 0;
      EXPECT_TRUE(outcome == "ok" || outcome == "UsernameExistsException") << outcome;
    }
    EXPECT_EQ(created, 1) << username;
    EXPECT_EQ(Ok("ListUsers", {{"UserPoolId", pool}})["Users"].size(), 1u) << username;
  }
}

}  // namespace
}  // namespace cognito
