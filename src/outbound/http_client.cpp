#include "outbound/http_client.hpp"

#include <curl/curl.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace emporium::outbound {
namespace {

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("curl_global_init failed");
  });
}

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// What the callbacks fill in while curl runs.
struct Exchange {
  const HttpRequest* request = nullptr;
  HttpResponse response = {};
  bool guard_refused = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& exchange = *static_cast<Exchange*>(user);
  const auto bytes = size * count;
  auto& body = exchange.response.body;
  const auto room = exchange.request->max_response_bytes - std::min(body.size(), exchange.request->max_response_bytes);
  body.append(data, std::min(bytes, room));
  if (bytes > room) {
    exchange.response.truncated = true;
    return 0;  // stop reading: curl ends the transfer with CURLE_WRITE_ERROR
  }
  return bytes;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& exchange = *static_cast<Exchange*>(user);
  const std::string_view line(data, size * count);
  const auto colon = line.find(':');
  if (line.starts_with("HTTP/")) {
    exchange.response.headers.clear();  // a 100 Continue came first: keep the final response's headers only
  } else if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    exchange.response.headers.emplace_back(std::move(name), trimmed(line.substr(colon + 1)));
  }
  return size * count;
}

curl_socket_t on_open_socket(void* user, curlsocktype purpose, curl_sockaddr* address) {
  auto& exchange = *static_cast<Exchange*>(user);
  const auto& guard = exchange.request->address_guard;
  if (purpose == CURLSOCKTYPE_IPCXN && guard && !guard(address->addr, address->addrlen)) {
    exchange.guard_refused = true;
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype, address->protocol);
}

FailureKind failure_kind(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return FailureKind::Timeout;
    case CURLE_COULDNT_CONNECT:
      return FailureKind::Refused;
    case CURLE_COULDNT_RESOLVE_HOST:
      return FailureKind::Unresolvable;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
      return FailureKind::Tls;
    case CURLE_UNSUPPORTED_PROTOCOL:  // also what curl says of an answer that is not HTTP (taken for HTTP/0.9)
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
      return FailureKind::Protocol;
    default:
      return FailureKind::Other;
  }
}

void set_method_and_body(CURL* handle, const HttpRequest& request) {
  if (request.method == "GET") {
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "HEAD") {
    // NOBODY, not CUSTOMREQUEST: with the latter curl waits for the body a HEAD answer announces but never sends.
    curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
}

void set_limits(CURL* handle, const HttpRequest& request) {
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_USERAGENT, "Emporium/1.0");
  // Proxies from the environment would connect somewhere the address guard never saw.
  curl_easy_setopt(handle, CURLOPT_PROXY, "");
}

}  // namespace

std::optional<std::string_view> HttpResponse::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers)
    if (name == lower_name) return std::string_view(value);
  return std::nullopt;
}

void throw_exception_from_error(const HttpFailure& failure, const boost::source_location&) {
  throw std::runtime_error("outbound request failed: " + failure.message);
}

std::string_view to_string(FailureKind kind) {
  switch (kind) {
    case FailureKind::Timeout:
      return "timeout";
    case FailureKind::Refused:
      return "refused";
    case FailureKind::Unresolvable:
      return "unresolvable";
    case FailureKind::Tls:
      return "tls";
    case FailureKind::Protocol:
      return "protocol";
    case FailureKind::Other:
      break;
  }
  return "other";
}

CurlHttpClient::CurlHttpClient() { init_curl_once(); }

HttpResult CurlHttpClient::send(const HttpRequest& request) {
  std::unique_ptr<CURL, EasyDeleter> handle(curl_easy_init());
  if (!handle) return HttpFailure{.kind = FailureKind::Other, .message = "curl_easy_init failed"};
  Exchange exchange{.request = &request};
  std::unique_ptr<curl_slist, ListDeleter> headers;
  for (const auto& [name, value] : request.headers) {
    const auto line = name + ": " + value;
    headers.reset(curl_slist_append(headers.release(), line.c_str()));
  }
  // curl adds "Expect: 100-continue" to larger bodies, costing a round trip; nobody we call needs it.
  headers.reset(curl_slist_append(headers.release(), "Expect:"));
  auto* curl = handle.get();
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  set_method_and_body(curl, request);
  set_limits(curl, request);
  if (request.basic_auth) {
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl, CURLOPT_USERPWD, request.basic_auth->c_str());
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &exchange);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &exchange);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &exchange);

  const auto started = std::chrono::steady_clock::now();
  const auto code = curl_easy_perform(curl);
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &exchange.response.status);
  exchange.response.elapsed = elapsed;
  if (code == CURLE_OK || (code == CURLE_WRITE_ERROR && exchange.response.truncated))
    return std::move(exchange.response);
  if (exchange.guard_refused)
    return HttpFailure{.kind = FailureKind::Refused, .message = "address not allowed", .elapsed = elapsed};
  curl_off_t uploaded = 0;
  curl_easy_getinfo(curl, CURLINFO_SIZE_UPLOAD_T, &uploaded);
  curl_off_t connected = 0;
  curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME_T, &connected);
  return HttpFailure{.kind = failure_kind(code),
                     .message = curl_easy_strerror(code),
                     .maybe_delivered = connected > 0 || uploaded > 0 || exchange.response.status > 0,
                     .elapsed = elapsed};
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    char* name_escaped = curl_easy_escape(nullptr, name.data(), static_cast<int>(name.size()));
    char* value_escaped = curl_easy_escape(nullptr, value.data(), static_cast<int>(value.size()));
    out += name_escaped;
    out += '=';
    out += value_escaped;
    curl_free(name_escaped);
    curl_free(value_escaped);
  }
  return out;
}

}  // namespace emporium::outbound
