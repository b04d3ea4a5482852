#include "http/middleware/metrics.hpp"

namespace emporium::http {

Response MetricsMiddleware::handle(Request& request, const Next& next) {
  auto response = next(request);
  metrics_.record(request.route, response.status, std::chrono::steady_clock::now() - request.started);
  return response;
}

}  // namespace emporium::http
