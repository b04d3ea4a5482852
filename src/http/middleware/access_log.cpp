#include "http/middleware/access_log.hpp"

#include "http/route.hpp"
#include "support/log.hpp"

namespace emporium::http {

Response AccessLogMiddleware::handle(Request& request, const Next& next) {
  auto response = next(request);
  const auto level = response.status >= 500 ? log::Level::Error : log::Level::Info;
  if (!log::enabled(level)) return response;
  const auto elapsed = std::chrono::steady_clock::now() - request.started;
  const double duration_ms = std::chrono::duration<double, std::milli>(elapsed).count();
  const auto* principal = request.principal_or_null();
  log::write(level, "request",
             {{"method", request.method_text},
              {"route", request.route ? std::string_view(request.route->path) : std::string_view("unmatched")},
              {"path", request.path},
              {"status", response.status},
              {"durationMs", duration_ms},
              {"bytes", static_cast<std::int64_t>(response.body.size())},
              {"requestId", request.request_id},
              {"userId", principal ? std::string_view(principal->user_id) : std::string_view()},
              {"client", request.client_ip}});
  return response;
}

}  // namespace emporium::http
