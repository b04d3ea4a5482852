// When Stripe is slow, down or declines: the order stands and a retry never makes a second intent; a failed
// payment leaves the order payable, or cancels it and gives its stock back (EMPORIUM_PAYMENT_FAILED_ACTION);
// capture is PayPal's alone.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "payments_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class StripeOutages : public PaymentsSuite<StripeOutages> {
 public:
  // Each of the provider's three attempts gives up after one second.
  static EnvVars config() { return payments_config(stripe(), {{"EMPORIUM_PAYMENT_PROVIDER_TIMEOUT_MS", "1000"}}); }
};

class FailedPaymentsCancel : public PaymentsSuite<FailedPaymentsCancel> {
 public:
  static EnvVars config() { return payments_config(stripe(), {{"EMPORIUM_PAYMENT_FAILED_ACTION", "cancel"}}); }
};

json::object stripe_body(const StockedVariant& variant, std::int64_t quantity) {
  auto body = order_body({item(variant, quantity)});
  body["paymentMethod"] = "stripe";
  return body;
}

TEST_F(StripeOutages, ATimeoutLeavesTheOrderPendingAndARetryWithTheKeyMakesNoSecondIntent) {
  auto client = this->client();
  const auto variant = stocked_product(client, vendor(), 5, 2500);
  stripe().fail("timeout", 3, "/v1/payment_intents", 2.5);  // done at Stripe, answered too late, three times
  const Headers key{{"Idempotency-Key", "slow-stripe-" + variant.variant_id}};
  const auto first = place_order(client, customer(), stripe_body(variant, 1), key);
  ASSERT_EQ(first.status, 201) << first.describe();
  const auto order = first.json_object();
  const auto id = str(order.at("id"));
  EXPECT_EQ(str(order.at("status")), "pending_payment");
  EXPECT_EQ(str(order.at("payment").at("status")), "not_started");
  EXPECT_FALSE(order.at("payment").as_object().contains("clientSecret"));
  EXPECT_EQ(stock_level(client, vendor(), variant), 4) << "the order stands";

  const auto retry = place_order(client, customer(), stripe_body(variant, 1), key);
  ASSERT_EQ(retry.status, 201) << retry.describe();
  EXPECT_EQ(retry.header("Idempotent-Replayed"), "true");
  const auto resumed = retry.json_object();
  EXPECT_EQ(str(resumed.at("id")), id) << "the same order";
  EXPECT_EQ(str(resumed.at("payment").at("status")), "pending");
  const auto intents = stripe().intents_for(id);
  ASSERT_EQ(intents.size(), 1u) << "one intent, however often it was asked for";
  EXPECT_EQ(resumed.at("payment").at("clientSecret"), intents.front().at("client_secret"));
  std::set<std::string> keys;
  int asked = 0;
  for (const auto& request : stripe().requests()) {
    const auto& form = request.at("form").as_object();
    if (str(request.at("path")) != "/v1/payment_intents" || !form.contains("metadata")) continue;
    if (str(form.at("metadata").at("order_id")) != id) continue;
    ++asked;
    keys.insert(str(request.at("idempotencyKey")));
  }
  EXPECT_EQ(asked, 4) << "three attempts at placing, one at the retry";
  EXPECT_EQ(keys.size(), 1u) << "always the same Stripe Idempotency-Key";
  EXPECT_EQ(stock_level(client, vendor(), variant), 4) << "no second order";
}

TEST_F(StripeOutages, WhenStripeIsDownTheCustomerStartsThePaymentLater) {
  auto client = this->client();
  const auto variant = stocked_product(client, vendor(), 5, 2500);
  stripe().fail("500", 3, "/v1/payment_intents");
  const auto order = placed_order(client, customer(), stripe_body(variant, 1));
  const auto id = str(order.at("id"));
  EXPECT_EQ(str(order.at("payment").at("status")), "not_started");
  EXPECT_EQ(str(order_json(client, customer(), id).at("payment").at("status")), "not_started");
  EXPECT_EQ(stripe().intents_for(id).size(), 0u);
  const auto path = "/api/orders/" + id + "/payment/session";
  EXPECT_TRUE(is_problem(client.request("POST", path, bearer(other_customer().access_token)), 404, "not_found"));
  EXPECT_EQ(client.request("POST", path, bearer(vendor().access_token)).status, 403);
  EXPECT_EQ(client.request("POST", path, bearer(admin().access_token)).status, 403);
  const auto started = client.request("POST", path, bearer(customer().access_token));
  ASSERT_EQ(started.status, 200) << started.describe();
  const auto secret = started.json_object().at("payment").at("clientSecret");
  EXPECT_EQ(str(started.json_object().at("payment").at("status")), "pending");
  const auto again = client.request("POST", path, bearer(customer().access_token));
  EXPECT_EQ(again.json_object().at("payment").at("clientSecret"), secret);
  EXPECT_EQ(stripe().intents_for(id).size(), 1u);
  ASSERT_EQ(pay(id).at("status"), json::value(200));
  EXPECT_TRUE(is_problem(client.request("POST", path, bearer(customer().access_token)), 409, "order_not_payable"));
}

