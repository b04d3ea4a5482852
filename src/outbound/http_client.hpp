#pragma once
// Requests this server makes to other services (payment providers, webhook receivers), through libcurl.
// Every request has a connect timeout and a total timeout, never follows a redirect, speaks only http and
// https, and reads the response body up to a cap. Domain code depends on the HttpClient interface only, so
// unit tests can answer for the network.

#include <sys/socket.h>

#include <boost/system/result.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emporium::outbound {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Decides, for every address the client is about to connect to (after DNS, before connect), whether it may.
// The check runs on the address actually used, so a name that resolves differently a second time (DNS
// rebinding) cannot slip past it.
using AddressGuard = std::function<bool(const sockaddr& address, socklen_t length)>;

struct HttpRequest {
  std::string method = "POST";
  std::string url = {};
  Headers headers = {};
  std::string body = {};
  std::chrono::milliseconds connect_timeout{5'000};
  std::chrono::milliseconds total_timeout{15'000};
  std::size_t max_response_bytes = 1024 * 1024;  // the rest of a longer body is not read
  std::optional<std::string> basic_auth = {};    // "user:password"
  AddressGuard address_guard = {};               // empty: any address
};

struct HttpResponse {
  long status = 0;
  Headers headers = {};  // names lower-cased, in the order received
  std::string body = {};
  bool truncated = false;  // the body was longer than max_response_bytes
  std::chrono::milliseconds elapsed{0};

  // The first header with this (lower-case) name.
  std::optional<std::string_view> header(std::string_view lower_name) const;
};

enum class FailureKind {
  Timeout,       // connect or total timeout
  Refused,       // nothing listens, or the address guard refused the address
  Unresolvable,  // DNS found no address
  Tls,           // handshake or certificate
  Protocol,      // not HTTP, or a broken response
  Other,
};

struct HttpFailure {
  FailureKind kind = FailureKind::Other;
  std::string message = {};  // curl's words, for logs and delivery records (never shown to API clients as is)
  // The request may have reached the other side (a timeout after sending): only idempotent requests, or
  // requests carrying an idempotency key, may be retried.
  bool maybe_delivered = false;
  std::chrono::milliseconds elapsed{0};
};

using HttpResult = boost::system::result<HttpResponse, HttpFailure>;
[[noreturn]] void throw_exception_from_error(const HttpFailure& failure, const boost::source_location& location);

std::string_view to_string(FailureKind kind);

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Blocks until the answer, the failure or the total timeout. Safe to call from several threads at once.
  virtual HttpResult send(const HttpRequest& request) = 0;
};

// The libcurl implementation (one easy handle per request; curl's global init happens once per process).
class CurlHttpClient final : public HttpClient {
 public:
  CurlHttpClient();
  HttpResult send(const HttpRequest& request) override;
};

// application/x-www-form-urlencoded, as Stripe's API takes it: pairs in the given order, percent-encoded.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace emporium::outbound
