#include <boost/url/parse.hpp>

#include <ctime>

#include "http/problem_response.hpp"
#include "http/security_headers.hpp"
#include "http/server_impl.hpp"

namespace emporium::http {
namespace {
// "Fri, 27 Nov 2026 10:00:00 GMT", recomputed at most once a second per thread.
const std::string& http_date() {
  thread_local std::time_t cached_second = 0;
  thread_local std::string cached;
  const auto now = std::time(nullptr);
  if (now != cached_second) {
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[64];
    const auto size = std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &parts);
    cached.assign(text, size);
    cached_second = now;
  }
  return cached;
}
}  // namespace

bool read_request_line(const WireRequest& wire, Request& request, std::vector<std::string>& segments) {
  request.method_text = std::string_view(wire.method_string().data(), wire.method_string().size());
  request.method = method_from_string(request.method_text);
  request.target = std::string_view(wire.target().data(), wire.target().size());
  auto parsed = boost::urls::parse_origin_form(request.target);
  if (!parsed) return false;
  request.path = parsed->path();
  if (parsed->has_query()) request.raw_query = parsed->encoded_query();
  segments.clear();
  for (auto segment : parsed->segments()) segments.push_back(std::move(segment));
  return true;
}

void read_headers(const WireRequest& wire, Request& request) {
  request.headers.clear();
  request.headers.reserve(16);
  for (const auto& field : wire) {
    request.headers.push_back({std::string_view(field.name_string().data(), field.name_string().size()),
                               std::string_view(field.value().data(), field.value().size())});
  }
}

namespace {
// Header names and values come from our own code, a few echo validated client input; a line break would still
// end the header early, so none gets through.
void append_header_text(std::string& out, std::string_view text) {
  for (const char c : text) {
    if (c != '\r' && c != '\n') out += c;
  }
}

void append_header(std::string& out, std::string_view name, std::string_view value) {
  append_header_text(out, name);
  out += ": ";
  append_header_text(out, value);
  out += "\r\n";
}
}  // namespace

WireResponse to_wire(Response&& response, const Request& request, unsigned version, bool keep_alive) {
  const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(response.status));
  const bool bodiless = response.status == 204 || response.status == 304 || response.status < 200;
  WireResponse out;
  out.reserve(256 + response.body.size() + 48 * response.headers.size());
  out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  out += std::to_string(response.status);
  out += ' ';
  out.append(reason.data(), reason.size());
  out += "\r\n";
  for (const auto& [name, value] : response.headers) append_header(out, name, value);
  append_header(out, "Date", http_date());
  if (version == 10 && keep_alive) append_header(out, "Connection", "keep-alive");
  if (version != 10 && !keep_alive) append_header(out, "Connection", "close");
  if (!bodiless) append_header(out, "Content-Length", std::to_string(response.body.size()));
  out += "\r\n";
  if (!bodiless && request.method != Method::Head) out += response.body;
  return out;
}

WireResponse problem_to_wire(const Problem& problem, const std::string& request_id, unsigned version) {
  Request none;
  auto response = problem_response(problem, request_id);
  response.set_header("X-Request-Id", request_id);
  add_security_headers(response);
  return to_wire(std::move(response), none, version, false);
}

}  // namespace emporium::http
