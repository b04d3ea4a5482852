#include "users/login_throttle.hpp"

namespace emporium::users {
namespace {
std::int64_t window_seconds(const ThrottleRule& rule) { return std::max<std::int64_t>(1, rule.window.count()); }
}  // namespace

FailureThrottle::FailureThrottle(const Clock& clock, std::size_t max_keys) : clock_(clock), max_keys_(max_keys) {}

std::optional<std::int64_t> FailureThrottle::blocked_for(const std::string& key, const ThrottleRule& rule) {
  const auto now = to_unix_millis(clock_.now()) / 1000;
  const auto length = window_seconds(rule);
  const std::lock_guard lock(mutex_);
  const auto found = windows_.find(key);
  if (found == windows_.end() || found->second.index != now / length) return std::nullopt;
  if (found->second.failures < rule.max_failures) return std::nullopt;
  return (now / length + 1) * length - now;
}

void FailureThrottle::record_failure(const std::string& key, const ThrottleRule& rule) {
  const auto now = to_unix_millis(clock_.now()) / 1000;
  const auto index = now / window_seconds(rule);
  const std::lock_guard lock(mutex_);
  if (windows_.size() >= max_keys_ && !windows_.contains(key)) windows_.clear();  // a flood: start counting anew
  auto& window = windows_[key];
  if (window.index != index) window = Window{index, 0};
  ++window.failures;
}

void FailureThrottle::clear(const std::string& key) {
  const std::lock_guard lock(mutex_);
  windows_.erase(key);
}

}  // namespace emporium::users
