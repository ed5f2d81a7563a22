// The translation unit of the server side of Beast. Sessions are C++20 coroutines
// on a single-threaded io_context; everything they share (connections_, ids_, stopping_) is
// touched on that thread only. Handler calls hop to the worker pool and back.
#include "server/http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <limits>
#include <list>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>

#include "server/http/routes.h"
#include "server/http/wire_format.h"

namespace cognito::http {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Request = bhttp::request<bhttp::string_body>;
using Parser = bhttp::request_parser<bhttp::string_body>;

// After an error reply the rest of the request is read and discarded (bounded), so closing the
// socket does not reset the connection before the client has read the reply.
constexpr size_t kMaxDrainBytes = 64 * 1024 * 1024;
constexpr std::chrono::seconds kMaxDrainTime{5};
constexpr std::chrono::milliseconds kAcceptBackoff{10};
constexpr unsigned kHttp11 = 11;

auto Redirect(beast::error_code& ec) { return net::redirect_error(net::use_awaitable, ec); }

std::string_view View(beast::string_view text) { return {text.data(), text.size()}; }

bool IsHttpError(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

// The reply owed to a client whose request could not be read, or nothing if the connection
// simply ended (EOF, reset, timeout, shutdown).
std::optional<Reply> ReplyForReadError(const beast::error_code& ec, const ServerOptions& options) {
  if (ec == bhttp::error::body_limit) {
    return ErrorReply(
        400, "SerializationException",
        "Request body exceeds the limit of " + std::to_string(options.body_limit) + " bytes");
  }
  if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow) {
    return ErrorReply(
        400, "SerializationException",
        "Request header exceeds the limit of " + std::to_string(options.header_limit) + " bytes");
  }
  if (IsHttpError(ec) && ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
    return ErrorReply(400, "SerializationException", "Malformed HTTP request");
  }
  return std::nullopt;
}

bool ExpectsContinue(const Parser& parser) {
  return parser.get().version() >= kHttp11 && !parser.is_done() &&
         beast::iequals(parser.get()[bhttp::field::expect], "100-continue");
}

actions::ApiRequest ToApiRequest(Request& request) {
  actions::ApiRequest api;
  api.method = std::string(View(request.method_string()));
  api.target = std::string(View(request.target()));
  api.amz_target = std::string(View(request["X-Amz-Target"]));
  api.authorization = std::string(View(request[bhttp::field::authorization]));
  api.body = std::move(request.body());
  return api;
}

net::awaitable<Reply> CallOnWorker(actions::ApiHandler& handler, actions::ApiRequest request) {
  co_return CallHandler(handler, request);
}

tcp::endpoint ResolveEndpoint(net::io_context& ioc, const ServerOptions& options) {
  beast::error_code ec;
  const auto address = net::ip::make_address(options.host, ec);
  if (!ec) {
    return {address, options.port};
  }
  tcp::resolver resolver(ioc);
  const auto results = resolver.resolve(options.host, std::to_string(options.port), ec);
  if (ec || results.empty()) {
    throw std::runtime_error("cannot resolve host '" + options.host + "': " + ec.message());
  }
  // "localhost" often lists ::1 first, but clients and docs use 127.0.0.1: prefer IPv4.
  for (const auto& entry : results) {
    if (entry.endpoint().address().is_v4()) {
      return entry.endpoint();
    }
  }
  return results.begin()->endpoint();
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, actions::ApiHandler& handler);
  ~Impl();

  uint16_t port() const { return port_; }
  void Run() { ioc_.run(); }
  void Stop();
  void HandleSignals();

 private:
  // One live connection, as seen by shutdown: idle ones are cancelled, busy ones finish.
  struct Connection {
    beast::tcp_stream* stream = nullptr;  // null until the session coroutine has started
    bool busy = false;
  };
  using ConnectionList = std::list<Connection>;

  net::awaitable<void> Accept();
  net::awaitable<void> Session(tcp::socket socket, ConnectionList::iterator slot);
  net::awaitable<void> Serve(beast::tcp_stream& stream, Connection& connection);
  net::awaitable<beast::error_code> ReadRequest(beast::tcp_stream& stream,
                                                beast::flat_buffer& buffer, Parser& parser);
  net::awaitable<void> AnswerReadError(beast::tcp_stream& stream, Connection& connection,
                                       const beast::error_code& read_error);
  net::awaitable<Reply> Dispatch(Request& request);
  net::awaitable<beast::error_code> Write(beast::tcp_stream& stream, Reply reply, unsigned version,
                                          bool keep_alive);
  net::awaitable<void> Drain(beast::tcp_stream& stream);
  void BeginShutdown();

