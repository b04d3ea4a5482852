#pragma once

#include "http/pipeline.hpp"

namespace emporium::http {

// One structured log line per request: method, route, path, status, duration, request id, user id, client.
class AccessLogMiddleware final : public Middleware {
 public:
  Response handle(Request& request, const Next& next) override;
};

}  // namespace emporium::http
