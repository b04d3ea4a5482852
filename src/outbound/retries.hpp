#pragma once
// Sending a request again when its answer says that may help, within bounds: the one retry loop of the
// provider clients (Stripe, PayPal). What is retryable is the caller's to say: only a request that is safe to
// repeat (a GET, or one carrying an idempotency key) may be sent again after it may have arrived.

#include <chrono>
#include <functional>
#include <optional>

#include "outbound/http_client.hpp"

namespace emporium::outbound {

struct RetryPolicy {
  int max_attempts = 3;
  // The pause after failed attempt n (1 for the first); empty: none.
  std::function<std::chrono::milliseconds(int failed_attempts)> pause = {};
  // Whether this outcome may get another attempt.
  std::function<bool(const HttpResult&)> retryable = {};
  // All attempts and pauses within this: each attempt's total timeout shrinks to the time left (never below
  // min_attempt), and no attempt starts with less than min_attempt left. Empty: attempts × the request's timeout.
  std::optional<std::chrono::milliseconds> budget = {};
  std::chrono::milliseconds min_attempt{50};
};

// Called for every retryable outcome, the last one included (for logs).
using RetryObserver = std::function<void(int attempt, const HttpResult& result)>;

// The last outcome: one the policy does not retry, or the last retryable one when attempts or budget ran out.
HttpResult send_with_retries(HttpClient& http, HttpRequest request, const RetryPolicy& policy,
                             const RetryObserver& on_retryable = {});

// "timeout: …" for a failure, "HTTP 503" for an answer: for logs and problem details.
std::string describe(const HttpResult& result);

}  // namespace emporium::outbound
