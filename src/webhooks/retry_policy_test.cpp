#include "webhooks/retry_policy.hpp"

#include <gtest/gtest.h>

#include <set>

#include "support/random.hpp"

namespace emporium::webhooks {
namespace {
using std::chrono::milliseconds;

outbound::HttpResult answer(long status, outbound::Headers headers = {}) {
  return outbound::HttpResponse{.status = status, .headers = std::move(headers)};
}
outbound::HttpResult failure(outbound::FailureKind kind) { return outbound::HttpFailure{.kind = kind}; }

TEST(RetryPolicy, AnyTwoHundredIsSuccessAndFourTenMeansGone) {
  for (const long status : {200L, 201L, 202L, 204L, 299L}) EXPECT_EQ(judge(answer(status)), Verdict::Delivered);
  EXPECT_EQ(judge(answer(410)), Verdict::Gone);
  for (const long status :
       {100L, 199L, 300L, 301L, 302L, 304L, 307L, 308L, 400L, 401L, 404L, 409L, 429L, 500L, 502L, 503L, 504L})
    EXPECT_EQ(judge(answer(status)), Verdict::Failed) << status;
  for (const auto kind :
       {outbound::FailureKind::Timeout, outbound::FailureKind::Refused, outbound::FailureKind::Unresolvable,
        outbound::FailureKind::Tls, outbound::FailureKind::Protocol, outbound::FailureKind::Other})
    EXPECT_EQ(judge(failure(kind)), Verdict::Failed);
}

TEST(RetryPolicy, JitterStaysWithinTwentyPercent) {
  const milliseconds delay{10'000};
  EXPECT_EQ(jittered(delay, 0.0), milliseconds(8'000));
  EXPECT_EQ(jittered(delay, 0.5), milliseconds(10'000));
  EXPECT_LT(jittered(delay, 0.999999), milliseconds(12'000));
  EXPECT_GE(jittered(delay, 0.999999), milliseconds(11'999));
  EXPECT_EQ(jittered(delay, -3.0), milliseconds(8'000));  // clamped
  EXPECT_EQ(jittered(delay, 7.0), milliseconds(12'000));
  std::set<std::int64_t> seen;
  for (int i = 0; i < 2000; ++i) {
    const auto random = unit_random();
    ASSERT_GE(random, 0.0);
    ASSERT_LT(random, 1.0);
    const auto value = jittered(delay, random);
    ASSERT_GE(value, milliseconds(8'000));
    ASSERT_LT(value, milliseconds(12'000));
    seen.insert(value.count() / 1000);
  }
  EXPECT_EQ(seen, (std::set<std::int64_t>{8, 9, 10, 11}));  // spread over the whole window
}

TEST(RetryPolicy, TheScheduleGivesTheDelayAfterEachFailedAttemptThenGivesUp) {
  const std::vector<milliseconds> schedule{milliseconds(5'000), milliseconds(300'000), milliseconds(1'800'000)};
  EXPECT_EQ(retry_delay(schedule, 1, 0.5), milliseconds(5'000));
  EXPECT_EQ(retry_delay(schedule, 2, 0.5), milliseconds(300'000));
  EXPECT_EQ(retry_delay(schedule, 3, 0.0), milliseconds(1'440'000));
  EXPECT_EQ(retry_delay(schedule, 4, 0.5), std::nullopt);
  EXPECT_EQ(retry_delay(schedule, 0, 0.5), std::nullopt);
  EXPECT_EQ(retry_delay({}, 1, 0.5), std::nullopt);  // no schedule: the first failure is the last
}

TEST(RetryPolicy, RetryAfterOfTooManyRequestsAndUnavailable) {
  EXPECT_EQ(retry_after(*answer(429, {{"retry-after", "120"}})), milliseconds(120'000));
  EXPECT_EQ(retry_after(*answer(503, {{"retry-after", "0"}})), milliseconds(0));
  EXPECT_EQ(retry_after(*answer(503, {{"retry-after", "99999999"}})), milliseconds(24 * 3600 * 1000));
  EXPECT_EQ(retry_after(*answer(500, {{"retry-after", "120"}})), std::nullopt);
  EXPECT_EQ(retry_after(*answer(429, {{"retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"}})), std::nullopt);
  EXPECT_EQ(retry_after(*answer(429, {{"retry-after", "-5"}})), std::nullopt);
  EXPECT_EQ(retry_after(*answer(429)), std::nullopt);
}

}  // namespace
}  // namespace emporium::webhooks
