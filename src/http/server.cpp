#include <fmt/format.h>

#include <csignal>
#include <stdexcept>
#include <thread>
#include <vector>

#include "http/problem_response.hpp"
#include "http/server_impl.hpp"
#include "support/log.hpp"

namespace emporium::http {
namespace {
// Completion of a detached coroutine: an escaped exception is a bug, logged, never silent.
void log_failure(const std::exception_ptr& failure) {
  if (!failure) return;
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    log::error("connection failed", {{"error", e.what()}});
  }
}
}  // namespace

void ServerStats::write_prometheus(std::string& out) const {
  auto sink = std::back_inserter(out);
  fmt::format_to(
      sink,
      "# HELP emporium_http_connections_open Client connections currently open.\n"
      "# TYPE emporium_http_connections_open gauge\nemporium_http_connections_open {}\n"
      "# HELP emporium_http_connections_accepted_total Client connections accepted.\n"
      "# TYPE emporium_http_connections_accepted_total counter\nemporium_http_connections_accepted_total {}\n"
      "# HELP emporium_http_connections_rejected_total Connections refused at the connection limit.\n"
      "# TYPE emporium_http_connections_rejected_total counter\nemporium_http_connections_rejected_total {}\n"
      "# HELP emporium_http_requests_in_flight Requests being handled now.\n"
      "# TYPE emporium_http_requests_in_flight gauge\nemporium_http_requests_in_flight {}\n",
      open.load(), accepted.load(), rejected.load(), in_flight.load());
}

Server::Impl::Impl(ServerOptions server_options, const Router& r, const Pipeline& p, IdGenerator& id_generator)
    : options(std::move(server_options)),
      router(r),
      pipeline(p),
      ids(id_generator),
      io(static_cast<int>(options.io_threads)),
      acceptor(io),
      signals(io, SIGINT, SIGTERM),
      grace_timer(io),
      blocking_pool(options.blocking_threads),
      cpu_pool(options.cpu_threads) {}

Server::Server(ServerOptions options, const Router& router, const Pipeline& pipeline, IdGenerator& ids)
    : impl_(std::make_unique<Impl>(std::move(options), router, pipeline, ids)) {}

Server::~Server() {
  impl_->blocking_pool.join();
  impl_->cpu_pool.join();
}

void Server::listen() {
  auto& impl = *impl_;
  boost::system::error_code error;
  const auto address = asio::ip::make_address(impl.options.host, error);
  if (error) throw std::runtime_error("EMPORIUM_HOST is not an IP address: " + impl.options.host);
  const tcp::endpoint endpoint(address, impl.options.port);
  impl.acceptor.open(endpoint.protocol());
  impl.acceptor.set_option(asio::socket_base::reuse_address(true));
  impl.acceptor.bind(endpoint, error);
  if (error) {
    throw std::runtime_error(
        fmt::format("cannot listen on {}:{}: {}", impl.options.host, impl.options.port, error.message()));
  }
  impl.acceptor.listen(asio::socket_base::max_listen_connections);
}

unsigned short Server::port() const { return impl_->acceptor.local_endpoint().port(); }

const MetricsSource& Server::metrics() const { return impl_->stats; }

void Server::run() {
  auto& impl = *impl_;
  impl.signals.async_wait([&impl](const boost::system::error_code& error, int signal) {
    if (error) return;
    log::info("shutting down", {{"signal", signal}});
    impl.begin_shutdown();
  });
  asio::co_spawn(impl.io, impl.accept_loop(), log_failure);
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < impl.options.io_threads; ++i) threads.emplace_back([&impl] { impl.io.run(); });
  impl.io.run();
  for (auto& thread : threads) thread.join();
  log::info("stopped");
}

void Server::stop() {
  asio::post(impl_->io, [impl = impl_.get()] { impl->begin_shutdown(); });
}

asio::awaitable<void> Server::Impl::accept_loop() {
  log::info("listening", {{"host", options.host}, {"port", static_cast<int>(acceptor.local_endpoint().port())}});
  log::flush();
  while (!stopping) {
    auto [error, socket] = co_await acceptor.async_accept(asio::make_strand(io), asio::as_tuple(asio::use_awaitable));
    if (error) {
      if (stopping || error == asio::error::operation_aborted) break;
      log::warn("accept failed", {{"error", error.message()}});
      continue;  // e.g. EMFILE: keep serving the connections we have
    }
    ++stats.accepted;
    if (static_cast<std::size_t>(stats.open.load()) >= options.max_connections) {
      ++stats.rejected;
      auto executor = socket.get_executor();
      asio::co_spawn(executor, refuse(std::move(socket)), log_failure);
      continue;
    }
    auto executor = socket.get_executor();
    asio::co_spawn(executor, session(std::move(socket)), log_failure);
  }
}

asio::awaitable<void> Server::Impl::refuse(tcp::socket socket) {
  log::warn("connection limit reached", {{"limit", static_cast<std::int64_t>(options.max_connections)}});
  beast::tcp_stream stream(std::move(socket));
  stream.expires_after(std::chrono::seconds(2));
  auto wire =
      problem_to_wire(problems::service_unavailable("The server is at its connection limit."), ids.next("req"), 11);
  co_await asio::async_write(stream, asio::buffer(wire), asio::as_tuple(asio::use_awaitable));
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

void Server::Impl::begin_shutdown() {
  if (stopping.exchange(true)) return;
  boost::system::error_code ignored;
  acceptor.close(ignored);
  signals.cancel(ignored);
  close_idle_connections(false);
  asio::co_spawn(io, drain(), log_failure);
}

// Waits for in-flight requests to finish (their connections close after answering), then closes whatever
// is still open once the grace period is over. Polling keeps this free of races with closing connections.
asio::awaitable<void> Server::Impl::drain() {
  const auto deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
  while (stats.open.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    grace_timer.expires_after(std::chrono::milliseconds(20));
    co_await grace_timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  if (stats.open.load() > 0) {
    log::warn("shutdown grace period over: closing remaining connections", {{"open", stats.open.load()}});
    close_idle_connections(true);
  }
}

void Server::Impl::close_idle_connections(bool all) {
  const std::lock_guard lock(connections_mutex);
  for (const auto& [executor, state] : connections) {
    asio::post(executor, [state = state, all] {
      if (state->stream && (all || state->idle)) state->stream->socket().close();
    });
  }
}

}  // namespace emporium::http
