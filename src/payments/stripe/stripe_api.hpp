#pragma once
// Calls to Stripe's REST API: form-encoded POSTs with the secret key, the pinned API version and an
// Idempotency-Key, retried (a few times, with a short backoff) when the outcome is unknown or Stripe asks
// for it. Every call carries an idempotency key, so a retry of a request that did reach Stripe is answered
// from Stripe's record of the first one instead of being done twice.

#include <boost/json/object.hpp>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "outbound/http_client.hpp"
#include "payments/stripe/stripe_provider.hpp"
#include "support/problem.hpp"

namespace emporium::payments::stripe {

// The API version every request is pinned to (Stripe-Version): answers keep the shapes parsed here.
inline constexpr std::string_view kApiVersion = "2024-06-20";
inline constexpr int kMaxAttempts = 3;

using FormFields = std::vector<std::pair<std::string, std::string>>;

class StripeApi {
 public:
  StripeApi(const StripeSettings& settings, outbound::HttpClient& http,
            std::chrono::milliseconds backoff = std::chrono::milliseconds(150))
      : settings_(settings), http_(http), backoff_(backoff) {}

  // The JSON object of a 2xx answer. Otherwise a problem: 503 payment_provider_unavailable when the outcome
  // is unknown after the retries (network failure, timeout, 5xx, 429); 422 payment_provider_refused with
  // Stripe's message when Stripe refused the request (other 4xx: the same request will never succeed).
  Result<boost::json::object> post(std::string_view path, const FormFields& fields, const std::string& idempotency_key);

 private:
  outbound::HttpRequest request_for(std::string_view path, const FormFields& fields,
                                    const std::string& idempotency_key) const;

  StripeSettings settings_;
  outbound::HttpClient& http_;
  std::chrono::milliseconds backoff_;
};

// Stripe's own words from an error answer ({"error": {"message": …}}), or a generic text.
std::string error_message(std::string_view body);

}  // namespace emporium::payments::stripe
