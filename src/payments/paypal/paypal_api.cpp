#include "payments/paypal/paypal_api.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <array>

#include "outbound/retries.hpp"
#include "payments/paypal/paypal_errors.hpp"
#include "support/log.hpp"

namespace emporium::payments::paypal {
namespace {

using namespace std::chrono_literals;

constexpr int kMaxAttempts = 3;
constexpr std::array<std::chrono::milliseconds, kMaxAttempts - 1> kBackoff{100ms, 400ms};
constexpr std::chrono::milliseconds kMaxConnectTimeout = 5s;
// An attempt with less time than this left is not worth starting.
constexpr std::chrono::milliseconds kMinAttemptTime = 50ms;
// A token is used until this long before PayPal says it expires (at most half its lifetime).
constexpr std::chrono::seconds kTokenMargin = 5min;

boost::json::value parse_or_null(std::string_view body) {
  boost::system::error_code error;
  auto value = boost::json::parse(body, error);
  return error ? boost::json::value{} : value;
}

bool worth_retrying(const outbound::HttpResult& result, bool safe) {
  if (!result) return safe || !result.error().maybe_delivered;
  return safe && result->status >= 500;
}

}  // namespace

std::string first_issue(const ApiReply& reply) {
  const auto* body = reply.body.if_object();
  if (!body) return {};
  if (const auto* details = body->if_contains("details"); details && details->is_array()) {
    for (const auto& detail : details->get_array()) {
      const auto* issue = detail.is_object() ? detail.get_object().if_contains("issue") : nullptr;
      if (issue && issue->is_string()) return std::string(issue->get_string());
    }
  }
  const auto* name = body->if_contains("name");
  return name && name->is_string() ? std::string(name->get_string()) : std::string();
}

PayPalApi::PayPalApi(PayPalSettings settings, outbound::HttpClient& http, const Clock& clock)
    : settings_(std::move(settings)), http_(http), clock_(clock) {}

Result<outbound::HttpResponse> PayPalApi::exchange(outbound::HttpRequest request, bool safe) {
  request.connect_timeout = std::min(settings_.timeout, kMaxConnectTimeout);
  request.total_timeout = settings_.timeout;
  const auto retryable = [safe](const outbound::HttpResult& result) { return worth_retrying(result, safe); };
  const auto log_failure = [&request](int attempt, const outbound::HttpResult& result) {
    log::warn("paypal request failed",
              {{"url", request.url}, {"attempt", attempt}, {"outcome", outbound::describe(result)}});
  };
  // Retries stay within twice the configured timeout, so a caller waits a bounded time.
  auto result =
      outbound::send_with_retries(http_, request,
                                  {.max_attempts = kMaxAttempts,
                                   .pause = [](int failed) { return kBackoff[static_cast<std::size_t>(failed - 1)]; },
                                   .retryable = retryable,
                                   .budget = 2 * settings_.timeout,
                                   .min_attempt = kMinAttemptTime},
                                  log_failure);
  if (!result || retryable(result)) return errors::unavailable();
  return std::move(*result);
}

Result<std::string> PayPalApi::fetch_token() {
  auto response =
      exchange({.method = "POST",
                .url = settings_.api_base + "/v1/oauth2/token",
                .headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}},
                .body = "grant_type=client_credentials",
                .basic_auth = settings_.client_id + ":" + settings_.client_secret},
               true);  // asking for a token again changes nothing that matters
  if (!response) return response.error();
  if (response->status >= 500 || response->status == 429) return errors::unavailable();
  const auto body = parse_or_null(response->body);
  const auto* object = body.if_object();
  const auto* access_token = object ? object->if_contains("access_token") : nullptr;
  const auto* expires_in = object ? object->if_contains("expires_in") : nullptr;
  if (response->status != 200 || !access_token || !access_token->is_string() || access_token->get_string().empty() ||
      !expires_in || !expires_in->is_int64() || expires_in->get_int64() <= 0) {
    log::error("paypal refused the client credentials or answered an unreadable token",
               {{"status", static_cast<std::int64_t>(response->status)}});
    return errors::provider_error();
  }
  const auto lifetime = std::chrono::seconds(expires_in->get_int64());
  token_ = std::string(access_token->get_string());
  token_expires_ = clock_.now() + std::chrono::duration_cast<std::chrono::milliseconds>(
                                      lifetime - std::min<std::chrono::seconds>(kTokenMargin, lifetime / 2));
  return token_;
}

Result<std::string> PayPalApi::token() {
  std::lock_guard lock(mutex_);
  if (!token_.empty() && clock_.now() < token_expires_) return token_;
  token_.clear();
  return fetch_token();
}

void PayPalApi::forget(const std::string& token) {
  std::lock_guard lock(mutex_);
  if (token_ == token) token_.clear();  // another thread may have fetched a fresh one meanwhile
}

outbound::HttpRequest PayPalApi::request_for(const ApiCall& call, const std::string& bearer) const {
  outbound::HttpRequest request{.method = call.method, .url = settings_.api_base + call.path, .body = call.body};
  request.headers = {{"Authorization", "Bearer " + bearer}, {"Accept", "application/json"}};
  if (!call.body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  // The full resource in the answer: captures with their status and amount, a refund with its status.
  if (call.method == "POST") request.headers.emplace_back("Prefer", "return=representation");
  if (call.request_id) request.headers.emplace_back("PayPal-Request-Id", *call.request_id);
  return request;
}

Result<ApiReply> PayPalApi::send(const ApiCall& call) {
  const bool safe = call.method == "GET" || call.request_id || call.read_only;
  for (int round = 1;; ++round) {
    auto bearer = token();
    if (!bearer) return bearer.error();
    auto response = exchange(request_for(call, *bearer), safe);
    if (!response) return response.error();
    ApiReply reply{.status = response->status, .body = parse_or_null(response->body)};
    if (const auto debug_id = response->header("paypal-debug-id")) reply.debug_id = *debug_id;
    // A token PayPal no longer accepts (revoked, or expired early): fetch one more, once.
    if (reply.status == 401 && round == 1) {
      forget(*bearer);
      continue;
    }
    if (reply.status >= 500 || reply.status == 429) return errors::unavailable();
    if (reply.status == 401 || reply.status == 403 || response->truncated ||
        (reply.status < 300 && !reply.body.is_object())) {
      log::error(
          "paypal refused or garbled a call",
          {{"path", call.path}, {"status", static_cast<std::int64_t>(reply.status)}, {"debugId", reply.debug_id}});
      return errors::provider_error();
    }
    return reply;
  }
}

}  // namespace emporium::payments::paypal
