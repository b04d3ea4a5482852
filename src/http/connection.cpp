// One client connection: read a request, run it through the pipeline, write the answer, repeat.
#include <optional>

#include "http/problem_response.hpp"
#include "http/route.hpp"
#include "http/server_impl.hpp"
#include "support/log.hpp"
#include "support/strings.hpp"

namespace emporium::http {
namespace {

// Runs `work` on `pool` and resumes the awaiting coroutine on its own executor with the result.
template <class Work>
asio::awaitable<Response> run_on(asio::thread_pool& pool, Work work) {
  return asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(
      [&pool, work = std::move(work)](auto handler) mutable {
        asio::post(pool, [work = std::move(work), handler = std::move(handler)]() mutable {
          Response response = work();
          auto executor = asio::get_associated_executor(handler);
          asio::dispatch(executor, [handler = std::move(handler), response = std::move(response)]() mutable {
            std::move(handler)(std::move(response));
          });
        });
      },
      asio::use_awaitable);
}

// Registers a connection for shutdown and unregisters it when the session ends.
class ConnectionRegistration {
 public:
  ConnectionRegistration(Server::Impl& server, asio::any_io_executor executor, beast::tcp_stream& stream)
      : server_(server), state_(std::make_shared<ConnectionState>()) {
    state_->stream = &stream;
    ++server_.stats.open;
    const std::lock_guard lock(server_.connections_mutex);
    position_ = server_.connections.emplace(server_.connections.end(), std::move(executor), state_);
  }
  ~ConnectionRegistration() {
    state_->stream = nullptr;
    {
      const std::lock_guard lock(server_.connections_mutex);
      server_.connections.erase(position_);
    }
    --server_.stats.open;
  }
  ConnectionState& state() { return *state_; }

 private:
  Server::Impl& server_;
  std::shared_ptr<ConnectionState> state_;
  decltype(Server::Impl::connections)::iterator position_;
};

void log_refused(std::string_view what, const std::string& client, const boost::system::error_code& error) {
  log::warn(what, {{"client", client}, {"error", error.message()}});
}

// A time limit on reading a request that, unlike the stream's own expiry (which closes the socket), only
// cancels the read: the socket stays open for the 408 that tells the client why.
class ReadDeadline {
 public:
  ReadDeadline(beast::tcp_stream& stream, std::chrono::milliseconds limit)
      : timer_(stream.get_executor()), state_(std::make_shared<State>()) {
    stream.expires_never();
    timer_.expires_after(limit);
    timer_.async_wait([state = state_, &stream](const boost::system::error_code& error) {
      // Runs on the connection's strand: `done` tells whether the stream is still ours to touch.
      if (error || state->done) return;
      state->expired = true;
      boost::system::error_code ignored;
      stream.socket().cancel(ignored);
    });
  }
  ~ReadDeadline() {
    state_->done = true;
    timer_.cancel();
  }
  ReadDeadline(const ReadDeadline&) = delete;
  ReadDeadline& operator=(const ReadDeadline&) = delete;
  bool expired() const { return state_->expired; }

