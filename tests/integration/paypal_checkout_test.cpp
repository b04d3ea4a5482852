// PayPal end to end through the real server: an order paid with PayPal is approved by the buyer at the
// approvalUrl, captured by POST /api/orders/:id/payment/capture (paid only when PayPal's capture is
// COMPLETED), given an invoice number, and refunded through PayPal's captures refund API.

#include <boost/json/array.hpp>

#include "eventually.hpp"
#include "paypal_checkout_suite.hpp"

namespace emporium::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// USD minor units as PayPal writes them.
std::string dollars(std::int64_t cents) {
  const auto rest = cents % 100;
  return std::to_string(cents / 100) + (rest < 10 ? ".0" : ".") + std::to_string(rest);
}
std::int64_t total_of(const json::object& order) { return order.at("total").to_number<std::int64_t>(); }

TEST_F(PayPalCheckout, ApproveCaptureRefund) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto placed = paypal_order(client, buyer, 1250);
  EXPECT_EQ(placed.order.at("status"), "pending_payment");
  EXPECT_EQ(placed.order.at("payment").at("provider"), "paypal");
  EXPECT_EQ(str(placed.order.at("payment").at("approvalUrl")), fake().url() + "/checkoutnow?token=" + placed.paypal_id);
  const auto at_paypal = paypal_state(placed.paypal_id);
  const auto& unit = at_paypal.at("purchase_units").at(0);
  EXPECT_EQ(str(unit.at("custom_id")), placed.id);
  const auto total = total_of(placed.order);
  EXPECT_GE(total, 1250);
  EXPECT_EQ(str(unit.at("amount").at("value")), dollars(total));
  EXPECT_EQ(str(unit.at("amount").at("currency_code")), "USD");

  // Not approved yet: nothing is captured and the order stays payable.
  EXPECT_TRUE(is_problem(capture(client, buyer, placed.id), 422, "payment_not_approved"));
  EXPECT_EQ(status_of(client, placed.id), "pending_payment");

  fake().approve(placed.paypal_id);
  const auto captured = capture(client, buyer, placed.id, {{"Idempotency-Key", unique_tag("capture")}});
  ASSERT_EQ(captured.status, 200) << captured.describe();
  const auto paid = captured.json_object();
  EXPECT_EQ(paid.at("status"), "paid");
  EXPECT_TRUE(str(paid.at("invoiceNumber")).starts_with("INV-")) << str(paid.at("invoiceNumber"));
  ASSERT_EQ(captures_of(placed.paypal_id).size(), 1u);
  // Paid once: capturing again is refused and PayPal is not asked for a second capture.
  EXPECT_EQ(capture(client, buyer, placed.id).status, 409);
  EXPECT_EQ(captures_of(placed.paypal_id).size(), 1u);

  const auto refunded = refund(client, placed.id, {{"reason", "Arrived broken"}});
  ASSERT_EQ(refunded.status, 201) << refunded.describe();
  const auto refund_id = str(refunded.json_object().at("id"));
  EXPECT_TRUE(eventually([&] { return status_of(client, placed.id) == "refunded"; }, 5s));
  const auto capture_id = str(captures_of(placed.paypal_id).at(0).at("id"));
  const auto calls = fake().requests("/v2/payments/captures/" + capture_id + "/refund");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(str(calls[0].at("headers").at("paypal-request-id")), refund_id);
  EXPECT_EQ(str(calls[0].at("body").at("amount").at("value")), dollars(total));
  EXPECT_EQ(str(calls[0].at("body").at("note_to_payer")), "Arrived broken");
}

TEST_F(PayPalCheckout, PartialRefundThenTheRest) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto placed = paypal_order(client, buyer, 2000);
  fake().approve(placed.paypal_id);
  ASSERT_EQ(capture(client, buyer, placed.id).status, 200);
  const auto rest = total_of(placed.order) - 500;
  ASSERT_EQ(refund(client, placed.id, {{"amount", 500}, {"reason", "One part missing"}}).status, 201);
  EXPECT_TRUE(eventually([&] { return status_of(client, placed.id) == "partially_refunded"; }, 5s));
  EXPECT_TRUE(is_problem(refund(client, placed.id, {{"amount", rest + 1}, {"reason", "Too much"}}), 422,
                         "refund_exceeds_payment"));
  ASSERT_EQ(refund(client, placed.id, {{"amount", rest}, {"reason", "The rest"}}).status, 201);
  EXPECT_TRUE(eventually([&] { return status_of(client, placed.id) == "refunded"; }, 5s));
  const auto capture_id = str(captures_of(placed.paypal_id).at(0).at("id"));
  const auto calls = fake().requests("/v2/payments/captures/" + capture_id + "/refund");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(str(calls[0].at("body").at("amount").at("value")), "5.00");
  EXPECT_EQ(str(calls[1].at("body").at("amount").at("value")), dollars(rest));
}

