#pragma once
// What an attempt's outcome means and when the next attempt is due (Standard Webhooks, "Deliverability and
// reliability"): any 2xx is success; 410 Gone means the receiver wants no more (the endpoint is disabled);
// everything else — 3xx (never followed), other 4xx, 429, 5xx, timeouts, refused connections — is a failure,
// retried after the schedule's next delay with ±20 % jitter, until the schedule is exhausted.

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "outbound/http_client.hpp"

namespace emporium::webhooks {

enum class Verdict { Delivered, Failed, Gone };
Verdict judge(const outbound::HttpResult& result);

inline constexpr double kJitter = 0.2;
inline constexpr std::chrono::hours kMaxRetryAfter{24};

// `delay` scaled by a factor in [1 - kJitter, 1 + kJitter), chosen by `unit_random` in [0, 1).
std::chrono::milliseconds jittered(std::chrono::milliseconds delay, double unit_random);

// The wait before the next attempt once attempt number `attempt` (1 for the first) failed: the schedule's
// entry `attempt - 1`, jittered; nullopt when the schedule has no more entries (give up).
std::optional<std::chrono::milliseconds> retry_delay(const std::vector<std::chrono::milliseconds>& schedule,
                                                     std::int64_t attempt, double unit_random);

// A Retry-After of a 429 or 503 answer in seconds (HTTP dates are ignored), at most kMaxRetryAfter.
std::optional<std::chrono::milliseconds> retry_after(const outbound::HttpResponse& response);

}  // namespace emporium::webhooks
