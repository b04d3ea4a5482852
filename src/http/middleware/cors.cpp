#include "http/middleware/cors.hpp"

#include <algorithm>
#include <array>

#include "http/problem_response.hpp"
#include "http/security_headers.hpp"
#include "support/strings.hpp"

namespace emporium::http {
namespace {
// Request headers a browser may send cross-origin (besides the CORS-safelisted ones).
constexpr std::array<std::string_view, 8> kAllowedHeaders = {"authorization", "content-type",   "idempotency-key",
                                                             "if-match",      "if-none-match",  "x-api-key",
                                                             "x-request-id",  "accept-language"};
constexpr std::string_view kExposedHeaders =
    "ETag, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, X-Request-Id";
constexpr std::string_view kMaxAgeSeconds = "600";

bool header_allowed(std::string_view name) {
  const auto lower = to_lower_ascii(name);
  return std::find(kAllowedHeaders.begin(), kAllowedHeaders.end(), lower) != kAllowedHeaders.end();
}
}  // namespace

bool CorsPolicy::allows_any() const { return std::find(origins.begin(), origins.end(), "*") != origins.end(); }

bool CorsPolicy::allows(std::string_view origin) const {
  return allows_any() || std::find(origins.begin(), origins.end(), origin) != origins.end();
}

Response CorsMiddleware::handle(Request& request, const Next& next) {
  const auto origin = request.header("Origin");
  const bool is_preflight =
      request.method == Method::Options && origin && request.header("Access-Control-Request-Method");
  Response response = is_preflight ? preflight(request, *origin) : next(request);
  if (origin && policy_.allows(*origin)) add_cors_headers(response, *origin);
  if (!policy_.allows_any()) response.add_header("Vary", "Origin");
  add_security_headers(response);
  return response;
}

Response CorsMiddleware::preflight(const Request& request, std::string_view origin) const {
  if (!policy_.allows(origin)) {
    return problem_response(problems::forbidden("Origin " + std::string(origin) + " is not allowed."),
                            request.request_id);
  }
  if (request.allowed_methods.empty()) return problem_response(problems::not_found(), request.request_id);
  const auto wanted_method = *request.header("Access-Control-Request-Method");
  const auto methods = split_list(request.allowed_methods, ',');
  if (std::find(methods.begin(), methods.end(), wanted_method) == methods.end()) {
    return problem_response(problems::method_not_allowed(request.allowed_methods), request.request_id);
  }
  std::string allowed_headers;
  for (const auto name : split_list(request.header("Access-Control-Request-Headers").value_or(""), ',')) {
    if (!header_allowed(name)) {
      return problem_response(problems::forbidden("Header " + std::string(name) + " is not allowed cross-origin."),
                              request.request_id);
    }
    if (!allowed_headers.empty()) allowed_headers += ", ";
    allowed_headers += name;
  }
  auto response = no_content();
  response.add_header("Access-Control-Allow-Methods", request.allowed_methods);
  if (!allowed_headers.empty()) response.add_header("Access-Control-Allow-Headers", allowed_headers);
  response.add_header("Access-Control-Max-Age", std::string(kMaxAgeSeconds));
  return response;
}

void CorsMiddleware::add_cors_headers(Response& response, std::string_view origin) const {
  response.set_header("Access-Control-Allow-Origin", policy_.allows_any() ? "*" : std::string(origin));
  response.set_header("Access-Control-Expose-Headers", std::string(kExposedHeaders));
}

}  // namespace emporium::http
