#include "payments/paypal/paypal_orders.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace emporium::payments::paypal {
namespace {

namespace json = boost::json;

orders::Order order_of(std::int64_t total, std::string currency) {
  return orders::Order{.id = "ord_0001", .currency = std::move(currency), .total = total};
}

json::value capture_answer(std::string_view capture_status, std::string_view value = "25.00") {
  return json::parse(R"({"id": "5O190127TN364715T", "status": "COMPLETED", "purchase_units": [{
      "reference_id": "ord_0001", "payments": {"captures": [{"id": "3C679366HH908993F", "status": ")" +
                     std::string(capture_status) + R"(", "amount": {"currency_code": "USD", "value": ")" +
                     std::string(value) + R"("}, "final_capture": true}]}}]})");
}

TEST(PayPalOrders, CreateBodyHasIntentCaptureOneUnitAndTheWayBack) {
  const auto body = create_order_body(order_of(2500, "USD"),
                                      {.return_url = "https://shop/back", .cancel_url = "https://shop/cancel"});
  ASSERT_TRUE(body) << body.error().detail;
  EXPECT_EQ(json::parse(*body), json::parse(R"({"intent": "CAPTURE", "purchase_units": [{
      "reference_id": "ord_0001", "custom_id": "ord_0001", "description": "Order ord_0001",
      "amount": {"currency_code": "USD", "value": "25.00"}}],
      "payment_source": {"paypal": {"experience_context": {"user_action": "PAY_NOW",
      "shipping_preference": "NO_SHIPPING", "return_url": "https://shop/back", "cancel_url": "https://shop/cancel"}}}})"));
}

TEST(PayPalOrders, CreateBodyWithoutReturnUrlsHasNoPaymentSource) {
  const auto body = create_order_body(order_of(1000, "JPY"), {});
  ASSERT_TRUE(body);
  const auto parsed = json::parse(*body).as_object();
  EXPECT_FALSE(parsed.contains("payment_source"));
  EXPECT_EQ(parsed.at("purchase_units").at(0).at("amount").at("value"), "1000");
}

TEST(PayPalOrders, NothingToPayIsRefused) { EXPECT_EQ(create_order_body(order_of(0, "USD"), {}).error().status, 422); }

TEST(PayPalOrders, RequestIdsAreDerivedFromTheOrder) {
  EXPECT_EQ(create_request_id("ord_1"), create_request_id("ord_1"));
  EXPECT_NE(create_request_id("ord_1"), create_request_id("ord_2"));
  EXPECT_NE(create_request_id("ord_1"), capture_request_id("ord_1"));
}

TEST(PayPalOrders, ReadsThePayerActionLinkOrTheApproveLink) {
  const auto started = read_created_order(json::parse(R"({"id": "5O190127TN364715T", "status":
      "PAYER_ACTION_REQUIRED", "links": [{"href": "https://api/v2/checkout/orders/5O190127TN364715T", "rel": "self"},
      {"href": "https://www.paypal.com/checkoutnow?token=5O190127TN364715T", "rel": "payer-action"}]})"));
  ASSERT_TRUE(started);
  EXPECT_EQ(started->reference, "5O190127TN364715T");
  EXPECT_EQ(started->approval_url, "https://www.paypal.com/checkoutnow?token=5O190127TN364715T");
  const auto legacy = read_created_order(json::parse(
      R"({"id": "ABC", "status": "CREATED", "links": [{"href": "https://paypal/approve?token=ABC", "rel": "approve"}]})"));
  ASSERT_TRUE(legacy);
  EXPECT_EQ(legacy->approval_url, "https://paypal/approve?token=ABC");
  EXPECT_FALSE(read_created_order(json::parse(R"({"id": "../../x", "links": []})")));
  EXPECT_FALSE(read_created_order(json::parse(R"({"status": "CREATED"})")));
}

TEST(PayPalOrders, CaptureIsCompletedOnlyWhenTheCaptureSaysSo) {
  const auto completed = read_capture(capture_answer("COMPLETED"), "ord_0001");
  ASSERT_TRUE(completed);
  EXPECT_TRUE(completed->completed);
  EXPECT_EQ(completed->capture_id, "3C679366HH908993F");
  EXPECT_EQ(completed->amount, 2500);
  EXPECT_EQ(completed->currency, "USD");
  // The order says COMPLETED, the capture PENDING (e.g. under review): not paid yet.
  const auto pending = read_capture(capture_answer("PENDING"), "ord_0001");
  ASSERT_TRUE(pending);
  EXPECT_FALSE(pending->completed);
  EXPECT_EQ(pending->status, "PENDING");
  EXPECT_EQ(pending->capture_id, "3C679366HH908993F");
}

TEST(PayPalOrders, AnOrderWithoutCaptureIsNotCompleted) {
  const auto approved = read_capture(
      json::parse(R"({"id": "X1", "status": "APPROVED", "purchase_units": [{"reference_id": "ord_0001"}]})"),
      "ord_0001");
  ASSERT_TRUE(approved);
  EXPECT_FALSE(approved->completed);
  EXPECT_EQ(approved->status, "APPROVED");
}

TEST(PayPalOrders, UnreadableOrForeignCapturesAreErrors) {
  EXPECT_EQ(read_capture(capture_answer("COMPLETED"), "ord_0002").error().code, "payment_provider_error");
  EXPECT_EQ(read_capture(capture_answer("COMPLETED", "25.001"), "ord_0001").error().code, "payment_provider_error");
  EXPECT_EQ(read_capture(capture_answer("COMPLETED", "-25.00"), "ord_0001").error().code, "payment_provider_error");
  EXPECT_FALSE(read_capture(json::parse("[]"), "ord_0001"));
}

TEST(PayPalOrders, RefundBodyCarriesAmountReasonAndOrder) {
  const auto body = refund_body(order_of(2500, "USD"),
                                {.refund_id = "rfd_1", .amount = 1050, .currency = "USD", .reason = "damaged"});
  ASSERT_TRUE(body);
  EXPECT_EQ(json::parse(*body), json::parse(R"({"amount": {"value": "10.50", "currency_code": "USD"},
      "custom_id": "ord_0001", "note_to_payer": "damaged"})"));
}

TEST(PayPalOrders, LongReasonsAreCutAtACharacterBoundary) {
  std::string reason;
  for (int i = 0; i < 200; ++i) reason += "é";  // 2 bytes each
  const auto body = refund_body(order_of(100, "USD"), {.amount = 100, .currency = "USD", .reason = reason});
  ASSERT_TRUE(body);
  const auto note = json::parse(*body).at("note_to_payer").as_string();
  EXPECT_EQ(note.size(), 254u);
}

TEST(PayPalOrders, RefundStatusesMapToOurs) {
  const auto status_of = [](std::string_view paypal) {
    return read_refund(json::parse(R"({"id": "1JU08902781691411", "status": ")" + std::string(paypal) + R"("})"))
        ->status;
  };
  EXPECT_EQ(status_of("COMPLETED"), "succeeded");
  EXPECT_EQ(status_of("PENDING"), "pending");
  EXPECT_EQ(status_of("FAILED"), "failed");
  EXPECT_EQ(status_of("CANCELLED"), "failed");
  EXPECT_FALSE(read_refund(json::parse(R"({"status": "COMPLETED"})")));
}

}  // namespace
}  // namespace emporium::payments::paypal
