#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/middleware/rate_limiter.hpp"
#include "support/clock.hpp"

namespace emporium::http {

// Fixed-window counters in memory, sharded to keep lock contention off the request path. Memory stays
// bounded: expired windows are swept as shards fill, and a full shard forgets its oldest windows.
class MemoryRateLimiter final : public RateLimiter {
 public:
  MemoryRateLimiter(const Clock& clock, std::chrono::seconds window, std::size_t max_keys = 1'000'000);
  RateDecision hit(std::string_view key, std::int64_t limit) override;

 private:
  struct Window {
    std::int64_t index = 0;
    std::int64_t count = 0;
  };
  static constexpr std::size_t kShards = 32;
  struct Shard {
    std::mutex mutex;
    // Keyed by a 64-bit hash of the key: no allocation per request. Two clients whose keys collide would share
    // a counter; at 2^-64 per pair that is not worth a string per request.
    std::unordered_map<std::uint64_t, Window> windows;
  };
  void make_room(Shard& shard, std::int64_t current_window);

  const Clock& clock_;
  std::int64_t window_millis_;
  std::size_t max_keys_per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace emporium::http
