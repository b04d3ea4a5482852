// PayPal webhooks through the real server (POST /api/payments/webhooks/paypal): the fake PayPal delivers them
// with its PAYPAL-* transmission headers and confirms through verify-webhook-signature only what it sent.
// Each event is applied once; unverified, unsigned or stale deliveries are refused with 400 and change nothing.

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <ctime>

#include "eventually.hpp"
#include "paypal_checkout_suite.hpp"

namespace emporium::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

json::object answer_of(const json::value& delivery) { return json::parse(str(delivery.at("body"))).as_object(); }

// "2026-11-27T09:50:00Z" for `ago` before now, as PayPal writes transmission times.
std::string utc_time_ago(std::chrono::seconds ago) {
  const auto when = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() - ago);
  std::tm parts{};
  gmtime_r(&when, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

TEST_F(PayPalCheckout, ACompletedCaptureDeliveredTwiceIsAppliedOnce) {
  auto client = this->client();
  const auto placed = paypal_order(client, new_customer());
  fake().approve(placed.paypal_id);
  const auto deliveries =
      deliver({{"event_type", "PAYMENT.CAPTURE.COMPLETED"}, {"order_id", placed.paypal_id}, {"times", 2}});
  ASSERT_EQ(deliveries.size(), 2u);
  ASSERT_EQ(deliveries.at(0).at("status"), 200) << str(deliveries.at(0).at("body"));
  EXPECT_EQ(answer_of(deliveries.at(0)).at("duplicate"), false);
  EXPECT_EQ(answer_of(deliveries.at(0)).at("outcome"), "applied");
  ASSERT_EQ(deliveries.at(1).at("status"), 200) << str(deliveries.at(1).at("body"));
  EXPECT_EQ(answer_of(deliveries.at(1)).at("duplicate"), true);

  const auto order = order_json(client, admin(), placed.id);
  EXPECT_EQ(order.at("status"), "paid");
  EXPECT_TRUE(str(order.at("invoiceNumber")).starts_with("INV-"));
  std::size_t to_paid = 0;
  for (const auto& entry : order_events(client, admin(), placed.id))
    if (entry.as_object().contains("toStatus") && entry.at("toStatus") == "paid") ++to_paid;
  EXPECT_EQ(to_paid, 1u);
  // The capture the webhook reported is the order's: capturing through the API now asks PayPal nothing.
  EXPECT_EQ(capture(client, admin(), placed.id).status, 409);
  EXPECT_EQ(captures_of(placed.paypal_id).size(), 1u);
}

TEST_F(PayPalCheckout, AnUnverifiedWebhookChangesNothing) {
  auto client = this->client();
  const auto placed = paypal_order(client, new_customer());
  fake().approve(placed.paypal_id);
  const auto before = fake().requests("/v1/notifications/verify-webhook-signature").size();
  const auto deliveries = deliver(
      {{"event_type", "PAYMENT.CAPTURE.COMPLETED"}, {"order_id", placed.paypal_id}, {"verification", "FAILURE"}});
  EXPECT_EQ(deliveries.at(0).at("status"), 400);
  EXPECT_EQ(answer_of(deliveries.at(0)).at("code"), "invalid_signature");
  EXPECT_EQ(fake().requests("/v1/notifications/verify-webhook-signature").size(), before + 1);
  const auto order = order_json(client, admin(), placed.id);
  EXPECT_EQ(order.at("status"), "pending_payment");
  EXPECT_TRUE(order.at("invoiceNumber").is_null());
}

TEST_F(PayPalCheckout, UnsignedStaleOrAlteredWebhooksAreRefused) {
  auto client = this->client();
  const auto placed = paypal_order(client, new_customer());
  fake().approve(placed.paypal_id);
  const auto sent = fake().send_webhook({{"event_type", "PAYMENT.CAPTURE.COMPLETED"}, {"order_id", placed.paypal_id}});
  const auto body = str(sent.at("body"));
  Headers headers{{"Content-Type", "application/json"}};
  for (const auto& [name, value] : sent.at("headers").as_object()) headers.emplace_back(name, str(value));

  EXPECT_TRUE(
      is_problem(client.request("POST", "/api/payments/webhooks/paypal", {{"Content-Type", "application/json"}}, body),
                 400, "invalid_signature"));
  auto altered = body;
  const auto amount = altered.find("\"value\": \"");
  ASSERT_NE(amount, std::string::npos);
  altered.insert(amount + 10, "1");  // 12.50 → 112.50
  EXPECT_TRUE(
      is_problem(client.request("POST", "/api/payments/webhooks/paypal", headers, altered), 400, "invalid_signature"));
  auto stale = headers;
  for (auto& [name, value] : stale)
    if (name == "PAYPAL-TRANSMISSION-TIME") value = utc_time_ago(10min);
  EXPECT_TRUE(
      is_problem(client.request("POST", "/api/payments/webhooks/paypal", stale, body), 400, "invalid_signature"));
  EXPECT_TRUE(is_problem(client.request("POST", "/api/payments/webhooks/paypal", headers, "{\"id\": \"WH-1\", "), 400,
                         "invalid_webhook"));
  EXPECT_EQ(status_of(client, placed.id), "pending_payment");
  // The genuine delivery still counts.
  const auto genuine = client.request("POST", "/api/payments/webhooks/paypal", headers, body);
  ASSERT_EQ(genuine.status, 200) << genuine.describe();
  EXPECT_EQ(status_of(client, placed.id), "paid");
}

TEST_F(PayPalCheckout, AnAmountThatIsNotTheOrdersDoesNotPayIt) {
  auto client = this->client();
  const auto placed = paypal_order(client, new_customer());
  fake().approve(placed.paypal_id);
  const auto deliveries = deliver({{"event_type", "PAYMENT.CAPTURE.COMPLETED"},
                                   {"order_id", placed.paypal_id},
                                   {"amount", {{"currency_code", "USD"}, {"value", "0.01"}}}});
  ASSERT_EQ(deliveries.at(0).at("status"), 200) << str(deliveries.at(0).at("body"));
  EXPECT_EQ(answer_of(deliveries.at(0)).at("outcome"), "anomaly");
  EXPECT_EQ(status_of(client, placed.id), "pending_payment");
}

TEST_F(PayPalCheckout, ADeniedCaptureLeavesTheOrderPayable) {
  auto client = this->client();
  const auto placed = paypal_order(client, new_customer());
  fake().approve(placed.paypal_id);
  const auto deliveries = deliver({{"event_type", "PAYMENT.CAPTURE.DENIED"}, {"order_id", placed.paypal_id}});
  ASSERT_EQ(deliveries.at(0).at("status"), 200) << str(deliveries.at(0).at("body"));
  EXPECT_EQ(answer_of(deliveries.at(0)).at("outcome"), "applied");
  const auto order = order_json(client, admin(), placed.id);
  EXPECT_EQ(order.at("status"), "pending_payment");
  EXPECT_TRUE(order.at("invoiceNumber").is_null());
}

TEST_F(PayPalCheckout, ARefundMadeAtPayPalIsRecorded) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto placed = paypal_order(client, buyer, 3000);
  fake().approve(placed.paypal_id);
  ASSERT_EQ(capture(client, buyer, placed.id).status, 200);
  const auto capture_id = str(captures_of(placed.paypal_id).at(0).at("id"));
  // At PayPal's site: 10.00 back, then the rest (each event carries the total refunded so far).
  auto deliveries = deliver(
      {{"event_type", "PAYMENT.CAPTURE.REFUNDED"}, {"capture_id", capture_id}, {"refund_amount", 1000}, {"times", 2}});
  ASSERT_EQ(deliveries.at(0).at("status"), 200) << str(deliveries.at(0).at("body"));
  EXPECT_EQ(answer_of(deliveries.at(1)).at("duplicate"), true);
  EXPECT_EQ(status_of(client, placed.id), "partially_refunded");
  deliveries = deliver({{"event_type", "PAYMENT.CAPTURE.REFUNDED"}, {"capture_id", capture_id}});
  ASSERT_EQ(deliveries.at(0).at("status"), 200) << str(deliveries.at(0).at("body"));
  EXPECT_EQ(status_of(client, placed.id), "refunded");
}