TEST_F(PayPalCheckout, APendingCaptureIsPaidWhenPayPalCompletesIt) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto placed = paypal_order(client, buyer);
  fake().approve(placed.paypal_id, "PENDING");
  EXPECT_TRUE(is_problem(capture(client, buyer, placed.id), 409, "capture_not_completed"));
  EXPECT_EQ(status_of(client, placed.id), "pending_payment");
  const auto deliveries = deliver({{"event_type", "PAYMENT.CAPTURE.COMPLETED"}, {"order_id", placed.paypal_id}});
  ASSERT_EQ(deliveries.at(0).at("status"), 200) << str(deliveries.at(0).at("body"));
  EXPECT_EQ(status_of(client, placed.id), "paid");
  EXPECT_EQ(captures_of(placed.paypal_id).size(), 1u);
}

TEST_F(PayPalCheckout, ATimeoutAtCreationLeavesTheOrderPayableAndARetryMakesNoSecondPayPalOrder) {
  auto client = this->client();
  const auto buyer = new_customer();
  fake().fail(
      {{"mode", "timeout"}, {"path", "/v2/checkout/orders"}, {"method", "POST"}, {"count", 2}, {"delay_ms", 4000}});
  const auto variant = stocked_product(client, vendor(), 5, 990);
  auto body = order_body({item(variant, 1)});
  body["paymentMethod"] = "paypal";
  const auto placed = place_order(client, buyer, body);
  ASSERT_EQ(placed.status, 201) << placed.describe();
  const auto order = placed.json_object();
  const auto order_id = str(order.at("id"));
  EXPECT_EQ(order.at("status"), "pending_payment");
  EXPECT_FALSE(order.at("payment").as_object().contains("approvalUrl"));
  const auto attempts = [&] {
    std::size_t count = 0;
    for (const auto& call : fake().requests("/v2/checkout/orders", "POST"))
      if (call.at("path") == "/v2/checkout/orders" &&
          str(call.at("body").at("purchase_units").at(0).at("custom_id")) == order_id)
        ++count;
    return count;
  };
  EXPECT_EQ(attempts(), 2u);

  const auto again = client.request("POST", "/api/orders/" + order_id + "/payment/session", bearer(buyer.access_token));
  ASSERT_EQ(again.status, 200) << again.describe();
  const auto payment = again.json_object().at("payment").as_object();
  ASSERT_TRUE(payment.contains("approvalUrl")) << again.describe();
  const auto approval = str(payment.at("approvalUrl"));
  EXPECT_EQ(attempts(), 3u);
  std::size_t paypal_orders = 0;
  const auto state = fake().state();
  for (const auto& entry : state.at("orders").as_array())
    if (str(entry.at("purchase_units").at(0).at("custom_id")) == order_id) ++paypal_orders;
  EXPECT_EQ(paypal_orders, 1u) << "every attempt carried the same PayPal-Request-Id";
  EXPECT_NE(approval.find("token="), std::string::npos);
}

TEST_F(PayPalCheckout, OnlyTheBuyerAndAdminsCapture) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto placed = paypal_order(client, buyer);
  fake().approve(placed.paypal_id);
  EXPECT_TRUE(is_problem(capture(client, other_customer(), placed.id), 404, "not_found"));
  EXPECT_EQ(capture(client, vendor(), placed.id).status, 403);
  EXPECT_EQ(client.request("POST", "/api/orders/" + placed.id + "/payment/capture").status, 401);
  EXPECT_EQ(capture(client, buyer, "ord_nonsense").status, 404);
  EXPECT_TRUE(captures_of(placed.paypal_id).empty());
  const auto by_admin = capture(client, admin(), placed.id);
  ASSERT_EQ(by_admin.status, 200) << by_admin.describe();
  EXPECT_EQ(by_admin.json_object().at("status"), "paid");
}

}  // namespace
}  // namespace emporium::testing