  ServerOptions options_;
  actions::ApiHandler& handler_;
  net::io_context ioc_{1};
  tcp::acceptor acceptor_{ioc_};
  net::steady_timer grace_timer_{ioc_};
  std::optional<net::signal_set> signals_;
  // Declared after the I/O objects so it is joined before they and the io_context go away.
  net::thread_pool workers_;
  ConnectionList connections_;
  RequestIdGenerator ids_;
  bool stopping_ = false;
  std::atomic<bool> stop_requested_{false};
  uint16_t port_ = 0;
};

Server::Impl::Impl(ServerOptions options, actions::ApiHandler& handler)
    : options_(std::move(options)),
      handler_(handler),
      workers_(options_.worker_threads > 0
                   ? options_.worker_threads
                   : std::max<size_t>(1, std::thread::hardware_concurrency())) {
  const tcp::endpoint endpoint = ResolveEndpoint(ioc_, options_);
  beast::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) {
    acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  }
  if (!ec) {
    acceptor_.bind(endpoint, ec);
  }
  if (!ec) {
    acceptor_.listen(net::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    throw std::runtime_error("cannot listen on " + options_.host + ":" +
                             std::to_string(options_.port) + ": " + ec.message());
  }
  port_ = acceptor_.local_endpoint().port();
  net::co_spawn(ioc_, Accept(), [](const std::exception_ptr&) {});
}

Server::Impl::~Impl() {
  Stop();
  workers_.join();
}

void Server::Impl::Stop() {
  if (!stop_requested_.exchange(true)) {
    net::post(ioc_, [this] { BeginShutdown(); });
  }
}

void Server::Impl::HandleSignals() {
  signals_.emplace(ioc_, SIGINT, SIGTERM);
  signals_->async_wait([this](const beast::error_code& ec, int /*signal*/) {
    if (!ec) {
      BeginShutdown();
    }
  });
}

void Server::Impl::BeginShutdown() {
  if (stopping_) {
    return;
  }
  stopping_ = true;
  beast::error_code ignored;
  acceptor_.close(ignored);
  if (signals_) {
    signals_->cancel(ignored);
  }
  for (Connection& connection : connections_) {
    if (!connection.busy && connection.stream != nullptr) {
      connection.stream->cancel();
    }
  }
  if (!connections_.empty()) {
    // In-flight requests get a bounded time; then the io_context is stopped regardless.
    grace_timer_.expires_after(options_.shutdown_grace);
    grace_timer_.async_wait([this](const beast::error_code& ec) {
      if (!ec) {
        ioc_.stop();
      }
    });
  }
}

net::awaitable<void> Server::Impl::Accept() {
  net::steady_timer backoff(ioc_);
  while (acceptor_.is_open()) {
    beast::error_code ec;
    tcp::socket socket = co_await acceptor_.async_accept(Redirect(ec));
    if (ec) {
      if (!acceptor_.is_open()) {
        break;
      }
      // Persistent failures (e.g. out of descriptors) must not spin the I/O thread.
      backoff.expires_after(kAcceptBackoff);
      co_await backoff.async_wait(Redirect(ec));
      continue;
    }
    if (connections_.size() >= options_.max_connections) {
      continue;  // over the limit: the socket closes as it goes out of scope
    }
    const auto slot = connections_.emplace(connections_.end());
    net::co_spawn(ioc_, Session(std::move(socket), slot), [](const std::exception_ptr&) {});
  }
}