TEST_F(PayPalCheckout, TheRefundWebhookOfOurOwnRefundChangesNothing) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto placed = paypal_order(client, buyer);
  fake().approve(placed.paypal_id);
  ASSERT_EQ(capture(client, buyer, placed.id).status, 200);
  ASSERT_EQ(refund(client, placed.id, {{"amount", 300}, {"reason", "Scratched"}}).status, 201);
  ASSERT_TRUE(eventually([&] { return status_of(client, placed.id) == "partially_refunded"; }, 5s));
  const auto refund_id = str(fake().state().at("refunds").as_array().back().at("id"));
  const auto deliveries = deliver({{"event_type", "PAYMENT.CAPTURE.REFUNDED"}, {"refund_id", refund_id}});
  ASSERT_EQ(deliveries.at(0).at("status"), 200) << str(deliveries.at(0).at("body"));
  EXPECT_EQ(answer_of(deliveries.at(0)).at("outcome"), "ignored");
  EXPECT_EQ(status_of(client, placed.id), "partially_refunded");
  const auto refunds = client.get("/api/orders/" + placed.id + "/refunds", bearer(admin().access_token));
  ASSERT_EQ(refunds.status, 200) << refunds.describe();
  EXPECT_EQ(refunds.json_object().at("data").as_array().size(), 1u);
}

}  // namespace
}  // namespace emporium::testing
