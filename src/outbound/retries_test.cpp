// The retry loop against a scripted client: it stops at the first outcome the policy does not retry, after
// max_attempts, or when the budget would be overrun; attempts' timeouts shrink to what the budget has left.
#include "outbound/retries.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <thread>
#include <vector>

namespace emporium::outbound {
namespace {
using namespace std::chrono_literals;

class ScriptedClient final : public HttpClient {
 public:
  explicit ScriptedClient(std::deque<long> statuses, std::chrono::milliseconds delay = 0ms)
      : statuses_(std::move(statuses)), delay_(delay) {}
  HttpResult send(const HttpRequest& request) override {
    timeouts.push_back(request.total_timeout);
    std::this_thread::sleep_for(delay_);
    const auto status = statuses_.empty() ? 200L : statuses_.front();
    if (!statuses_.empty()) statuses_.pop_front();
    if (status == 0) return HttpFailure{.kind = FailureKind::Timeout, .message = "timed out"};
    return HttpResponse{.status = status};
  }
  std::vector<std::chrono::milliseconds> timeouts;

 private:
  std::deque<long> statuses_;
  std::chrono::milliseconds delay_;
};

bool server_error_or_failure(const HttpResult& result) { return !result || result->status >= 500; }

TEST(SendWithRetries, RetriesWhatThePolicyAllowsUntilAnAnswerItDoesNot) {
  ScriptedClient client({503, 0, 200});
  std::vector<int> observed;
  const auto result =
      send_with_retries(client, {.url = "http://x"}, {.max_attempts = 5, .retryable = server_error_or_failure},
                        [&](int attempt, const HttpResult&) { observed.push_back(attempt); });
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(client.timeouts.size(), 3u);
  EXPECT_EQ(observed, (std::vector<int>{1, 2}));
}

TEST(SendWithRetries, GivesTheLastOutcomeAfterMaxAttemptsAndNeverRetriesARefusal) {
  ScriptedClient failing({503, 503, 503, 503});
  const auto last = send_with_retries(
      failing, {.url = "http://x"},
      {.max_attempts = 3, .pause = [](int n) { return 1ms * n; }, .retryable = server_error_or_failure});
  ASSERT_TRUE(last);
  EXPECT_EQ(last->status, 503);
  EXPECT_EQ(failing.timeouts.size(), 3u);
  ScriptedClient refusing({422, 200});
  const auto refused =
      send_with_retries(refusing, {.url = "http://x"}, {.max_attempts = 3, .retryable = server_error_or_failure});
  EXPECT_EQ(refused->status, 422);
  EXPECT_EQ(refusing.timeouts.size(), 1u);
}

TEST(SendWithRetries, ABudgetShrinksLaterAttemptsAndStopsBeforeItIsOverrun) {
  ScriptedClient slow({0, 0, 0, 0}, 60ms);
  const auto started = std::chrono::steady_clock::now();
  const auto result = send_with_retries(slow, {.url = "http://x", .total_timeout = 100ms},
                                        {.max_attempts = 10,
                                         .pause = [](int) { return 10ms; },
                                         .retryable = server_error_or_failure,
                                         .budget = 150ms,
                                         .min_attempt = 20ms});
  EXPECT_FALSE(result);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 300ms);
  ASSERT_GE(slow.timeouts.size(), 2u);
  EXPECT_EQ(slow.timeouts.front(), 100ms) << "the first attempt gets the request's whole timeout";
  EXPECT_LT(slow.timeouts[1], 100ms) << "a later one only what the budget has left";
  for (const auto timeout : slow.timeouts) EXPECT_GE(timeout, 20ms) << "never below min_attempt (never curl's 0)";
  EXPECT_LT(slow.timeouts.size(), 10u);
}

}  // namespace
}  // namespace emporium::outbound
