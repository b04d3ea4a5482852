#include "http/middleware/request_id.hpp"

#include <algorithm>

namespace emporium::http {

bool RequestIdMiddleware::is_acceptable(std::string_view client_id) {
  return !client_id.empty() && client_id.size() <= 128 && std::all_of(client_id.begin(), client_id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == ':' || c == '-';
  });
}

Response RequestIdMiddleware::handle(Request& request, const Next& next) {
  const auto sent = request.header("X-Request-Id");
  request.request_id = sent && is_acceptable(*sent) ? std::string(*sent) : ids_.next("req");
  auto response = next(request);
  response.set_header("X-Request-Id", request.request_id);
  return response;
}

}  // namespace emporium::http
