#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "support/clock.hpp"

namespace emporium::users {

struct ThrottleRule {
  std::int64_t max_failures;
  std::chrono::seconds window;
};

// Counts failed attempts (logins, reset tokens) and says when a key has failed too often in its window.
// Keys combine what is throttled: "ip:…", "account:…", "pair:<account>|<ip>". Only failures count, and
// windows are fixed, so a lock-out ends by itself when the window ends. In process until the scale-out work.
class FailureThrottle {
 public:
  explicit FailureThrottle(const Clock& clock, std::size_t max_keys = 200'000);
  // Seconds to wait when `key` is over its rule's limit now; nullopt when it may try.
  std::optional<std::int64_t> blocked_for(const std::string& key, const ThrottleRule& rule);
  void record_failure(const std::string& key, const ThrottleRule& rule);
  void clear(const std::string& key);

 private:
  struct Window {
    std::int64_t index = 0;
    std::int64_t failures = 0;
  };
  const Clock& clock_;
  std::size_t max_keys_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

// The login policy: a victim's own attempts from their own address are not blocked by a stranger's failures
// for more than the account-wide window, which needs a large, distributed attack to trip.
struct LoginThrottleRules {
  ThrottleRule per_ip{30, std::chrono::minutes(10)};
  ThrottleRule per_account_and_ip{5, std::chrono::minutes(15)};
  ThrottleRule per_account{50, std::chrono::hours(1)};
};

}  // namespace emporium::users
