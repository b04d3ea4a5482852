#pragma once

#include <cstdint>

#include "http/authenticator.hpp"
#include "http/middleware/rate_limiter.hpp"
#include "http/pipeline.hpp"

namespace emporium::http {

struct RateLimits {
  std::int64_t anonymous_per_minute = 300;       // per client IP
  std::int64_t authenticated_per_minute = 1200;  // per user (or API key)
};

// Limits /api requests per client IP when anonymous and per user or API key when authenticated, and adds
// RateLimit-Limit/-Remaining/-Reset to every /api response; 429 with Retry-After when over the limit.
// Requests with invalid credentials count against their IP.
class RateLimitMiddleware final : public Middleware {
 public:
  RateLimitMiddleware(RateLimiter& limiter, Authenticator& authenticator, RateLimits limits)
      : limiter_(limiter), authenticator_(authenticator), limits_(limits) {}
  Response handle(Request& request, const Next& next) override;

 private:
  RateLimiter& limiter_;
  Authenticator& authenticator_;
  RateLimits limits_;
};

}  // namespace emporium::http
