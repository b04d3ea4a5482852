#include "http/middleware/auth.hpp"

#include "http/problem_response.hpp"
#include "http/route.hpp"

namespace emporium::http {

Response AuthMiddleware::handle(Request& request, const Next& next) {
  if (!request.route) return next(request);  // 404/405/OPTIONS: nothing to protect
  if (request.route->access.kind == Access::Kind::OwnCredentials) return next(request);
  const auto& access = request.route->access;
  const auto& identity = identify(request, authenticator_);
  // Public routes serve anyone: bad credentials there count as none (a client that attaches its expired
  // access token to every call must still reach /api/auth/refresh and the catalog).
  if (access.kind == Access::Kind::Public) return next(request);
  if (!identity) return problem_response(identity.error(), request.request_id);
  if (!identity->has_value()) return problem_response(problems::unauthorized(), request.request_id);
  if (!access.allows((*identity)->role)) return problem_response(problems::forbidden(), request.request_id);
  return next(request);
}

}  // namespace emporium::http
