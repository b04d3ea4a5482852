#include "http/middleware/rate_limit.hpp"

#include "http/problem_response.hpp"
#include "support/log.hpp"

namespace emporium::http {
namespace {
bool is_api_path(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

// Nothing before this middleware sets these headers, so they are appended without looking for earlier ones.
void add_headers(Response& response, const RateDecision& decision) {
  response.add_header("RateLimit-Limit", std::to_string(decision.limit));
  response.add_header("RateLimit-Remaining", std::to_string(decision.remaining));
  response.add_header("RateLimit-Reset", std::to_string(decision.reset_seconds));
}
}  // namespace

Response RateLimitMiddleware::handle(Request& request, const Next& next) {
  if (!is_api_path(request.path)) return next(request);
  const auto& identity = identify(request, authenticator_);
  const Principal* principal = identity && identity->has_value() ? &**identity : nullptr;

  RateDecision decision;
  if (principal) {
    const auto& who = principal->api_key_id.empty() ? principal->user_id : principal->api_key_id;
    decision = limiter_.hit("user:" + who, limits_.authenticated_per_minute);
  } else {
    decision = limiter_.hit("ip:" + request.client_ip, limits_.anonymous_per_minute);
  }
  if (!decision.allowed) {
    log::warn("rate limited", {{"requestId", request.request_id},
                               {"client", request.client_ip},
                               {"userId", principal ? std::string_view(principal->user_id) : std::string_view()}});
    auto response = problem_response(problems::rate_limited(decision.reset_seconds), request.request_id);
    add_headers(response, decision);
    return response;
  }
  auto response = next(request);
  add_headers(response, decision);
  return response;
}

}  // namespace emporium::http
