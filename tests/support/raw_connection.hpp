#pragma once
// A plain TCP connection to the server: send any bytes, read responses or raw bytes, each under a timeout.

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "http_response.hpp"

namespace emporium::testing {

inline constexpr std::chrono::milliseconds kIoTimeout{5000};

// What was left to read when waiting for the server to close the connection.
struct CloseResult {
  bool closed = false;   // end of stream or reset, before the timeout
  std::string received;  // bytes that arrived meanwhile (including any still buffered)
  std::string how;       // "eof", "reset", "timeout", or another error's message
};

// A response, or why none could be read.
struct ReadOutcome {
  std::optional<HttpResponse> response;
  std::string error;
};

class RawConnection {
 public:
  // Connects to 127.0.0.1:port; throws when it cannot within `timeout`.
  explicit RawConnection(unsigned short port, std::chrono::milliseconds timeout = kIoTimeout);
  // The same from another loopback address (e.g. "127.0.0.2"), so that the server sees another client IP.
  RawConnection(unsigned short port, const std::string& source_address, std::chrono::milliseconds timeout = kIoTimeout);
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Writes all of `bytes`; throws on error or timeout.
  void send(std::string_view bytes, std::chrono::milliseconds timeout = kIoTimeout);
  // Reads one response (a 1xx counts as one); `to_head` says the request was HEAD (no body follows).
  // Throws, with what was received, on error or timeout.
  HttpResponse read_response(std::chrono::milliseconds timeout = kIoTimeout, bool to_head = false);
  // The same, with a failure as a value: for tests that assert on a response the server may fail to send.
  ReadOutcome try_read_response(std::chrono::milliseconds timeout = kIoTimeout);
  // Reads until the server closes the connection or `timeout` passes.
  CloseResult wait_for_close(std::chrono::milliseconds timeout = kIoTimeout);
  // True once this side saw the end of the stream or an error.
  bool broken() const { return broken_; }
  void close();

 private:
  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  bool broken_ = false;
};

}  // namespace emporium::testing
