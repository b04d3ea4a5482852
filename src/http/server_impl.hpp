#pragma once
// Internal to the server component: the only header that includes Beast and Asio.

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <list>
#include <memory>
#include <mutex>

#include "http/server.hpp"

namespace emporium::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

using WireRequest = bhttp::request<bhttp::string_body>;
// A response as the bytes that go on the wire: status line, headers, body in one buffer, so that one send
// carries it (Beast's serializer walks each header as separate buffers, which costs more than the handler).
using WireResponse = std::string;

// What the server knows of one open connection, so that shutdown can close it when it is idle.
struct ConnectionState {
  beast::tcp_stream* stream = nullptr;  // null once the connection ended; touched only on its strand
  bool idle = true;                     // waiting for the next request; touched only on its strand
};

class ServerStats final : public MetricsSource {
 public:
  std::atomic<std::int64_t> open{0};
  std::atomic<std::uint64_t> accepted{0};
  std::atomic<std::uint64_t> rejected{0};
  std::atomic<std::int64_t> in_flight{0};
  void write_prometheus(std::string& out) const override;
};

struct Server::Impl {
  Impl(ServerOptions server_options, const Router& r, const Pipeline& p, IdGenerator& id_generator);

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> session(tcp::socket socket);
  asio::awaitable<void> refuse(tcp::socket socket);
  asio::awaitable<Response> execute(Request& request);
  void begin_shutdown();
  asio::awaitable<void> drain();
  void close_idle_connections(bool all);

  ServerOptions options;
  const Router& router;
  const Pipeline& pipeline;
  IdGenerator& ids;
  asio::io_context io;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer grace_timer;
  asio::thread_pool blocking_pool;
  asio::thread_pool cpu_pool;
  std::atomic<bool> stopping{false};
  ServerStats stats;

  std::mutex connections_mutex;
  std::list<std::pair<asio::any_io_executor, std::shared_ptr<ConnectionState>>> connections;
};

// Wire conversions (wire.cpp).
// Fills method, target, path, query and headers from the parsed header; false when the target is malformed.
bool read_request_line(const WireRequest& wire, Request& request, std::vector<std::string>& segments);
void read_headers(const WireRequest& wire, Request& request);
WireResponse to_wire(Response&& response, const Request& request, unsigned version, bool keep_alive);
inline constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// An answer given before the middleware chain could run: it still carries an X-Request-Id and the
// security headers, and closes the connection.
WireResponse problem_to_wire(const Problem& problem, const std::string& request_id, unsigned version);

}  // namespace emporium::http
