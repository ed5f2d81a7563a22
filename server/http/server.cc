// The translation unit of the server side of Beast. Sessions are C++20 coroutines, each on one
// I/O loop: a single-threaded io_context with its own connections, request ids and stopping flag,
// touched on that loop's thread only. The thread that calls Run() accepts and hands each
// connection to the next loop in turn (so a busy loop never delays accepting). Handler calls that may block or compute long hop to the worker pool and back;
// the handler's cheap ones run on the loop (ApiHandler::RunsInline).
#include "server/http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <limits>
#include <list>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

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
// Room for a whole typical request (headers and a token-bearing body), so one read takes it.
constexpr size_t kReadBufferBytes = 4 * 1024;

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

size_t OrCores(size_t count) {
  return count > 0 ? count : std::max<size_t>(1, std::thread::hardware_concurrency());
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, actions::ApiHandler& handler);
  ~Impl();

  uint16_t port() const { return port_; }
  void Run();
  void Stop();
  void HandleSignals();

 private:
  // One live connection, as seen by shutdown: idle ones are cancelled, busy ones finish.
  struct Connection {
    beast::tcp_stream* stream = nullptr;
    bool busy = false;
  };
  using ConnectionList = std::list<Connection>;

  // One I/O thread's io_context and what only that thread touches.
  struct Loop {
    net::io_context ioc{1};
    // Keeps run() going while the loop has no connection; dropped at shutdown.
    std::optional<net::executor_work_guard<net::io_context::executor_type>> work{
        ioc.get_executor()};
    net::steady_timer grace_timer{ioc};
    ConnectionList connections;
    RequestIdGenerator ids;
    bool stopping = false;
  };

  net::awaitable<void> Accept();
  net::awaitable<void> Session(Loop& loop, tcp::socket socket);
  net::awaitable<void> Serve(Loop& loop, beast::tcp_stream& stream, Connection& connection);
  net::awaitable<beast::error_code> ReadRequest(beast::tcp_stream& stream,
                                                beast::flat_buffer& buffer, Parser& parser);
  net::awaitable<void> AnswerReadError(Loop& loop, beast::tcp_stream& stream,
                                       Connection& connection, const beast::error_code& read_error);
  net::awaitable<Reply> Dispatch(Request& request);
  net::awaitable<beast::error_code> Write(Loop& loop, beast::tcp_stream& stream, Reply reply,
                                          unsigned version, bool keep_alive);
  net::awaitable<void> Drain(beast::tcp_stream& stream);
  void BeginShutdown();
  static void ShutdownLoop(Loop& loop, std::chrono::seconds grace);
  static std::vector<std::unique_ptr<Loop>> MakeLoops(size_t count);

  ServerOptions options_;
  actions::ApiHandler& handler_;
  std::vector<std::unique_ptr<Loop>> loops_;
  net::io_context accept_ioc_{1};  // the acceptor and signals, on the thread of Run()
  tcp::acceptor acceptor_{accept_ioc_};
  std::optional<net::signal_set> signals_;
  // Declared after the I/O objects so it is joined before they and the io_contexts go away.
  net::thread_pool workers_;
  std::atomic<size_t> open_connections_{0};
  size_t next_loop_ = 0;         // accept thread only
  bool shutdown_begun_ = false;  // accept thread only
  std::atomic<bool> stop_requested_{false};
  uint16_t port_ = 0;
};

std::vector<std::unique_ptr<Server::Impl::Loop>> Server::Impl::MakeLoops(size_t count) {
  std::vector<std::unique_ptr<Loop>> loops;
  for (size_t i = 0; i < count; ++i) {
    loops.push_back(std::make_unique<Loop>());
  }
  return loops;
}

Server::Impl::Impl(ServerOptions options, actions::ApiHandler& handler)
    : options_(std::move(options)),
      handler_(handler),
      loops_(MakeLoops(OrCores(options_.io_threads))),
      workers_(OrCores(options_.worker_threads)) {
  const tcp::endpoint endpoint = ResolveEndpoint(accept_ioc_, options_);
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
  net::co_spawn(accept_ioc_, Accept(), [](const std::exception_ptr&) {});
}

Server::Impl::~Impl() {
  Stop();
  workers_.join();
}

void Server::Impl::Run() {
  std::vector<std::thread> threads;
  for (const auto& loop : loops_) {
    threads.emplace_back([&loop = *loop] { loop.ioc.run(); });
  }
  accept_ioc_.run();
  for (std::thread& thread : threads) {
    thread.join();
  }
}

void Server::Impl::Stop() {
  if (!stop_requested_.exchange(true)) {
    net::post(accept_ioc_, [this] { BeginShutdown(); });
  }
}

void Server::Impl::HandleSignals() {
  signals_.emplace(accept_ioc_, SIGINT, SIGTERM);
  signals_->async_wait([this](const beast::error_code& ec, int /*signal*/) {
    if (!ec) {
      BeginShutdown();
    }
  });
}

// On the accept thread: no new connections, then each loop winds down on its own thread.
void Server::Impl::BeginShutdown() {
  if (shutdown_begun_) {
    return;
  }
  shutdown_begun_ = true;
  beast::error_code ignored;
  acceptor_.close(ignored);
  if (signals_) {
    signals_->cancel(ignored);
  }
  for (const auto& loop : loops_) {
    net::post(loop->ioc, [&loop = *loop, grace = options_.shutdown_grace] {
      ShutdownLoop(loop, grace);
    });
  }
}

