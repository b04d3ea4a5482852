#include "payments/stripe/stripe_provider.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <mutex>

#include "payments/stripe/stripe_signature.hpp"

namespace emporium::payments::stripe {
namespace {
using outbound::FailureKind;
using outbound::HttpFailure;
using outbound::HttpRequest;
using outbound::HttpResponse;
using outbound::HttpResult;

// Answers from a script and keeps every request.
class ScriptedHttp final : public outbound::HttpClient {
 public:
  HttpResult send(const HttpRequest& request) override {
    std::lock_guard lock(mutex_);
    requests.push_back(request);
    if (answers.empty()) return HttpResponse{.status = 500, .body = "{}"};
    auto next = std::move(answers.front());
    answers.pop_front();
    return next;
  }
  std::deque<HttpResult> answers;
  std::vector<HttpRequest> requests;

 private:
  std::mutex mutex_;
};

std::string header_of(const HttpRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.headers)
    if (key == name) return value;
  return {};
}

class StripeProviderTest : public ::testing::Test {
 protected:
  StripeSettings settings{.secret_key = "sk_test_123",
                          .webhook_secret = "whsec_abc",
                          .api_base = "http://stripe.test/",
                          .timeout = std::chrono::milliseconds(2000)};
  ScriptedHttp http;
  SystemClock clock;
  std::unique_ptr<orders::PaymentProvider> provider = make_stripe_provider(settings, http, clock);
  orders::Order order{.id = "ord_01JDQ3ABCDEFGHJKMNPQRSTVWX", .currency = "EUR", .total = 2599};
};

TEST_F(StripeProviderTest, StartCreatesOneIntentWithTheOrdersKey) {
  http.answers.push_back(HttpResponse{
      .status = 200, .body = R"({"id": "pi_9", "object": "payment_intent", "client_secret": "pi_9_secret_x"})"});
  const auto started = provider->start(order);
  ASSERT_TRUE(started) << started.error().detail;
  EXPECT_EQ(started->reference, "pi_9");
  EXPECT_EQ(started->client_secret, "pi_9_secret_x");
  ASSERT_EQ(http.requests.size(), 1u);
  const auto& request = http.requests.front();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "http://stripe.test/v1/payment_intents");
  EXPECT_EQ(header_of(request, "Authorization"), "Bearer sk_test_123");
  EXPECT_EQ(header_of(request, "Stripe-Version"), "2024-06-20");
  EXPECT_EQ(header_of(request, "Idempotency-Key"), "emporium-intent-" + order.id);
  EXPECT_EQ(header_of(request, "Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(request.body, "amount=2599&currency=eur&metadata%5Border_id%5D=" + order.id +
                              "&automatic_payment_methods%5Benabled%5D=true");
  EXPECT_EQ(request.total_timeout, std::chrono::milliseconds(2000));
}

TEST_F(StripeProviderTest, RetriesUnknownOutcomesWithTheSameKeyThenGivesUp) {
  http.answers.push_back(HttpFailure{.kind = FailureKind::Timeout, .message = "slow", .maybe_delivered = true});
  http.answers.push_back(HttpResponse{.status = 502, .body = "{}"});
  http.answers.push_back(HttpResponse{.status = 200, .body = R"({"id": "pi_1", "client_secret": "pi_1_secret_y"})"});
  const auto started = provider->start(order);
  ASSERT_TRUE(started) << started.error().detail;
  ASSERT_EQ(http.requests.size(), 3u);
  EXPECT_EQ(header_of(http.requests[0], "Idempotency-Key"), header_of(http.requests[2], "Idempotency-Key"));

  http.requests.clear();
  for (int i = 0; i < 3; ++i) http.answers.push_back(HttpResponse{.status = 500, .body = "{}"});
  const auto failed = provider->start(order);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().status, 503);
  EXPECT_EQ(http.requests.size(), 3u) << "bounded";
}

TEST_F(StripeProviderTest, ARefusalIsNotRetried) {
  http.answers.push_back(HttpResponse{
      .status = 400, .body = R"({"error": {"type": "invalid_request_error", "message": "Amount too small"}})"});
  const auto failed = provider->start(order);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().status, 422);
  EXPECT_NE(failed.error().detail.find("Amount too small"), std::string::npos);
  EXPECT_EQ(http.requests.size(), 1u);
}

TEST_F(StripeProviderTest, RefundsUseTheRefundIdAsKey) {
  http.answers.push_back(
      HttpResponse{.status = 200, .body = R"({"id": "re_1", "object": "refund", "status": "pending"})"});
  const orders::PaymentRecord payment{.order_id = order.id, .provider = "stripe", .reference = "pi_7"};
  const auto refund =
      provider->refund(order, payment, {.refund_id = "rfd_1", .amount = 500, .currency = "EUR", .reason = "broken"});
  ASSERT_TRUE(refund) << refund.error().detail;
  EXPECT_EQ(refund->provider_refund_id, "re_1");
  EXPECT_EQ(refund->status, "pending");
  ASSERT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(http.requests[0].url, "http://stripe.test/v1/refunds");
  EXPECT_EQ(header_of(http.requests[0], "Idempotency-Key"), "rfd_1");
  EXPECT_EQ(http.requests[0].body,
            "payment_intent=pi_7&amount=500&metadata%5Border_id%5D=" + order.id + "&metadata%5Brefund_id%5D=rfd_1");
}

TEST_F(StripeProviderTest, WebhooksNeedAValidSignature) {
  const std::string body = R"({"id": "evt_1", "type": "payment_intent.succeeded", "data": {"object": {"id": "pi_1",
    "amount_received": 2599, "currency": "eur", "metadata": {"order_id": "ord_1"}}}})";
  const auto now = clock.now();
  const auto sent = to_unix_millis(now) / 1000;
  const auto signature = "t=" + std::to_string(sent) + ",v1=" + v1_signature("whsec_abc", sent, body);
  const auto request = [&](std::optional<std::string> header) {
    return orders::WebhookRequest{.body = body,
                                  .header = [header](std::string_view name) -> std::optional<std::string> {
                                    if (name == "stripe-signature") return header;
                                    return std::nullopt;
                                  },
                                  .received_at = now};
  };
  const auto event = provider->verify_webhook(request(signature));
  ASSERT_TRUE(event) << event.error().detail;
  EXPECT_EQ(event->amount, 2599);
  for (const auto& bad : {std::optional<std::string>{}, std::optional<std::string>("t=1,v1=00")}) {
    const auto refused = provider->verify_webhook(request(bad));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().status, 400);
    EXPECT_EQ(refused.error().code, "invalid_signature");
  }
}

}  // namespace
}  // namespace emporium::payments::stripe
