#include "tests/integration/http_client.h"

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <chrono>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace cognito::test {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::chrono::seconds kTimeout{10};
constexpr unsigned kHttp11 = 11;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

HttpResponse ToHttpResponse(const bhttp::response<bhttp::string_body>& message) {
  HttpResponse response;
  response.status = message.result_int();
  for (const auto& field : message) {
    const auto name = field.name_string();
    std::string& slot = response.headers[Lower({name.data(), name.size()})];
    slot += slot.empty() ? "" : ", ";
    slot += std::string_view(field.value().data(), field.value().size());
  }
  response.body = message.body();
  return response;
}

void ThrowIf(const beast::error_code& ec, std::string_view what) {
  if (ec) {
    throw std::runtime_error("HttpClient: " + std::string(what) + ": " + ec.message());
  }
}

}  // namespace

class HttpClient::Impl {
 public:
  Impl(uint16_t port, std::string host) : port_(port), host_(std::move(host)) {}

  HttpResponse ExchangeRaw(const std::string& bytes) {
    EnsureConnected();
    beast::error_code ec;
    stream_->expires_after(kTimeout);
    net::async_write(*stream_, net::buffer(bytes), [&ec](beast::error_code e, size_t) { ec = e; });
    RunIo();
    ThrowIf(ec, "write");
    return ReadResponse();
  }

  bool ServerClosed() {
    if (!stream_) {
      return true;
    }
    // Bytes the parser already buffered mean the connection still had something to say.
    if (buffer_.size() > 0) {
      return false;
    }
    beast::error_code ec;
    std::array<char, 512> scratch{};
    size_t received = 0;
    stream_->expires_after(kTimeout);
    stream_->async_read_some(net::buffer(scratch), [&](beast::error_code e, size_t n) {
      ec = e;
      received = n;
    });
    RunIo();
    const bool closed = received == 0 && ec && ec != beast::error::timeout;
    if (ec) {
      Disconnect();
    }
    return closed;
  }

  std::string HostHeader() const { return host_ + ":" + std::to_string(port_); }
  int connections_opened() const { return connections_opened_; }

 private:
  void RunIo() {
    ioc_.restart();
    ioc_.run();
  }

  void EnsureConnected() {
    if (stream_ && server_will_close_) {
      Disconnect();
    }
    if (stream_) {
      return;
    }
    stream_.emplace(ioc_);
    buffer_.clear();
    ++connections_opened_;
    beast::error_code ec;
    const tcp::endpoint endpoint(net::ip::make_address(host_), port_);
    stream_->expires_after(kTimeout);
    stream_->async_connect(endpoint, [&ec](beast::error_code e) { ec = e; });
    RunIo();
    if (ec) {
      Disconnect();
    }
    ThrowIf(ec, "connect");
  }

  void Disconnect() {
    stream_.reset();
    buffer_.clear();
    server_will_close_ = false;
  }

  HttpResponse ReadResponse() {
    for (;;) {
      bhttp::response_parser<bhttp::string_body> parser;
      parser.body_limit(boost::none);
      beast::error_code ec;
      stream_->expires_after(kTimeout);
      bhttp::async_read(*stream_, buffer_, parser, [&ec](beast::error_code e, size_t) { ec = e; });
      RunIo();
      if (ec) {
        Disconnect();
      }
      ThrowIf(ec, "read");
      if (parser.get().result_int() / 100 == 1) {
        continue;  // interim response such as 100 Continue
      }
      // The connection stays open for ServerClosed(); the next request starts a new one.
      server_will_close_ = !parser.get().keep_alive();
      return ToHttpResponse(parser.get());
    }
  }

  uint16_t port_;
  std::string host_;
  net::io_context ioc_;
  std::optional<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
  bool server_will_close_ = false;
  int connections_opened_ = 0;
};

HttpClient::HttpClient(uint16_t port, std::string host)
    : impl_(std::make_unique<Impl>(port, std::move(host))) {}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::Request(std::string method, std::string target,
                                 std::map<std::string, std::string> headers, std::string body) {
  bhttp::request<bhttp::string_body> request;
  request.method_string(method);
  request.target(target);
  request.version(kHttp11);
  request.set(bhttp::field::host, impl_->HostHeader());
  for (const auto& [name, value] : headers) {
    request.set(name, value);
  }
  request.body() = std::move(body);
  request.prepare_payload();
  std::ostringstream wire;
  wire << request;
  return impl_->ExchangeRaw(wire.str());
}

HttpResponse HttpClient::Call(std::string action, std::string json_body, bool signed_request) {
  std::map<std::string, std::string> headers = {
      {"Content-Type", "application/x-amz-json-1.1"},
      {"X-Amz-Target", "AWSCognitoIdentityProviderService." + action},
  };
  if (signed_request) {
    headers.emplace("Authorization", kDummySigV4);
  }
  return Request("POST", "/", std::move(headers), std::move(json_body));
}

HttpResponse HttpClient::SendRaw(const std::string& bytes) { return impl_->ExchangeRaw(bytes); }

bool HttpClient::ServerClosed() { return impl_->ServerClosed(); }

int HttpClient::connections_opened() const { return impl_->connections_opened(); }

}  // namespace cognito::test
