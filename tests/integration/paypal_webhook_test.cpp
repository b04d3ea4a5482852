// The PayPal provider's webhook check against the fake PayPal: only transmissions PayPal confirms through
// verify-webhook-signature count; missing headers and stale transmissions are refused without asking it.

#include <boost/json/parse.hpp>

#include <map>

#include "paypal_provider_suite.hpp"

namespace emporium::testing {
namespace {

namespace json = boost::json;
using Kind = orders::ProviderEvent::Kind;

// A webhook as the payments route hands it to the provider.
struct Delivery {
  std::string body = {};
  std::map<std::string, std::string> headers = {};  // lower-case names

  orders::WebhookRequest request() const {
    return {.body = body,
            .header = [this](std::string_view name) -> std::optional<std::string> {
              const auto found = headers.find(std::string(name));
              return found == headers.end() ? std::nullopt : std::optional(found->second);
            },
            .received_at = SystemClock().now()};
  }
};

class PayPalWebhookTest : public PayPalProviderTest {
 protected:
  // What the fake would POST for this event (not sent: the test hands it to the provider itself).
  Delivery webhook(json::object request) {
    const auto sent = fake.send_webhook(request);
    Delivery delivery{.body = std::string(sent.at("body").as_string())};
    for (const auto& [name, value] : sent.at("headers").as_object()) {
      std::string lower(name);
      for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      delivery.headers[lower] = std::string(value.as_string());
    }
    return delivery;
  }
  // A started, approved PayPal order for `ours`: its PayPal id.
  std::string approved(const orders::Order& ours) {
    const auto started = provider->start(ours);
    if (!started) throw std::runtime_error("start failed");
    fake.approve(started->reference);
    return started->reference;
  }
  std::size_t verify_calls() { return fake.requests("/v1/notifications/verify-webhook-signature").size(); }
};

TEST_F(PayPalWebhookTest, AConfirmedCaptureIsAPayment) {
  const auto ours = order(2599);
  const auto paypal_order = approved(ours);
  const auto delivery = webhook({{"event_type", "PAYMENT.CAPTURE.COMPLETED"}, {"order_id", paypal_order}});
  const auto event = provider->verify_webhook(delivery.request());
  ASSERT_TRUE(event) << event.error().detail;
  EXPECT_EQ(event->kind, Kind::PaymentSucceeded);
  EXPECT_EQ(event->provider, "paypal");
  EXPECT_EQ(event->event_id, json::parse(delivery.body).at("id").as_string());
  EXPECT_TRUE(event->event_id.starts_with("WH-"));
  EXPECT_EQ(event->order_id, ours.id);
  EXPECT_EQ(event->reference, paypal_order);
  EXPECT_EQ(event->capture_id, fake.state().at("captures").at(0).at("id").as_string());
  EXPECT_EQ(event->amount, 2599);
  EXPECT_EQ(event->currency, "USD");

  const auto calls = fake.requests("/v1/notifications/verify-webhook-signature");
  ASSERT_EQ(calls.size(), 1u);
  const auto& body = calls[0].at("body").as_object();
  EXPECT_EQ(body.at("webhook_id"), kPayPalWebhookId);
  EXPECT_EQ(body.at("transmission_id").as_string(), delivery.headers.at("paypal-transmission-id"));
  EXPECT_EQ(body.at("auth_algo"), "SHA256withRSA");
  EXPECT_EQ(body.at("webhook_event"), json::parse(delivery.body));
}

TEST_F(PayPalWebhookTest, AnUnconfirmedTransmissionIsRefused) {
  const auto delivery = webhook(
      {{"event_type", "PAYMENT.CAPTURE.COMPLETED"}, {"order_id", approved(order())}, {"verification", "FAILURE"}});
  const auto event = provider->verify_webhook(delivery.request());
  ASSERT_FALSE(event);
  EXPECT_EQ(event.error().status, 400);
  EXPECT_EQ(event.error().code, "invalid_signature");
  EXPECT_EQ(verify_calls(), 1u);
}

TEST_F(PayPalWebhookTest, AChangedBodyIsRefused) {
  auto delivery = webhook({{"event_type", "PAYMENT.CAPTURE.COMPLETED"}, {"order_id", approved(order(2500))}});
  const auto at = delivery.body.find("\"25.00\"");
  ASSERT_NE(at, std::string::npos);
  delivery.body.replace(at, 7, "\"0.01\"");
  const auto event = provider->verify_webhook(delivery.request());
  ASSERT_FALSE(event);
  EXPECT_EQ(event.error().status, 400);
}

TEST_F(PayPalWebhookTest, AnotherWebhookIdIsRefused) {
  auto s = settings();
  s.webhook_id = "WH-SOMEONE-ELSE";
  const auto delivery = webhook({{"event_type", "PAYMENT.CAPTURE.COMPLETED"}, {"order_id", approved(order())}});
  const auto event = provider_with(s)->verify_webhook(delivery.request());
  ASSERT_FALSE(event);
  EXPECT_EQ(event.error().status, 400);
}

TEST_F(PayPalWebhookTest, MissingHeadersAreRefusedWithoutAskingPayPal) {
  const auto delivery = webhook({{"event_type", "PAYMENT.CAPTURE.COMPLETED"}, {"order_id", approved(order())}});
  for (const auto& [name, value] : delivery.headers) {
    auto without = delivery;
    without.headers.erase(name);
    const auto event = provider->verify_webhook(without.request());
    ASSERT_FALSE(event) << name;
    EXPECT_EQ(event.error().status, 400) << name;
  }
  EXPECT_EQ(verify_calls(), 0u);
}

TEST_F(PayPalWebhookTest, StaleTransmissionsAreRefusedWithoutAskingPayPal) {
  const auto six_minutes_ago = to_iso8601(SystemClock().now() - 6min);
  const auto delivery = webhook({{"event_type", "PAYMENT.CAPTURE.COMPLETED"},
                                 {"order_id", approved(order())},
                                 {"transmission_time", six_minutes_ago.substr(0, 19) + "Z"}});
  const auto event = provider->verify_webhook(delivery.request());
  ASSERT_FALSE(event);
  EXPECT_EQ(event.error().status, 400);
  EXPECT_EQ(verify_calls(), 0u);
}

TEST_F(PayPalWebhookTest, ABodyThatIsNoJsonObjectIsRefused) {
  auto delivery = webhook({{"event_type", "PAYMENT.CAPTURE.COMPLETED"}, {"order_id", approved(order())}});
  delivery.body = "[1, 2]";
  EXPECT_EQ(provider->verify_webhook(delivery.request()).error().status, 400);
  delivery.body = "{not json";
  EXPECT_EQ(provider->verify_webhook(delivery.request()).error().status, 400);
  EXPECT_EQ(verify_calls(), 0u);
}

TEST_F(PayPalWebhookTest, APayPalOutageDuringVerificationIs503) {
  const auto delivery = webhook({{"event_type", "PAYMENT.CAPTURE.COMPLETED"}, {"order_id", approved(order())}});
  fake.fail({{"mode", "500"}, {"path", "/v1/notifications/"}, {"count", 5}});
  const auto event = provider->verify_webhook(delivery.request());
  ASSERT_FALSE(event);
  EXPECT_EQ(event.error().status, 503);  // PayPal delivers the webhook again later
}

TEST_F(PayPalWebhookTest, ADeniedCaptureIsAFailedPayment) {
  const auto ours = order();
  const auto delivery = webhook({{"event_type", "PAYMENT.CAPTURE.DENIED"}, {"order_id", approved(ours)}});
  const auto event = provider->verify_webhook(delivery.request());
  ASSERT_TRUE(event) << event.error().detail;
  EXPECT_EQ(event->kind, Kind::PaymentFailed);
  EXPECT_EQ(event->order_id, ours.id);
  EXPECT_FALSE(event->failure_reason.empty());
}

TEST_F(PayPalWebhookTest, ARefundCarriesTheTotalRefunded) {
  const auto ours = order(2500);
  const auto record = captured(ours);
  ASSERT_TRUE(provider->refund(ours, record, {.refund_id = "rfd_w1", .amount = 1000, .currency = "USD"}));
  const auto delivery =
      webhook({{"event_type", "PAYMENT.CAPTURE.REFUNDED"}, {"capture_id", *record.capture_id}, {"refund_amount", 500}});
  const auto event = provider->verify_webhook(delivery.request());
  ASSERT_TRUE(event) << event.error().detail;
  EXPECT_EQ(event->kind, Kind::Refunded);
  EXPECT_EQ(event->amount, 1500);  // 10.00 through our API, then 5.00 at PayPal's site
  EXPECT_EQ(event->currency, "USD");
  EXPECT_EQ(event->capture_id, record.capture_id);
  EXPECT_EQ(event->order_id, ours.id);
  EXPECT_EQ(event->refund_id, fake.state().at("refunds").at(1).at("id").as_string());
}

TEST_F(PayPalWebhookTest, OtherEventsAreIgnored) {
  const auto delivery = webhook({{"event_type", "CHECKOUT.ORDER.APPROVED"}, {"order_id", approved(order())}});
  const auto event = provider->verify_webhook(delivery.request());
  ASSERT_TRUE(event);
  EXPECT_EQ(event->kind, Kind::Ignored);
  EXPECT_EQ(event->type, "CHECKOUT.ORDER.APPROVED");
}

}  // namespace
}  // namespace emporium::testing