// On the loop's thread: idle connections are cancelled, busy ones finish within `grace`; the
// loop's run() returns once its last connection has gone (or the grace has run out).
void Server::Impl::ShutdownLoop(Loop& loop, std::chrono::seconds grace) {
  if (loop.stopping) {
    return;
  }
  loop.stopping = true;
  loop.work.reset();
  for (Connection& connection : loop.connections) {
    if (!connection.busy && connection.stream != nullptr) {
      connection.stream->cancel();
    }
  }
  if (!loop.connections.empty()) {
    loop.grace_timer.expires_after(grace);
    loop.grace_timer.async_wait([&loop](const beast::error_code& ec) {
      if (!ec) {
        loop.ioc.stop();
      }
    });
  }
}

net::awaitable<void> Server::Impl::Accept() {
  net::steady_timer backoff(accept_ioc_);
  while (acceptor_.is_open()) {
    Loop& loop = *loops_[next_loop_];
    beast::error_code ec;
    tcp::socket socket = co_await acceptor_.async_accept(loop.ioc, Redirect(ec));
    if (ec) {
      if (!acceptor_.is_open()) {
        break;
      }
      // Persistent failures (e.g. out of descriptors) must not spin the I/O thread.
      backoff.expires_after(kAcceptBackoff);
      co_await backoff.async_wait(Redirect(ec));
      continue;
    }
    if (open_connections_.load() >= options_.max_connections) {
      continue;  // over the limit: the socket closes as it goes out of scope
    }
    ++open_connections_;
    next_loop_ = (next_loop_ + 1) % loops_.size();
    net::co_spawn(loop.ioc, Session(loop, std::move(socket)), [](const std::exception_ptr&) {});
  }
}

net::awaitable<void> Server::Impl::Session(Loop& loop, tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  if (!loop.stopping) {
    const auto slot = loop.connections.emplace(loop.connections.end());
    slot->stream = &stream;
    try {
      co_await Serve(loop, stream, *slot);
    } catch (const std::exception&) {
      // Only allocation failures can land here; dropping this one connection is the answer.
    }
    loop.connections.erase(slot);
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  --open_connections_;
  if (loop.stopping && loop.connections.empty()) {
    loop.grace_timer.cancel();
  }
}

net::awaitable<void> Server::Impl::Serve(Loop& loop, beast::tcp_stream& stream,
                                         Connection& connection) {
  beast::flat_buffer buffer;
  buffer.reserve(kReadBufferBytes);
  while (!loop.stopping) {
    Parser parser;
    parser.header_limit(static_cast<std::uint32_t>(
        std::min<size_t>(options_.header_limit, std::numeric_limits<std::uint32_t>::max())));
    parser.body_limit(options_.body_limit);
    connection.busy = false;
    beast::error_code ec = co_await ReadRequest(stream, buffer, parser);
    connection.busy = true;
    if (ec) {
      co_await AnswerReadError(loop, stream, connection, ec);
      co_return;
    }
    Request request = parser.release();
    Reply reply = co_await Dispatch(request);
    const bool keep_alive = request.keep_alive() && !loop.stopping;
    ec = co_await Write(loop, stream, std::move(reply), request.version(), keep_alive);
    if (ec || !keep_alive) {
      co_return;
    }
  }
}

net::awaitable<void> Server::Impl::AnswerReadError(Loop& loop, beast::tcp_stream& stream,
                                                   Connection& connection,
                                                   const beast::error_code& read_error) {
  std::optional<Reply> reply = ReplyForReadError(read_error, options_);
  if (!reply) {
    co_return;
  }
  const beast::error_code ec = co_await Write(loop, stream, std::move(*reply), kHttp11, false);
  if (!ec && !loop.stopping) {
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
  actions::ApiRequest api = ToApiRequest(request);
  if (handler_.RunsInline(api)) {
    co_return CallHandler(handler_, api);
  }
  // The rest may compute long (RSA, SRP) or wait (commits, triggers): run them on the pool;
  // the result resumes us here.
  co_return co_await net::co_spawn(workers_, CallOnWorker(handler_, std::move(api)),
                                   net::use_awaitable);
}

net::awaitable<beast::error_code> Server::Impl::Write(Loop& loop, beast::tcp_stream& stream,
                                                      Reply reply, unsigned version,
                                                      bool keep_alive) {
  AddCommonHeaders(reply, loop.ids.Next(), HttpDate(std::chrono::system_clock::now()));
  // Formatted here rather than by Beast's serializer, whose buffer sequences cost ~5% of a
  // small request's CPU; the bytes are the same (tests/unit/http/routes_test.cc).
  const std::string head = ResponseHead(
      reply, version, keep_alive, bhttp::obsolete_reason(static_cast<bhttp::status>(reply.status)));
  const std::array<net::const_buffer, 2> buffers = {net::buffer(head), net::buffer(reply.body)};
  beast::error_code ec;
  stream.expires_after(options_.read_timeout);
  co_await net::async_write(stream, buffers, Redirect(ec));
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