TEST_F(StripeOutages, AFailedPaymentLeavesTheOrderPayable) {
  auto client = this->client();
  const auto variant = stocked_product(client, vendor(), 5, 2500);
  const auto id = str(placed_order(client, customer(), stripe_body(variant, 2)).at("id"));
  const auto failed = stripe().send_webhook(
      {{"type", "payment_intent.payment_failed"}, {"intent", intent_of(id)}, {"message", "Insufficient funds."}},
      webhook_url());
  ASSERT_EQ(failed.at("status"), json::value(200)) << str(failed.at("body"));
  const auto order = order_json(client, customer(), id);
  EXPECT_EQ(str(order.at("status")), "pending_payment");
  EXPECT_EQ(str(order.at("payment").at("failureReason")), "Insufficient funds.");
  EXPECT_TRUE(order.at("payment").as_object().contains("clientSecret")) << "the customer may try again";
  EXPECT_EQ(stock_level(client, vendor(), variant), 3);
  ASSERT_EQ(pay(id).at("status"), json::value(200));
  EXPECT_EQ(status_of(client, customer(), id), "paid");
}

TEST_F(StripeOutages, OnlyPayPalPaymentsAreCaptured) {
  auto client = this->client();
  const auto variant = stocked_product(client, vendor(), 5, 2500);
  const auto card = str(placed_order(client, customer(), stripe_body(variant, 1)).at("id"));
  const auto transfer = str(placed_order(client, customer(), order_body({item(variant, 1)})).at("id"));
  EXPECT_TRUE(is_problem(post_capture(client, customer(), card), 422, "capture_not_supported"));
  EXPECT_TRUE(is_problem(post_capture(client, admin(), transfer), 422, "capture_not_supported"));
  EXPECT_TRUE(is_problem(post_capture(client, other_customer(), card), 404, "not_found"));
  EXPECT_EQ(post_capture(client, vendor(), card).status, 403);
  EXPECT_TRUE(is_problem(post_capture(client, customer(), "ord_nope"), 404, "not_found"));
  ASSERT_EQ(pay(card).at("status"), json::value(200));
  EXPECT_TRUE(is_problem(post_capture(client, customer(), card, {{"Idempotency-Key", "cap-" + card}}), 409,
                         "order_not_payable"));
}

TEST_F(FailedPaymentsCancel, AFailedPaymentCancelsTheOrderAndReleasesItsStock) {
  auto client = this->client();
  const auto variant = stocked_product(client, vendor(), 5, 2500);
  const auto id = str(placed_order(client, customer(), stripe_body(variant, 2)).at("id"));
  EXPECT_EQ(stock_level(client, vendor(), variant), 3);
  const auto failed =
      stripe().send_webhook({{"type", "payment_intent.payment_failed"}, {"intent", intent_of(id)}}, webhook_url());
  ASSERT_EQ(failed.at("status"), json::value(200)) << str(failed.at("body"));
  const auto order = order_json(client, customer(), id);
  EXPECT_EQ(str(order.at("status")), "cancelled");
  EXPECT_EQ(str(order.at("payment").at("status")), "voided");
  EXPECT_EQ(stock_level(client, vendor(), variant), 5);
  const auto last = order_events(client, customer(), id).back().as_object();
  EXPECT_EQ(str(last.at("data").at("reason")), "payment_failed");
  const auto late = pay(id);
  EXPECT_EQ(str(json::parse(str(late.at("body"))).at("outcome")), "anomaly") << "money after the cancel is refunded";
}

}  // namespace
}  // namespace emporium::testing
