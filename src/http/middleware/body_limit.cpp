#include "http/middleware/body_limit.hpp"

#include "http/problem_response.hpp"
#include "support/log.hpp"

namespace emporium::http {

Response BodyLimitMiddleware::handle(Request& request, const Next& next) {
  if (!request.body_too_large) return next(request);
  log::warn("request body too large", {{"requestId", request.request_id},
                                       {"path", request.path},
                                       {"limit", static_cast<std::int64_t>(request.body_limit)},
                                       {"client", request.client_ip}});
  auto response = problem_response(problems::payload_too_large(request.body_limit), request.request_id);
  response.close_connection = true;
  return response;
}

}  // namespace emporium::http
