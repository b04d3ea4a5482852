#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

namespace emporium::http {

struct RateDecision {
  bool allowed = true;
  std::int64_t limit = 0;
  std::int64_t remaining = 0;
  std::int64_t reset_seconds = 0;  // until the current window ends
};

// Counts requests per key in fixed windows. The in-process implementation serves one node; a Redis one
// (INCR + EXPIRE on "key:window") serves many nodes with the same semantics.
class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  virtual RateDecision hit(std::string_view key, std::int64_t limit) = 0;
};

}  // namespace emporium::http
