#include "outbound/retries.hpp"

#include <algorithm>
#include <thread>

namespace emporium::outbound {
namespace {
using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

milliseconds left_until(SteadyClock::time_point deadline) {
  return std::chrono::duration_cast<milliseconds>(deadline - SteadyClock::now());
}
}  // namespace

HttpResult send_with_retries(HttpClient& http, HttpRequest request, const RetryPolicy& policy,
                             const RetryObserver& on_retryable) {
  const auto deadline = SteadyClock::now() + policy.budget.value_or(milliseconds(0));
  const auto full_timeout = std::max(request.total_timeout, policy.min_attempt);
  for (int attempt = 1;; ++attempt) {
    // Never 0, which is curl's "no limit".
    if (policy.budget) request.total_timeout = std::clamp(left_until(deadline), policy.min_attempt, full_timeout);
    auto result = http.send(request);
    if (!policy.retryable || !policy.retryable(result)) return result;
    if (on_retryable) on_retryable(attempt, result);
    if (attempt >= policy.max_attempts) return result;
    const auto pause = policy.pause ? policy.pause(attempt) : milliseconds(0);
    if (policy.budget && left_until(deadline) < pause + policy.min_attempt) return result;
    std::this_thread::sleep_for(pause);
  }
}

std::string describe(const HttpResult& result) {
  if (!result) return std::string(to_string(result.error().kind)) + ": " + result.error().message;
  return "HTTP " + std::to_string(result->status);
}

}  // namespace emporium::outbound
