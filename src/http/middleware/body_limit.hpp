#pragma once

#include "http/pipeline.hpp"

namespace emporium::http {

// Answers 413 when the server refused to read a body over the route's limit (the server measures it while
// reading, from Content-Length or while de-chunking; see Request::body_too_large). The connection is then
// closed, since the unread rest of the body is still on it.
class BodyLimitMiddleware final : public Middleware {
 public:
  Response handle(Request& request, const Next& next) override;
};

}  // namespace emporium::http
