#include "http/middleware/memory_rate_limiter.hpp"

#include <functional>

namespace emporium::http {

MemoryRateLimiter::MemoryRateLimiter(const Clock& clock, std::chrono::seconds window, std::size_t max_keys)
    : clock_(clock),
      window_millis_(std::chrono::duration_cast<std::chrono::milliseconds>(window).count()),
      max_keys_per_shard_(std::max<std::size_t>(1, max_keys / kShards)) {}

RateDecision MemoryRateLimiter::hit(std::string_view key, std::int64_t limit) {
  const auto now = to_unix_millis(clock_.now());
  const auto current = now / window_millis_;
  const auto reset_millis = (current + 1) * window_millis_ - now;
  const std::uint64_t hash = std::hash<std::string_view>{}(key);
  auto& shard = shards_[hash % kShards];

  std::int64_t count = 0;
  {
    const std::lock_guard lock(shard.mutex);
    auto found = shard.windows.find(hash);
    if (found == shard.windows.end()) {
      if (shard.windows.size() >= max_keys_per_shard_) make_room(shard, current);
      found = shard.windows.emplace(hash, Window{current, 0}).first;
    } else if (found->second.index != current) {
      found->second = Window{current, 0};
    }
    count = ++found->second.count;
  }
  RateDecision decision;
  decision.limit = limit;
  decision.allowed = count <= limit;
  decision.remaining = decision.allowed ? limit - count : 0;
  decision.reset_seconds = (reset_millis + 999) / 1000;
  return decision;
}

void MemoryRateLimiter::make_room(Shard& shard, std::int64_t current_window) {
  std::erase_if(shard.windows, [&](const auto& entry) { return entry.second.index < current_window; });
  // Still full of live windows (a flood of distinct clients): forget an arbitrary half. Those clients
  // start counting again, which errs on the side of serving, never of refusing.
  if (shard.windows.size() >= max_keys_per_shard_) {
    std::size_t dropped = 0;
    const auto target = shard.windows.size() / 2;
    for (auto it = shard.windows.begin(); it != shard.windows.end() && dropped < target; ++dropped) {
      it = shard.windows.erase(it);
    }
  }
}

}  // namespace emporium::http
