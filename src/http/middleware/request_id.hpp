#pragma once

#include "http/pipeline.hpp"
#include "support/ids.hpp"

namespace emporium::http {

// Gives every request an id: the client's X-Request-Id when it is sane (1–128 characters of
// [A-Za-z0-9._:-]), a new "req_…" id otherwise. The id is echoed in X-Request-Id on every response.
class RequestIdMiddleware final : public Middleware {
 public:
  explicit RequestIdMiddleware(IdGenerator& ids) : ids_(ids) {}
  Response handle(Request& request, const Next& next) override;

  static bool is_acceptable(std::string_view client_id);

 private:
  IdGenerator& ids_;
};

}  // namespace emporium::http
