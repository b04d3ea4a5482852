#include "raw_connection.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>

namespace emporium::testing {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using boost::system::error_code;

namespace {

// Runs the io_context until the operation started by `start` has completed. The stream's own timer
// ends it with beast::error::timeout when `timeout` passes first.
template <class Start>
error_code complete(asio::io_context& io, beast::tcp_stream& stream, std::chrono::milliseconds timeout, Start start) {
  std::optional<error_code> result;
  stream.expires_after(timeout);
  start([&result](error_code error, std::size_t) { result = error; });
  io.restart();
  while (!result && io.run_one() > 0) {
  }
  if (!result) throw std::logic_error("I/O operation left no work and no result");
  return *result;
}

HttpResponse to_response(bhttp::response<bhttp::string_body>&& message) {
  HttpResponse response;
  response.status = static_cast<int>(message.result_int());
  response.reason = std::string(message.reason());
  for (const auto& field : message) {
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  response.body = std::move(message.body());
  return response;
}

}  // namespace

RawConnection::RawConnection(unsigned short port, std::chrono::milliseconds timeout) : stream_(io_) {
  const asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  const auto error = complete(io_, stream_, timeout, [&](auto handler) {
    stream_.async_connect(endpoint, [handler](error_code e) mutable { handler(e, 0); });
  });
  if (error) throw std::runtime_error("cannot connect to port " + std::to_string(port) + ": " + error.message());
}

RawConnection::RawConnection(unsigned short port, const std::string& source_address, std::chrono::milliseconds timeout)
    : stream_(io_) {
  stream_.socket().open(asio::ip::tcp::v4());
  stream_.socket().bind(asio::ip::tcp::endpoint(asio::ip::make_address(source_address), 0));
  const asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  const auto error = complete(io_, stream_, timeout, [&](auto handler) {
    stream_.async_connect(endpoint, [handler](error_code e) mutable { handler(e, 0); });
  });
  if (error) {
    throw std::runtime_error("cannot connect to port " + std::to_string(port) + " from " + source_address + ": " +
                             error.message());
  }
}

void RawConnection::send(std::string_view bytes, std::chrono::milliseconds timeout) {
  const auto error = complete(io_, stream_, timeout, [&](auto handler) {
    asio::async_write(stream_, asio::buffer(bytes.data(), bytes.size()), handler);
  });
  if (error) {
    broken_ = true;
    throw std::runtime_error("sending " + std::to_string(bytes.size()) + " bytes failed: " + error.message());
  }
}

HttpResponse RawConnection::read_response(std::chrono::milliseconds timeout, bool to_head) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  parser.skip(to_head);
  const auto error =
      complete(io_, stream_, timeout, [&](auto handler) { bhttp::async_read(stream_, buffer_, parser, handler); });
  if (error) {
    broken_ = true;
    throw std::runtime_error("reading a response failed: " + error.message() + "; unparsed bytes: \"" +
                             beast::buffers_to_string(buffer_.data()) + "\"");
  }
  return to_response(parser.release());
}

ReadOutcome RawConnection::try_read_response(std::chrono::milliseconds timeout) {
  ReadOutcome outcome;
  try {
    outcome.response = read_response(timeout);
  } catch (const std::exception& e) {
    outcome.error = e.what();
  }
  return outcome;
}

CloseResult RawConnection::wait_for_close(std::chrono::milliseconds timeout) {
  CloseResult result;
  result.received = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    std::array<char, 4096> chunk{};
    std::size_t got = 0;
    const auto error = complete(io_, stream_, std::max(left, std::chrono::milliseconds(1)), [&](auto handler) {
      stream_.async_read_some(asio::buffer(chunk), [handler, &got](error_code e, std::size_t n) mutable {
        got = n;
        handler(e, n);
      });
    });
    result.received.append(chunk.data(), got);
    if (!error) continue;
    broken_ = true;
    result.closed = error == asio::error::eof || error == asio::error::connection_reset;
    result.how = error == asio::error::eof                ? "eof"
                 : error == asio::error::connection_reset ? "reset"
                 : error == beast::error::timeout         ? "timeout"
                                                          : error.message();
    return result;
  }
}

void RawConnection::close() {
  error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.close();
  broken_ = true;
}

}  // namespace emporium::testing
