#include "http/pipeline.hpp"

#include <exception>

#include "http/problem_response.hpp"
#include "http/route.hpp"
#include "support/errors.hpp"
#include "support/log.hpp"

namespace emporium::http {

Response Next::operator()(Request& request) const {
  if (index_ < chain_.size()) return chain_[index_]->handle(request, Next(chain_, index_ + 1));
  return dispatch(request);
}

void Pipeline::use(std::unique_ptr<Middleware> middleware) { chain_.push_back(std::move(middleware)); }

Response Pipeline::handle(Request& request) const {
  try {
    return Next(chain_, 0)(request);
  } catch (const std::exception& e) {
    // A middleware failed (dispatch catches handler failures itself): still answer, never crash.
    log::error("middleware failed", {{"requestId", request.request_id}, {"error", e.what()}});
    return problem_response(problems::internal_error(), request.request_id);
  }
}

namespace {
Response answer_without_route(const Request& request) {
  if (request.allowed_methods.empty()) return problem_response(problems::not_found(), request.request_id);
  if (request.method == Method::Options) {
    auto response = no_content();
    response.headers.emplace_back("Allow", request.allowed_methods);
    return response;
  }
  return problem_response(problems::method_not_allowed(request.allowed_methods), request.request_id);
}

Response call_handler(Request& request) {
  auto result = request.route->handler(request);
  if (result) return std::move(*result);
  return problem_response(result.error(), request.request_id);
}
}  // namespace

Response dispatch(Request& request) {
  if (!request.route) return answer_without_route(request);
  try {
    return call_handler(request);
  } catch (const UnavailableError& e) {
    log::error("dependency unavailable",
               {{"requestId", request.request_id}, {"route", request.route->path}, {"error", e.what()}});
    return problem_response(problems::service_unavailable(e.public_detail()), request.request_id);
  } catch (const std::exception& e) {
    log::error("handler failed",
               {{"requestId", request.request_id}, {"route", request.route->path}, {"error", e.what()}});
    return problem_response(problems::internal_error(), request.request_id);
  }
}

}  // namespace emporium::http
