#include "payments/paypal/paypal_webhook.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <map>

namespace emporium::payments::paypal {
namespace {

namespace json = boost::json;
using Kind = orders::ProviderEvent::Kind;
using namespace std::chrono_literals;

const Timestamp kNow = *parse_iso8601("2026-11-27T10:00:00Z");

std::map<std::string, std::string> good_headers() {
  return {{"paypal-transmission-id", "69cd13f0-d67a-11e5-baa3-778b53f4ae55"},
          {"paypal-transmission-time", "2026-11-27T09:58:00Z"},
          {"paypal-transmission-sig", "c2lnbmF0dXJl"},
          {"paypal-cert-url", "https://api.paypal.com/v1/notifications/certs/CERT-360caa42"},
          {"paypal-auth-algo", "SHA256withRSA"}};
}

Result<Transmission> read(const std::map<std::string, std::string>& headers) {
  const orders::WebhookRequest request{.body = "{}",
                                       .header = [&](std::string_view name) -> std::optional<std::string> {
                                         const auto found = headers.find(std::string(name));
                                         return found == headers.end() ? std::nullopt : std::optional(found->second);
                                       }};
  return read_transmission(request, kNow);
}

Result<orders::ProviderEvent> translate(std::string_view event) {
  return translate_event(json::parse(event).as_object(), kNow);
}

TEST(PayPalWebhook, ReadsTheTransmissionHeaders) {
  const auto transmission = read(good_headers());
  ASSERT_TRUE(transmission) << transmission.error().detail;
  EXPECT_EQ(transmission->id, "69cd13f0-d67a-11e5-baa3-778b53f4ae55");
  EXPECT_EQ(transmission->time, "2026-11-27T09:58:00Z");
  EXPECT_EQ(transmission->auth_algo, "SHA256withRSA");
}

TEST(PayPalWebhook, EveryHeaderIsRequired) {
  for (const auto& [name, value] : good_headers()) {
    auto headers = good_headers();
    headers.erase(name);
    EXPECT_EQ(read(headers).error().status, 400) << name;
    headers[name] = "  ";
    EXPECT_EQ(read(headers).error().code, "invalid_signature") << name;
  }
}

TEST(PayPalWebhook, StaleFutureOrUnreadableTimesAreRefused) {
  for (const auto* time : {"2026-11-27T09:54:59Z", "2026-11-27T10:05:01Z", "yesterday", "2026-11-27 09:58:00"}) {
    auto headers = good_headers();
    headers["paypal-transmission-time"] = time;
    EXPECT_EQ(read(headers).error().status, 400) << time;
  }
  auto headers = good_headers();
  headers["paypal-transmission-time"] = "2026-11-27T09:55:00Z";
  EXPECT_TRUE(read(headers));
}

TEST(PayPalWebhook, VerifyBodyEmbedsTheEventAsReceived) {
  const auto raw = R"({"id":"WH-1","amount":1.10,  "name":"Caf\u00e9"})";
  const auto body = verify_request_body(*read(good_headers()), "WH-ID-\"1", raw);
  EXPECT_NE(body.find(std::string(",\"webhook_event\":") + raw + "}"), std::string::npos);
  const auto parsed = json::parse(body).as_object();
  EXPECT_EQ(parsed.at("webhook_id"), "WH-ID-\"1");
  EXPECT_EQ(parsed.at("transmission_sig"), "c2lnbmF0dXJl");
  EXPECT_EQ(parsed.at("cert_url"), "https://api.paypal.com/v1/notifications/certs/CERT-360caa42");
  EXPECT_EQ(parsed.at("webhook_event").at("id"), "WH-1");
}

TEST(PayPalWebhook, CaptureCompletedIsAPayment) {
  const auto event = translate(R"({"id": "WH-58D329510W468432D-8HN650336L201105X", "create_time":
      "2026-11-27T09:59:07.940Z", "resource_type": "capture", "event_type": "PAYMENT.CAPTURE.COMPLETED",
      "resource": {"id": "27M47624FP291604U", "status": "COMPLETED", "custom_id": "ord_0001",
      "amount": {"currency_code": "USD", "value": "2.51"}, "final_capture": true,
      "supplementary_data": {"related_ids": {"order_id": "5O190127TN364715T"}}}})");
  ASSERT_TRUE(event) << event.error().detail;
  EXPECT_EQ(event->kind, Kind::PaymentSucceeded);
  EXPECT_EQ(event->provider, "paypal");
  EXPECT_EQ(event->event_id, "WH-58D329510W468432D-8HN650336L201105X");
  EXPECT_EQ(event->type, "PAYMENT.CAPTURE.COMPLETED");
  EXPECT_EQ(event->order_id, "ord_0001");
  EXPECT_EQ(event->reference, "5O190127TN364715T");
  EXPECT_EQ(event->capture_id, "27M47624FP291604U");
  EXPECT_EQ(event->amount, 251);
  EXPECT_EQ(event->currency, "USD");
  EXPECT_EQ(event->occurred_at, *parse_iso8601("2026-11-27T09:59:07.940Z"));
}

TEST(PayPalWebhook, ReferenceFallsBackToTheUpLink) {
  const auto event = translate(R"({"id": "WH-2", "event_type": "PAYMENT.CAPTURE.COMPLETED", "resource": {
      "id": "27M", "status": "COMPLETED", "amount": {"currency_code": "JPY", "value": "1000"},
      "links": [{"rel": "up", "href": "https://api/v2/checkout/orders/8XY1?x=1"}]}})");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->reference, "8XY1");
  EXPECT_EQ(event->amount, 1000);
  EXPECT_FALSE(event->order_id);
  EXPECT_EQ(event->occurred_at, kNow);
}

