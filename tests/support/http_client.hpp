#pragma once
// A blocking HTTP/1.1 client over one keep-alive connection (Boost.Beast), for tests.

#include <chrono>
#include <string>
#include <string_view>

#include "http_response.hpp"
#include "raw_connection.hpp"

namespace emporium::testing {

class HttpClient {
 public:
  explicit HttpClient(unsigned short port, std::chrono::milliseconds timeout = kIoTimeout);
  // A client whose connection comes from another loopback address (e.g. "127.0.0.2"): another client IP.
  HttpClient(unsigned short port, const std::string& source_address, std::chrono::milliseconds timeout = kIoTimeout);

  // Sends one request on this client's connection and reads its response; throws on I/O errors and timeouts.
  // It never reconnects by itself: a test that expects the server to close the connection sees it.
  HttpResponse request(std::string_view method, std::string_view target, const Headers& headers = {},
                       std::string body = {});
  HttpResponse get(std::string_view target, const Headers& headers = {}) { return request("GET", target, headers); }
  HttpResponse head(std::string_view target, const Headers& headers = {}) { return request("HEAD", target, headers); }

  RawConnection& connection() { return connection_; }

 private:
  unsigned short port_;
  std::chrono::milliseconds timeout_;
  RawConnection connection_;
};

}  // namespace emporium::testing
