#include "server/http/routes.h"

#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

namespace cognito::http {
namespace {

std::optional<std::string> Header(const Reply& reply, std::string_view name) {
  for (const auto& [key, value] : reply.headers) {
    if (key == name) {
      return value;
    }
  }
  return std::nullopt;
}

TEST(RouteForTest, Table) {
  struct Case {
    const char* label;
    const char* method;
    const char* target;
    Route expected;
  };
  const Case cases[] = {
      {"preflight on root", "OPTIONS", "/", Route::kPreflight},
      {"preflight on any path", "OPTIONS", "/us-east-1_abc/.well-known/jwks.json",
       Route::kPreflight},
      {"health", "GET", "/health", Route::kHealth},
      {"health with query", "GET", "/health?verbose=1", Route::kHealth},
      {"POST health is an API call", "POST", "/health", Route::kApi},
      {"health prefix is not health", "GET", "/healthz", Route::kApi},
      {"api call", "POST", "/", Route::kApi},
      {"other GET goes to the handler", "GET", "/us-east-1_abc/.well-known/jwks.json", Route::kApi},
      {"method match is exact", "options", "/", Route::kApi},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RouteFor(c.method, c.target), c.expected) << c.label;
  }
}

TEST(PreflightReplyTest, EchoesRequestedHeaders) {
  const Reply reply = PreflightReply("content-type,x-amz-target,x-custom");
  EXPECT_EQ(reply.status, 200U);
  EXPECT_EQ(reply.body, "");
  EXPECT_EQ(Header(reply, "Access-Control-Allow-Headers"), "content-type,x-amz-target,x-custom");
  EXPECT_EQ(Header(reply, "Access-Control-Allow-Methods"), "POST, GET, OPTIONS");
  EXPECT_EQ(Header(reply, "Access-Control-Max-Age"), "86400");
}

TEST(PreflightReplyTest, DefaultsWhenNothingRequested) {
  const Reply reply = PreflightReply("");
  EXPECT_EQ(Header(reply, "Access-Control-Allow-Headers"), std::string(kDefaultAllowHeaders));
}

TEST(PreflightReplyTest, SanitizesTheEcho) {
  const Reply reply = PreflightReply("content-type\r\nX-Evil: 1");
  EXPECT_EQ(Header(reply, "Access-Control-Allow-Headers"), "content-typeX-Evil: 1");
}

TEST(HealthReplyTest, IsJsonOk) {
  const Reply reply = HealthReply();
  EXPECT_EQ(reply.status, 200U);
  EXPECT_EQ(Header(reply, "Content-Type"), "application/json");
  EXPECT_EQ(reply.body, R"({"status":"ok"})");
}

TEST(ApiReplyTest, SuccessCarriesNoErrorHeaders) {
  actions::ApiResponse response;
  response.body = R"({"UserPoolId":"x"})";
  const Reply reply = ApiReply(response);
  EXPECT_EQ(reply.status, 200U);
  EXPECT_EQ(Header(reply, "Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(reply.body, R"({"UserPoolId":"x"})");
  EXPECT_FALSE(Header(reply, "x-amzn-ErrorType"));
  EXPECT_FALSE(Header(reply, "x-amzn-ErrorMessage"));
}

TEST(ApiReplyTest, ErrorHeadersHaveTrailingColonAndCleanMessage) {
  actions::ApiResponse response;
  response.status = 400;
  response.error_type = "NotAuthorizedException";
  response.error_message = "Incorrect username\r\nor password.";
  response.body = R"({"__type":"NotAuthorizedException","message":"..."})";
  const Reply reply = ApiReply(response);
  EXPECT_EQ(reply.status, 400U);
  EXPECT_EQ(Header(reply, "x-amzn-ErrorType"), "NotAuthorizedException:");
  EXPECT_EQ(Header(reply, "x-amzn-ErrorMessage"), "Incorrect usernameor password.");
  EXPECT_EQ(reply.body, response.body);
}

TEST(ApiReplyTest, ContentTypeFromResponseOrDefault) {
  actions::ApiResponse response;
  response.content_type = "application/json";
  EXPECT_EQ(Header(ApiReply(response), "Content-Type"), "application/json");
  response.content_type.clear();
  EXPECT_EQ(Header(ApiReply(response), "Content-Type"), "application/x-amz-json-1.1");
}

TEST(ApiReplyTest, OutOfRangeStatusBecomesInternalError) {
  for (const unsigned status : {0U, 99U, 600U, 1000U}) {
    actions::ApiResponse response;
    response.status = status;
    const Reply reply = ApiReply(response);
    EXPECT_EQ(reply.status, 500U) << status;
    EXPECT_EQ(Header(reply, "x-amzn-ErrorType"), "InternalErrorException:") << status;
  }
}

TEST(ErrorReplyTest, BodyAndHeadersAgree) {
  const Reply reply = ErrorReply(400, "SerializationException", "Malformed \"HTTP\" request");
  EXPECT_EQ(reply.status, 400U);
  EXPECT_EQ(reply.body,
            R"({"__type":"SerializationException","message":"Malformed \"HTTP\" request"})");
  EXPECT_EQ(Header(reply, "Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(Header(reply, "x-amzn-ErrorType"), "SerializationException:");
  EXPECT_EQ(Header(reply, "x-amzn-ErrorMessage"), "Malformed \"HTTP\" request");
}

class ScriptedHandler : public actions::ApiHandler {
 public:
  explicit ScriptedHandler(bool fail) : fail_(fail) {}
  actions::ApiResponse Handle(const actions::ApiRequest& request) override {
    if (fail_) {
      throw std::runtime_error("database password is hunter2");
    }
    actions::ApiResponse response;
    response.status = 201;
    response.body = request.body;
    return response;
  }

 private:
  bool fail_;
};

TEST(CallHandlerTest, PassesRequestAndMapsResponse) {
  ScriptedHandler handler(false);
  actions::ApiRequest request;
  request.body = R"({"a":1})";
  const Reply reply = CallHandler(handler, request);
  EXPECT_EQ(reply.status, 201U);
  EXPECT_EQ(reply.body, R"({"a":1})");
}

TEST(CallHandlerTest, ThrowingHandlerBecomesOpaque500) {
  ScriptedHandler handler(true);
  const Reply reply = CallHandler(handler, actions::ApiRequest{});
  EXPECT_EQ(reply.status, 500U);
  EXPECT_EQ(reply.body, R"({"__type":"InternalErrorException","message":"Internal error"})");
  EXPECT_EQ(Header(reply, "x-amzn-ErrorMessage"), "Internal error");
  EXPECT_EQ(reply.body.find("hunter2"), std::string::npos);
}

TEST(AddCommonHeadersTest, AddsIdDateAndCors) {
  Reply reply = HealthReply();
  AddCommonHeaders(reply, "b69e68b4-3e60-491d-aea4-c54a9a911add", "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(Header(reply, "x-amzn-RequestId"), "b69e68b4-3e60-491d-aea4-c54a9a911add");
  EXPECT_EQ(Header(reply, "Date"), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(Header(reply, "Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(Header(reply, "Access-Control-Expose-Headers"),
            "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date");
}

// What Beast's serializer writes for `reply`: the reference that ResponseHead must match.
std::string BeastBytes(const Reply& reply, unsigned version, bool keep_alive) {
  namespace bhttp = boost::beast::http;
  bhttp::response<bhttp::string_body> response;
  response.version(version);
  response.result(reply.status);
  for (const auto& [name, value] : reply.headers) {
    response.set(name, value);
  }
  response.body() = reply.body;
  response.keep_alive(keep_alive);
  response.prepare_payload();
  std::ostringstream out;
  out << response;
  return out.str();
}

TEST(ResponseHeadTest, WritesWhatBeastWrites) {
  namespace bhttp = boost::beast::http;
  Reply ok = ApiReply({200, "application/x-amz-json-1.1", R"({"Username":"alice"})", "", ""});
  Reply error = ErrorReply(400, "NotAuthorizedException", "Incorrect username or password.");
  Reply preflight = PreflightReply("content-type");
  Reply empty;
  empty.status = 204;
  for (Reply* reply : {&ok, &error, &preflight, &empty}) {
    AddCommonHeaders(*reply, "0b1c6c3e-0000-4000-8000-000000000000",
                     "Sun, 06 Dec 2026 19:00:00 GMT");
    for (const unsigned version : {10U, 11U}) {
      for (const bool keep_alive : {true, false}) {
        const std::string reason(bhttp::obsolete_reason(static_cast<bhttp::status>(reply->status)));
        EXPECT_EQ(ResponseHead(*reply, version, keep_alive, reason) + reply->body,
                  BeastBytes(*reply, version, keep_alive))
            << "status " << reply->status << ", version " << version << ", keep-alive "
            << keep_alive;
      }
    }
  }
}

}  // namespace
}  // namespace cognito::http