 private:
  struct State {
    bool expired = false;
    bool done = false;
  };
  asio::steady_timer timer_;
  std::shared_ptr<State> state_;
};

// Writes an answer after which the connection closes (the request could not be read whole).
asio::awaitable<void> write_final(beast::tcp_stream& stream, std::chrono::milliseconds timeout, WireResponse wire) {
  stream.expires_after(timeout);
  co_await asio::async_write(stream, asio::buffer(wire), asio::as_tuple(asio::use_awaitable));
}

bool holds_complete_header(const beast::flat_buffer& buffer) {
  const std::string_view bytes(static_cast<const char*>(buffer.data().data()), buffer.size());
  return bytes.find("\r\n\r\n") != std::string_view::npos;
}

bool wants_continue(const WireRequest& header) {
  const auto expect = header[bhttp::field::expect];
  return iequals(std::string_view(expect.data(), expect.size()), "100-continue");
}

}  // namespace

asio::awaitable<Response> Server::Impl::execute(Request& request) {
  const auto execution = request.route ? request.route->execution : Execution::Inline;
  const bool inline_call =
      execution == Execution::Inline || (execution == Execution::Database && options.embedded_database);
  if (inline_call) co_return pipeline.handle(request);
  auto& pool = execution == Execution::Cpu ? cpu_pool : blocking_pool;
  co_return co_await run_on(pool, [this, &request] { return pipeline.handle(request); });
}

asio::awaitable<void> Server::Impl::session(tcp::socket socket) {
  boost::system::error_code error;
  socket.set_option(tcp::no_delay(true), error);
  const auto remote = socket.remote_endpoint(error);
  const std::string client_ip = error ? std::string("unknown") : remote.address().to_string();
  auto executor = socket.get_executor();
  beast::tcp_stream stream(std::move(socket));
  ConnectionRegistration registration(*this, executor, stream);
  beast::flat_buffer buffer;

  for (;;) {
    // Wait for the first byte of the next request under the idle timeout; shutdown may close us here.
    if (buffer.size() == 0) {
      registration.state().idle = true;
      if (stopping) break;
      stream.expires_after(options.idle_timeout);
      auto [read_error, bytes] =
          co_await stream.async_read_some(buffer.prepare(8192), asio::as_tuple(asio::use_awaitable));
      if (read_error) break;  // closed by the client, idle timeout, or shutdown
      buffer.commit(bytes);
    }
    registration.state().idle = false;

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    // No body limit yet: it depends on the route, known once the header is in. (Beast's default of 1 MiB
    // would otherwise refuse a large Content-Length while parsing the header, as a malformed request.)
    parser.body_limit(boost::none);
    parser.eager(false);
    // The common case is a whole header already in the buffer: parsing it cannot wait, so it needs no deadline
    // (and skips a timer per request).
    std::optional<ReadDeadline> header_deadline;
    if (!holds_complete_header(buffer)) header_deadline.emplace(stream, options.header_timeout);
    auto [header_error, header_bytes] =
        co_await bhttp::async_read_header(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    const bool header_expired = header_deadline && header_deadline->expired();
    header_deadline.reset();
    if (header_error) {
      if (header_error == bhttp::error::end_of_stream) break;
      const auto id = ids.next("req");
      if (header_expired) {
        log_refused("request header timeout", client_ip, header_error);
        co_await write_final(stream, options.write_timeout, problem_to_wire(problems::request_timeout(), id, 11));
      } else if (header_error == bhttp::error::header_limit) {
        log_refused("request header too large", client_ip, header_error);
        co_await write_final(stream, options.write_timeout,
                             problem_to_wire(problems::header_too_large(options.max_header_bytes), id, 11));
      } else if (header_error != asio::error::operation_aborted && header_error != asio::error::connection_reset) {
        log_refused("malformed request", client_ip, header_error);
        co_await write_final(stream, options.write_timeout,
                             problem_to_wire(problems::bad_request("The request is not valid HTTP/1.1."), id, 11));
      }
      break;
    }

    auto& wire = parser.get();
    const unsigned version = wire.version();
    Request request;
    request.client_ip = client_ip;
    std::vector<std::string> segments;
    if (!read_request_line(wire, request, segments)) {
      log::warn("malformed request target", {{"client", client_ip}});
      co_await write_final(
          stream, options.write_timeout,
          problem_to_wire(problems::bad_request("The request target is malformed."), ids.next("req"), version));
      break;
    }
    auto match = router.match(request.method, segments);
    request.route = match.route;
    request.path_params = std::move(match.params);
    request.allowed_methods = std::move(match.allow);
    request.body_limit =
        request.route && request.route->max_body_bytes ? request.route->max_body_bytes : options.default_body_limit;

    const auto declared = parser.content_length();
    if (declared && *declared > request.body_limit) {
      request.body_too_large = true;
    } else if (!parser.is_done()) {
      if (wants_continue(wire)) {
        stream.expires_after(options.write_timeout);
        co_await asio::async_write(stream, asio::buffer(kContinue), asio::as_tuple(asio::use_awaitable));
      }
      parser.body_limit(request.body_limit);
      std::optional<ReadDeadline> body_deadline(std::in_place, stream, options.body_timeout);
      auto [body_error, body_bytes] =
          co_await bhttp::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
      const bool body_expired = body_deadline->expired();
      body_deadline.reset();
      if (body_error == bhttp::error::body_limit) {
        request.body_too_large = true;
      } else if (body_error) {
        log_refused("request body not received", client_ip, body_error);
        if (body_expired)
          co_await write_final(stream, options.write_timeout,
                               problem_to_wire(problems::request_timeout(), ids.next("req"), version));
        break;
      }
    }
    if (!request.body_too_large) request.body = std::move(wire.body());
    read_headers(wire, request);
    request.started = std::chrono::steady_clock::now();

    ++stats.in_flight;
    Response response = co_await execute(request);
    --stats.in_flight;

    const bool keep_alive = wire.keep_alive() && !response.close_connection && !request.body_too_large && !stopping;
    auto answer = to_wire(std::move(response), request, version, keep_alive);
    stream.expires_after(options.write_timeout);
    auto [write_error, written] =
        co_await asio::async_write(stream, asio::buffer(answer), asio::as_tuple(asio::use_awaitable));
    if (write_error || !keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, error);
  stream.close();
}

}  // namespace emporium::http