net::awaitable<void> Server::Impl::Session(tcp::socket socket, ConnectionList::iterator slot) {
  beast::tcp_stream stream(std::move(socket));
  slot->stream = &stream;
  try {
    co_await Serve(stream, *slot);
  } catch (const std::exception&) {
    // Only allocation failures can land here; dropping this one connection is the answer.
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  connections_.erase(slot);
  if (stopping_ && connections_.empty()) {
    grace_timer_.cancel();
  }
}

net::awaitable<void> Server::Impl::Serve(beast::tcp_stream& stream, Connection& connection) {
  beast::flat_buffer buffer;
  while (!stopping_) {
    Parser parser;
    parser.header_limit(static_cast<std::uint32_t>(
        std::min<size_t>(options_.header_limit, std::numeric_limits<std::uint32_t>::max())));
    parser.body_limit(options_.body_limit);
    connection.busy = false;
    beast::error_code ec = co_await ReadRequest(stream, buffer, parser);
    connection.busy = true;
    if (ec) {
      co_await AnswerReadError(stream, connection, ec);
      co_return;
    }
    Request request = parser.release();
    Reply reply = co_await Dispatch(request);
    const bool keep_alive = request.keep_alive() && !stopping_;
    ec = co_await Write(stream, std::move(reply), request.version(), keep_alive);
    if (ec || !keep_alive) {
      co_return;
    }
  }
}

net::awaitable<void> Server::Impl::AnswerReadError(beast::tcp_stream& stream,
                                                   Connection& connection,
                                                   const beast::error_code& read_error) {
  std::optional<Reply> reply = ReplyForReadError(read_error, options_);
  if (!reply) {
    co_return;
  }
  const beast::error_code ec = co_await Write(stream, std::move(*reply), kHttp11, false);
  if (!ec && !stopping_) {
    connection.busy = false;  // draining is idle time: shutdown may cut it short
    co_await Drain(stream);
  }
}

net::awaitable<beast::error_code> Server::Impl::ReadRequest(beast::tcp_stream& stream,
                                                            beast::flat_buffer& buffer,
                                                            Parser& parser) {
  beast::error_code ec;
  // One deadline covers the whole request: headers, an optional 100 Continue and the body.
  stream.expires_after(options_.read_timeout);
  co_await bhttp::async_read_header(stream, buffer, parser, Redirect(ec));
  if (!ec && ExpectsContinue(parser)) {
    bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, kHttp11};
    co_await bhttp::async_write(stream, go_on, Redirect(ec));
  }
  if (!ec && !parser.is_done()) {
    co_await bhttp::async_read(stream, buffer, parser, Redirect(ec));
  }
  co_return ec;
}

net::awaitable<Reply> Server::Impl::Dispatch(Request& request) {
  switch (RouteFor(View(request.method_string()), View(request.target()))) {
    case Route::kPreflight:
      co_return PreflightReply(View(request[bhttp::field::access_control_request_headers]));
    case Route::kHealth:
      co_return HealthReply();
    case Route::kApi:
      break;
  }
  // Handlers may be CPU-heavy (RSA, SRP): run them on the pool; the result resumes us here.
  co_return co_await net::co_spawn(workers_, CallOnWorker(handler_, ToApiRequest(request)),
                                   net::use_awaitable);
}

net::awaitable<beast::error_code> Server::Impl::Write(beast::tcp_stream& stream, Reply reply,
                                                      unsigned version, bool keep_alive) {
  AddCommonHeaders(reply, ids_.Next(), HttpDate(std::chrono::system_clock::now()));
  bhttp::response<bhttp::string_body> response;
  response.version(version);
  response.result(reply.status);
  for (const auto& [name, value] : reply.headers) {
    response.set(name, value);
  }
  response.body() = std::move(reply.body);
  response.keep_alive(keep_alive);
  response.prepare_payload();
  beast::error_code ec;
  stream.expires_after(options_.read_timeout);
  co_await bhttp::async_write(stream, response, Redirect(ec));
  co_return ec;
}

net::awaitable<void> Server::Impl::Drain(beast::tcp_stream& stream) {
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  std::array<char, 16 * 1024> scratch{};
  size_t drained = 0;
  stream.expires_after(std::min<std::chrono::seconds>(options_.read_timeout, kMaxDrainTime));
  while (!ec && drained < kMaxDrainBytes) {
    drained += co_await stream.async_read_some(net::buffer(scratch), Redirect(ec));
  }
}

Server::Server(ServerOptions options, actions::ApiHandler& handler)
    : impl_(std::make_unique<Impl>(std::move(options), handler)) {}

Server::~Server() = default;

uint16_t Server::port() const { return impl_->port(); }

void Server::Run() { impl_->Run(); }

void Server::Stop() { impl_->Stop(); }

void Server::HandleSignals() { impl_->HandleSignals(); }

}  // namespace cognito::http
