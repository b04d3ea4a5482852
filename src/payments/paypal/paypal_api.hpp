#pragma once
// The HTTP side of PayPal's REST API: an OAuth2 client-credentials token cached until shortly before it
// expires (one token for all threads, fetched again once when PayPal answers 401), JSON calls with the
// bearer token, bounded retries of what is safe to repeat, and outages turned into problems.

#include <boost/json/value.hpp>

#include <mutex>
#include <optional>
#include <string>

#include "outbound/http_client.hpp"
#include "payments/paypal/paypal_provider.hpp"
#include "support/clock.hpp"
#include "support/problem.hpp"

namespace emporium::payments::paypal {

struct ApiCall {
  std::string method = "POST";
  std::string path = {};  // "/v2/checkout/orders", appended to the API base
  std::string body = {};  // JSON; empty for none
  // PayPal-Request-Id: PayPal answers a repeat with the first result, so the POST is safe to retry.
  std::optional<std::string> request_id = {};
  bool read_only = false;  // a POST that changes nothing at PayPal (verify-webhook-signature): safe to retry
};

struct ApiReply {
  long status = 0;
  boost::json::value body = {};  // null when the body was empty or not JSON
  std::string debug_id = {};     // PayPal-Debug-Id, for the log
};

// The first `details[].issue` of PayPal's error body ({"name", "details": [{"issue"}], "debug_id"}), else its
// `name` ("RESOURCE_NOT_FOUND"), else empty.
std::string first_issue(const ApiReply& reply);

class PayPalApi {
 public:
  PayPalApi(PayPalSettings settings, outbound::HttpClient& http, const Clock& clock);

  // Sends the call with a bearer token. PayPal's answers below 500 (except 401 and 429) come back for the
  // caller to read; failures to reach PayPal, 5xx and 429 (after retries) are 503 payment_provider_unavailable;
  // a refused token or an unreadable success is 503 payment_provider_error.
  Result<ApiReply> send(const ApiCall& call);

  const PayPalSettings& settings() const { return settings_; }

 private:
  Result<std::string> token();
  void forget(const std::string& token);
  Result<std::string> fetch_token();
  // One request with retries on connect failures, timeouts and 5xx while `safe`, within a time budget.
  Result<outbound::HttpResponse> exchange(outbound::HttpRequest request, bool safe);
  outbound::HttpRequest request_for(const ApiCall& call, const std::string& bearer) const;

  PayPalSettings settings_;
  outbound::HttpClient& http_;
  const Clock& clock_;
  std::mutex mutex_;  // guards the token; held while fetching one, so concurrent callers share one fetch
  std::string token_;
  Timestamp token_expires_{};
};

}  // namespace emporium::payments::paypal