TEST(PayPalWebhook, CaptureDeniedIsAFailure) {
  const auto event = translate(R"({"id": "WH-3", "event_type": "PAYMENT.CAPTURE.DENIED", "resource": {
      "id": "7NW", "status": "DECLINED", "custom_id": "ord_0001", "amount": {"currency_code": "USD", "value": "5.00"},
      "status_details": {"reason": "BUYER_COMPLAINT"}}})");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->kind, Kind::PaymentFailed);
  EXPECT_EQ(event->failure_reason, "BUYER_COMPLAINT");
  EXPECT_EQ(event->order_id, "ord_0001");
}

TEST(PayPalWebhook, RefundCarriesTheTotalRefundedSoFar) {
  const auto event = translate(R"({"id": "WH-4", "event_type": "PAYMENT.CAPTURE.REFUNDED", "resource_type": "refund",
      "resource": {"id": "1Y107995YT783435V", "status": "COMPLETED", "custom_id": "ord_0001",
      "amount": {"currency_code": "USD", "value": "1.00"},
      "seller_payable_breakdown": {"total_refunded_amount": {"currency_code": "USD", "value": "3.00"}},
      "links": [{"rel": "self", "href": "https://api/v2/payments/refunds/1Y107995YT783435V"},
                {"rel": "up", "href": "https://api/v2/payments/captures/0JF852973C016714D"}]}})");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->kind, Kind::Refunded);
  EXPECT_EQ(event->refund_id, "1Y107995YT783435V");
  EXPECT_EQ(event->capture_id, "0JF852973C016714D");
  EXPECT_EQ(event->amount, 300);
  EXPECT_EQ(event->order_id, "ord_0001");
}

TEST(PayPalWebhook, RefundWithoutTotalUsesItsOwnAmount) {
  const auto event = translate(R"({"id": "WH-5", "event_type": "PAYMENT.CAPTURE.REFUNDED", "resource": {
      "id": "1Y1", "status": "COMPLETED", "amount": {"currency_code": "USD", "value": "1.00"}}})");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->amount, 100);
  EXPECT_FALSE(event->capture_id);
}

TEST(PayPalWebhook, OtherEventsAreIgnored) {
  for (const auto* type : {"CHECKOUT.ORDER.APPROVED", "PAYMENT.CAPTURE.REVERSED", "PAYMENT.CAPTURE.PENDING"}) {
    const auto event = translate(R"({"id": "WH-6", "event_type": ")" + std::string(type) + R"(", "resource": {}})");
    ASSERT_TRUE(event) << type;
    EXPECT_EQ(event->kind, Kind::Ignored) << type;
    EXPECT_EQ(event->type, type);
  }
}

TEST(PayPalWebhook, UnreadableEventsAreRefused) {
  EXPECT_EQ(translate(R"({"event_type": "PAYMENT.CAPTURE.COMPLETED"})").error().status, 400);
  EXPECT_EQ(translate(R"({"id": "WH-7"})").error().status, 400);
  EXPECT_EQ(translate(R"({"id": "WH-8", "event_type": "PAYMENT.CAPTURE.COMPLETED", "resource": {"id": "1",
      "status": "COMPLETED", "amount": {"currency_code": "USD", "value": "1e3"}}})")
                .error()
                .status,
            400);
  EXPECT_EQ(
      translate(R"({"id": "WH-9", "event_type": "PAYMENT.CAPTURE.REFUNDED", "resource": {"id": "1"}})").error().status,
      400);
}

}  // namespace
}  // namespace emporium::payments::paypal
