// What the server answers: forwarding, headers, CORS, health, limits and malformed input.
#include "server/http/server.h"

#include <gtest/gtest.h>

#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/integration/http_client.h"
#include "tests/integration/test_server.h"
#include "tests/unit/http/fake_handler.h"

namespace cognito::http {
namespace {

using actions::ApiRequest;
using actions::ApiResponse;
using test::ExpectJsonError;
using test::FakeHandler;
using test::Header;
using test::HttpClient;
using test::HttpResponse;
using test::kHttpDate;
using test::kUuidV4;
using test::TestServer;
using test::WithBodyLimit;

TEST(ServerTest, ForwardsRequestToHandlerUnchanged) {
  FakeHandler handler;
  TestServer server(handler);
  HttpClient client(server.port());
  const HttpResponse response =
      client.Request("POST", "/some/path?x=1",
                     {{"x-amz-target", "AWSCognitoIdentityProviderService.InitiateAuth"},
                      {"Authorization", test::kDummySigV4},
                      {"Content-Type", "application/x-amz-json-1.1"}},
                     R"({"AuthFlow":"USER_PASSWORD_AUTH"})");
  EXPECT_EQ(response.status, 200U);
  EXPECT_EQ(response.body, R"({"AuthFlow":"USER_PASSWORD_AUTH"})");
  const std::vector<ApiRequest> requests = handler.requests();
  ASSERT_EQ(requests.size(), 1U);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/some/path?x=1");
  EXPECT_EQ(requests[0].amz_target, "AWSCognitoIdentityProviderService.InitiateAuth");
  EXPECT_EQ(requests[0].authorization, test::kDummySigV4);
  EXPECT_EQ(requests[0].body, R"({"AuthFlow":"USER_PASSWORD_AUTH"})");
}

TEST(ServerTest, UnsignedCallHasEmptyAuthorization) {
  FakeHandler handler;
  TestServer server(handler);
  HttpClient client(server.port());
  EXPECT_EQ(client.Call("SignUp", "{}", false).status, 200U);
  const std::vector<ApiRequest> requests = handler.requests();
  ASSERT_EQ(requests.size(), 1U);
  EXPECT_EQ(requests[0].amz_target, "AWSCognitoIdentityProviderService.SignUp");
  EXPECT_EQ(requests[0].authorization, "");
}

TEST(ServerTest, EveryResponseCarriesIdDateAndCors) {
  FakeHandler handler;
  TestServer server(handler);
  HttpClient client(server.port());
  const HttpResponse first = client.Call("GetUser", "{}");
  const HttpResponse second = client.Call("GetUser", "{}");
  for (const HttpResponse* response : {&first, &second}) {
    EXPECT_EQ(response->status, 200U);
    EXPECT_EQ(Header(*response, "content-type"), "application/x-amz-json-1.1");
    EXPECT_TRUE(std::regex_match(Header(*response, "x-amzn-requestid"), kUuidV4));
    EXPECT_TRUE(std::regex_match(Header(*response, "date"), kHttpDate));
    EXPECT_EQ(Header(*response, "access-control-allow-origin"), "*");
    EXPECT_EQ(Header(*response, "access-control-expose-headers"),
              "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date");
    EXPECT_EQ(Header(*response, "x-amzn-errortype"), "<absent>");
  }
  EXPECT_NE(Header(first, "x-amzn-requestid"), Header(second, "x-amzn-requestid"));
}

TEST(ServerTest, HandlerErrorBecomesErrorHeaders) {
  FakeHandler handler([](const ApiRequest&) {
    ApiResponse response;
    response.status = 400;
    response.error_type = "NotAuthorizedException";
    response.error_message = "Incorrect username or password.";
    response.body =
        R"({"__type":"NotAuthorizedException","message":"Incorrect username or password."})";
    return response;
  });
  TestServer server(handler);
  HttpClient client(server.port());
  ExpectJsonError(client.Call("InitiateAuth", "{}"), 400, "NotAuthorizedException",
                  "Incorrect username or password.");
}

TEST(ServerTest, ThrowingHandlerGivesOpaque500) {
  FakeHandler handler(
      [](const ApiRequest&) -> ApiResponse { throw std::runtime_error("secret internals"); });
  TestServer server(handler);
  HttpClient client(server.port());
  const HttpResponse response = client.Call("GetUser", "{}");
  ExpectJsonError(response, 500, "InternalErrorException", "Internal error");
  // The connection survives and keeps serving.
  EXPECT_EQ(client.Call("GetUser", "{}").status, 500U);
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST(ServerTest, PreflightEchoesRequestedHeaders) {
  FakeHandler handler;
  TestServer server(handler);
  HttpClient client(server.port());
  const HttpResponse response =
      client.Request("OPTIONS", "/",
                     {{"Origin", "http://localhost:3000"},
                      {"Access-Control-Request-Method", "POST"},
                      {"Access-Control-Request-Headers", "content-type,x-amz-target"}},
                     "");
  EXPECT_EQ(response.status, 200U);
  EXPECT_EQ(response.body, "");
  EXPECT_EQ(Header(response, "content-length"), "0");
  EXPECT_EQ(Header(response, "access-control-allow-origin"), "*");
  EXPECT_EQ(Header(response, "access-control-allow-methods"), "POST, GET, OPTIONS");
  EXPECT_EQ(Header(response, "access-control-allow-headers"), "content-type,x-amz-target");
  EXPECT_EQ(Header(response, "access-control-max-age"), "86400");
  EXPECT_TRUE(std::regex_match(Header(response, "x-amzn-requestid"), kUuidV4));
  EXPECT_TRUE(handler.requests().empty());
}

TEST(ServerTest, PreflightWithoutRequestedHeadersAllowsDefaults) {
  FakeHandler handler;
  TestServer server(handler);
  HttpClient client(server.port());
  const HttpResponse response = client.Request("OPTIONS", "/anything", {}, "");
  EXPECT_EQ(response.status, 200U);
  const std::string allowed = Header(response, "access-control-allow-headers");
  for (const char* name : {"content-type", "x-amz-target", "x-amz-user-agent", "authorization",
                           "amz-sdk-invocation-id", "x-amz-content-sha256"}) {
    EXPECT_NE(allowed.find(name), std::string::npos) << name;
  }
}

TEST(ServerTest, HealthAnswersWithoutHandler) {
  FakeHandler handler;
  TestServer server(handler);
  HttpClient client(server.port());
  const HttpResponse response = client.Request("GET", "/health", {}, "");
  EXPECT_EQ(response.status, 200U);
  EXPECT_EQ(Header(response, "content-type"), "application/json");
  EXPECT_EQ(response.body, R"({"status":"ok"})");
  EXPECT_TRUE(std::regex_match(Header(response, "date"), kHttpDate));
  EXPECT_TRUE(handler.requests().empty());
}

TEST(ServerTest, ContentLengthOverLimitIsRejectedAndClosed) {
  FakeHandler handler;
  TestServer server(handler);  // default limit: 1 MiB
  HttpClient client(server.port());
  const HttpResponse response = client.Call("SignUp", std::string(1024 * 1024 + 1, 'x'));
  ExpectJsonError(response, 400, "SerializationException",
                  "Request body exceeds the limit of 1048576 bytes");
  EXPECT_EQ(Header(response, "connection"), "close");
  EXPECT_TRUE(client.ServerClosed());
  EXPECT_TRUE(handler.requests().empty());
}

TEST(ServerTest, HugeRejectedBodyIsDrainedSoTheClientGetsTheReply) {
  // Far more than the socket buffers hold: closing without reading it would reset the
  // connection while the client is still writing, and the reply would be lost.
  FakeHandler handler;
  TestServer server(handler, WithBodyLimit(64));
  HttpClient client(server.port());
  const HttpResponse response = client.Call("SignUp", std::string(16 * 1024 * 1024, 'x'));
  ExpectJsonError(response, 400, "SerializationException",
                  "Request body exceeds the limit of 64 bytes");
  EXPECT_TRUE(client.ServerClosed());
}

TEST(ServerTest, BodyExactlyAtLimitIsAccepted) {
  FakeHandler handler;
  TestServer server(handler, WithBodyLimit(64));
  HttpClient client(server.port());
  const HttpResponse response = client.Call("SignUp", std::string(64, 'x'));
  EXPECT_EQ(response.status, 200U);
  EXPECT_EQ(response.body, std::string(64, 'x'));
}

TEST(ServerTest, ChunkedBodyOverLimitIsRejectedAndClosed) {
  FakeHandler handler;
  TestServer server(handler, WithBodyLimit(64));
  HttpClient client(server.port());
  const std::string chunk(40, 'a');
  const HttpResponse response = client.SendRaw(
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "28\r\n" +
      chunk + "\r\n28\r\n" + chunk + "\r\n0\r\n\r\n");
  ExpectJsonError(response, 400, "SerializationException",
                  "Request body exceeds the limit of 64 bytes");
  EXPECT_TRUE(client.ServerClosed());
  EXPECT_TRUE(handler.requests().empty());
}

TEST(ServerTest, ChunkedBodyWithinLimitIsAssembled) {
  FakeHandler handler;
  TestServer server(handler, WithBodyLimit(64));
  HttpClient client(server.port());
  const HttpResponse response = client.SendRaw(
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n");
  EXPECT_EQ(response.status, 200U);
  EXPECT_EQ(response.body, R"({"a":1})");
}

TEST(ServerTest, MalformedRequestsGet400AndServerKeepsServing) {
  struct Case {
    const char* label;
    std::string bytes;
  };
  const Case cases[] = {
      {"not HTTP at all", "NOT AN HTTP REQUEST\r\n\r\n"},
      {"binary junk", std::string("\x01\x02\x03\x04 / HTTP/1.1\r\n\r\n")},
      {"bad version", "GET / HTTP/9\r\n\r\n"},
      {"bad header line", "GET / HTTP/1.1\r\nno colon here\r\n\r\n"},
      {"bad content length", "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n"},
      {"bad chunk size", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"},
  };
  FakeHandler handler;
  TestServer server(handler);
  for (const Case& c : cases) {
    HttpClient client(server.port());
    ExpectJsonError(client.SendRaw(c.bytes), 400, "SerializationException",
                    "Malformed HTTP request");
    EXPECT_TRUE(client.ServerClosed()) << c.label;
    HttpClient next(server.port());
    EXPECT_EQ(next.Request("GET", "/health", {}, "").status, 200U) << c.label;
  }
  EXPECT_TRUE(handler.requests().empty());
}

TEST(ServerTest, OversizedHeaderGets400) {
  FakeHandler handler;
  TestServer server(handler);
  HttpClient client(server.port());
  const HttpResponse response =
      client.Request("POST", "/", {{"X-Big", std::string(20 * 1024, 'h')}}, "{}");
  ExpectJsonError(response, 400, "SerializationException",
                  "Request header exceeds the limit of 16384 bytes");
  EXPECT_TRUE(handler.requests().empty());
}

TEST(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  FakeHandler handler;
  TestServer server(handler);
  HttpClient client(server.port());
  EXPECT_EQ(client.Call("GetUser", R"({"n":1})").body, R"({"n":1})");
  EXPECT_EQ(client.Request("GET", "/health", {}, "").status, 200U);
  EXPECT_EQ(client.Call("GetUser", R"({"n":2})").body, R"({"n":2})");
  EXPECT_EQ(client.connections_opened(), 1);
  EXPECT_EQ(handler.requests().size(), 2U);
}

TEST(ServerTest, ConnectionCloseIsHonoured) {
  FakeHandler handler;
  TestServer server(handler);
  HttpClient client(server.port());
  const HttpResponse response = client.Request("GET", "/health", {{"Connection", "close"}}, "");
  EXPECT_EQ(response.status, 200U);
  EXPECT_EQ(Header(response, "connection"), "close");
  EXPECT_TRUE(client.ServerClosed());
}

TEST(ServerTest, Http10ClosesUnlessKeepAliveAsked) {
  FakeHandler handler;
  TestServer server(handler);
  HttpClient plain(server.port());
  EXPECT_EQ(plain.SendRaw("GET /health HTTP/1.0\r\n\r\n").body, R"({"status":"ok"})");
  EXPECT_TRUE(plain.ServerClosed());

  HttpClient keep(server.port());
  const std::string request = "GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
  EXPECT_EQ(Header(keep.SendRaw(request), "connection"), "keep-alive");
  EXPECT_EQ(keep.SendRaw(request).status, 200U);
  EXPECT_EQ(keep.connections_opened(), 1);
}

TEST(ServerTest, ExpectContinueGetsInterimResponse) {
  FakeHandler handler;
  TestServer server(handler);
  HttpClient client(server.port());
  const HttpResponse response = client.SendRaw(
      "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}");
  EXPECT_EQ(response.status, 200U);
  ASSERT_EQ(handler.requests().size(), 1U);
  EXPECT_EQ(handler.requests()[0].body, "{}");
}

}  // namespace
}  // namespace cognito::http
