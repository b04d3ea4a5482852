#include "payments/stripe/stripe_api.hpp"

#include <boost/json/parse.hpp>

#include "outbound/retries.hpp"
#include "support/log.hpp"

namespace emporium::payments::stripe {
namespace {

Problem unavailable(std::string detail) {
  return problems::service_unavailable(std::move(detail)).with_code("payment_provider_unavailable");
}

Problem refused(std::string detail) {
  return problems::validation_failed({})
      .with_code("payment_provider_refused")
      .with_detail("Stripe refused the request: " + std::move(detail));
}

// Stripe says whether a request may be retried (Stripe-Should-Retry); without it: conflicts on the
// idempotency key (a concurrent request with it), rate limits and server errors.
bool should_retry(const outbound::HttpResponse& response) {
  if (const auto header = response.header("stripe-should-retry")) return *header == "true";
  return response.status == 409 || response.status == 429 || response.status >= 500;
}

bool succeeded(const outbound::HttpResponse& response) { return response.status >= 200 && response.status < 300; }

// What went wrong, with Stripe's own words for an answer.
std::string failure_of(const outbound::HttpResult& result) {
  if (!result) return outbound::describe(result);
  return outbound::describe(result) + ": " + error_message(result->body);
}

std::string trimmed_base(std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}
}  // namespace

std::string error_message(std::string_view body) {
  boost::system::error_code error;
  const auto value = boost::json::parse(body, error);
  if (!error && value.is_object()) {
    const auto* details = value.as_object().if_contains("error");
    if (details && details->is_object()) {
      const auto* message = details->as_object().if_contains("message");
      if (message && message->is_string()) return std::string(message->as_string());
    }
  }
  return "no reason given";
}

outbound::HttpRequest StripeApi::request_for(std::string_view path, const FormFields& fields,
                                             const std::string& idempotency_key) const {
  return outbound::HttpRequest{.method = "POST",
                               .url = trimmed_base(settings_.api_base) + std::string(path),
                               .headers = {{"Authorization", "Bearer " + settings_.secret_key},
                                           {"Stripe-Version", std::string(kApiVersion)},
                                           {"Idempotency-Key", idempotency_key},
                                           {"Content-Type", "application/x-www-form-urlencoded"},
                                           {"Accept", "application/json"}},
                               .body = outbound::form_encode(fields),
                               .connect_timeout = std::min(settings_.timeout, std::chrono::milliseconds(5'000)),
                               .total_timeout = settings_.timeout};
}

Result<boost::json::object> StripeApi::post(std::string_view path, const FormFields& fields,
                                            const std::string& idempotency_key) {
  // Every request carries an idempotency key: retrying one that may have arrived is safe.
  const auto answer = outbound::send_with_retries(
      http_, request_for(path, fields, idempotency_key),
      {.max_attempts = kMaxAttempts,
       .pause = [this](int failed) { return backoff_ * failed * failed; },
       .retryable =
           [](const outbound::HttpResult& result) {
             return !result || (!succeeded(*result) && should_retry(*result));
           }},
      [path](int attempt, const outbound::HttpResult& result) {
        log::warn("stripe request failed", {{"path", path}, {"attempt", attempt}, {"error", failure_of(result)}});
      });
  if (!answer) return unavailable("Stripe could not be reached (" + failure_of(answer) + "). Try again later.");
  if (succeeded(*answer)) {
    boost::system::error_code error;
    auto value = boost::json::parse(answer->body, error);
    if (error || !value.is_object()) return unavailable("Stripe answered something that is not a JSON object.");
    return std::move(value.as_object());
  }
  if (should_retry(*answer))
    return unavailable("Stripe could not be reached (" + failure_of(answer) + "). Try again later.");
  log::warn("stripe request refused", {{"path", path}, {"error", failure_of(answer)}});
  return refused(error_message(answer->body));
}

}  // namespace emporium::payments::stripe
