#include "http_client.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <sstream>

namespace emporium::testing {
namespace bhttp = boost::beast::http;

namespace {
std::string serialize(std::string_view method, std::string_view target, const std::string& host, const Headers& headers,
                      std::string body) {
  bhttp::request<bhttp::string_body> message;
  message.method_string(method);
  message.target(target);
  message.version(11);
  message.set(bhttp::field::host, host);
  for (const auto& [name, value] : headers) message.insert(name, value);
  message.body() = std::move(body);
  message.prepare_payload();
  std::ostringstream out;
  out << message;
  return out.str();
}
}  // namespace

HttpClient::HttpClient(unsigned short port, std::chrono::milliseconds timeout)
    : port_(port), timeout_(timeout), connection_(port, timeout) {}

HttpClient::HttpClient(unsigned short port, const std::string& source_address, std::chrono::milliseconds timeout)
    : port_(port), timeout_(timeout), connection_(port, source_address, timeout) {}

HttpResponse HttpClient::request(std::string_view method, std::string_view target, const Headers& headers,
                                 std::string body) {
  connection_.send(serialize(method, target, "127.0.0.1:" + std::to_string(port_), headers, std::move(body)), timeout_);
  return connection_.read_response(timeout_, method == "HEAD");
}

}  // namespace emporium::testing
