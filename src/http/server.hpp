#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "support/ids.hpp"
#include "support/metrics_source.hpp"

namespace emporium::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (see Server::port())
  std::size_t io_threads = 2;
  std::size_t blocking_threads = 16;  // Execution::Database on a networked database, Execution::Remote
  std::size_t cpu_threads = 2;        // Execution::Cpu
  bool embedded_database = true;      // Execution::Database runs inline on the I/O threads
  std::size_t max_connections = 10'000;
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t default_body_limit = 1024 * 1024;
  std::chrono::milliseconds header_timeout{10'000};  // from the first byte of a request to the end of its header
  std::chrono::milliseconds body_timeout{60'000};
  std::chrono::milliseconds idle_timeout{60'000};  // keep-alive: between requests
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds shutdown_grace{30'000};  // in-flight requests get this long after SIGTERM
};

// The HTTP/1.1 server: Beast and Asio with C++20 coroutines, one coroutine per connection, requests
// answered in order (pipelining), handlers run per their Execution class, graceful shutdown on
// SIGTERM/SIGINT. Beast stays inside this component's .cpp files.
class Server {
 public:
  // `ids` names the requests the server must answer before the middleware runs (malformed, too large…).
  Server(ServerOptions options, const Router& router, const Pipeline& pipeline, IdGenerator& ids);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; throws std::runtime_error with a one-line reason when it cannot.
  void listen();
  unsigned short port() const;
  // Serves until SIGTERM/SIGINT or stop(), then stops accepting, lets in-flight requests finish and returns.
  void run();
  // Begins the graceful shutdown from any thread.
  void stop();

  // Connection figures for /metrics.
  const MetricsSource& metrics() const;

  struct Impl;  // defined in server_impl.hpp, for the server's own translation units

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace emporium::http
