#include "server/http/lambda_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <nlohmann/json.hpp>

namespace cognito::http {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using actions::InvokeResult;

constexpr size_t kMaxAnswerBytes = 6 * 1024 * 1024;  // Lambda's synchronous payload limit
constexpr size_t kMaxErrorText = 1000;

struct Target {
  HttpUrl url;
  bool lambda_api = false;  // the answer follows the Invoke API's conventions
};

struct Answer {
  unsigned status = 0;
  std::string function_error;  // X-Amz-Function-Error
  std::string body;
};

// ARN parts: arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>].
std::vector<std::string> ArnParts(const std::string& arn) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= arn.size(); ++i) {
    if (i == arn.size() || arn[i] == ':') {
      parts.push_back(arn.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::string FunctionName(const std::string& arn) {
  const auto parts = ArnParts(arn);
  return parts.size() >= 7 && parts[5] == "function" ? parts[6] : arn;
}

std::string UrlEncode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// The message of an error answer: errorMessage of a Lambda error document, else the text.
std::string ErrorText(const std::string& body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_object() && doc.contains("errorMessage") && doc["errorMessage"].is_string()) {
    return doc["errorMessage"].get<std::string>();
  }
  if (doc.is_object() && doc.contains("message") && doc["message"].is_string()) {
    return doc["message"].get<std::string>();
  }
  return body.substr(0, kMaxErrorText);
}

// One POST with a deadline over every step. Throws beast::system_error.
Answer Post(const HttpUrl& url, const std::string& body, const std::string& authorization,
            std::chrono::milliseconds timeout) {
  net::io_context ioc;
  tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  beast::error_code ec;
  auto run = [&] {
    ioc.restart();
    ioc.run();
    if (ec) {
      throw beast::system_error(ec);
    }
  };
  const auto endpoints = resolver.resolve(url.host, url.port);
  stream.expires_at(deadline);
  stream.async_connect(endpoints, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
  run();
  bhttp::request<bhttp::string_body> request{bhttp::verb::post, url.path, 11};
  request.set(bhttp::field::host, url.host + ":" + url.port);
  request.set(bhttp::field::content_type, "application/json");
  request.set(bhttp::field::user_agent, "cognito-emulator");
  request.set("X-Amz-Invocation-Type", "RequestResponse");
  if (!authorization.empty()) {
    request.set(bhttp::field::authorization, authorization);
  }
  request.body() = body;
  request.prepare_payload();
  stream.expires_at(deadline);
  bhttp::async_write(stream, request, [&](beast::error_code e, size_t) { ec = e; });
  run();
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(kMaxAnswerBytes);
  stream.expires_at(deadline);
  bhttp::async_read(stream, buffer, parser, [&](beast::error_code e, size_t) { ec = e; });
  run();
  auto& response = parser.get();
  Answer answer{response.result_int(), std::string(response["X-Amz-Function-Error"]),
                std::move(response.body())};
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return answer;
}

// A placeholder SigV4 header: LocalStack takes the account from a 12-digit access key id and the
// region from the scope; nothing checks the signature.
std::string Authorization(const std::string& arn) {
  const auto parts = ArnParts(arn);
  const std::string region = parts.size() > 3 && !parts[3].empty() ? parts[3] : "us-east-1";
  const std::string account = parts.size() > 4 && parts[4].size() == 12 ? parts[4] : "000000000000";
  return "AWS4-HMAC-SHA256 Credential=" + account + "/20240101/" + region +
         "/lambda/aws4_request, SignedHeaders=host, Signature=0";
}

}  // namespace

HttpUrl ParseHttpUrl(const std::string& url) {
  HttpUrl out;
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0) {
    return out;
  }
  const std::string rest = url.substr(scheme.size());
  const size_t slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  out.path = slash == std::string::npos ? "/" : rest.substr(slash);
  if (authority.empty() || authority.find('@') != std::string::npos) {
    return out;
  }
  const size_t colon = authority.rfind(':');
  if (colon == std::string::npos || authority.back() == ']') {
    out.host = authority;
    out.port = "80";
  } else {
    out.host = authority.substr(0, colon);
    out.port = authority.substr(colon + 1);
  }
  if (out.host.size() > 2 && out.host.front() == '[' && out.host.back() == ']') {
    out.host = out.host.substr(1, out.host.size() - 2);
  }
  out.ok = !out.host.empty() && !out.port.empty() &&
           out.port.find_first_not_of("0123456789") == std::string::npos;
  return out;
}

InvokeResult LambdaClient::Invoke(const std::string& arn, const std::string& event) {
  Target target;
  for (const auto& [key, url] : options_.urls) {
    if (key == arn || key == FunctionName(arn)) {
      target.url = ParseHttpUrl(url);
      break;
    }
  }
  if (!target.url.ok && !options_.endpoint.empty()) {
    target.url = ParseHttpUrl(options_.endpoint);
    target.lambda_api = true;
    const auto parts = ArnParts(arn);
    std::string path = target.url.path == "/" ? "" : target.url.path;
    while (!path.empty() && path.back() == '/') {
      path.pop_back();
    }
    target.url.path = path + "/2015-03-31/functions/" + UrlEncode(FunctionName(arn)) + "/invocations";
    if (parts.size() >= 8 && !parts[7].empty()) {
      target.url.path += "?Qualifier=" + UrlEncode(parts[7]);
    }
  }
  if (!target.url.ok) {
    return {InvokeResult::Status::kUnreachable,
            "no URL or Lambda endpoint is configured for " + arn};
  }
  Answer answer;
  try {
    answer = Post(target.url, event, target.lambda_api ? Authorization(arn) : "", options_.timeout);
  } catch (const beast::system_error& e) {
    if (e.code() == beast::error::timeout) {
      return {InvokeResult::Status::kTimeout, ""};
    }
    return {InvokeResult::Status::kUnreachable, e.code().message() + " while invoking " + arn};
  }
  if (!answer.function_error.empty()) {
    return {InvokeResult::Status::kFunctionError, ErrorText(answer.body)};
  }
  if (answer.status >= 200 && answer.status < 300) {
    return {InvokeResult::Status::kOk, std::move(answer.body)};
  }
  if (target.lambda_api) {
    // The Invoke API itself refused (unknown function, bad request): not the function's error.
    return {InvokeResult::Status::kUnreachable,
            "Lambda answered " + std::to_string(answer.status) + " " + ErrorText(answer.body)};
  }
  return {InvokeResult::Status::kFunctionError, ErrorText(answer.body)};
}

}  // namespace cognito::http
