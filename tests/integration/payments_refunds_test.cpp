// Refunds: partial and full through Stripe, confirmed by its answer or by charge.refunded; the rules (never
// more than was paid, admins only, idempotency keys, restocking once and only what shipped); cancelling a paid
// order refunds it (a manual one waits for an admin).
#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "inventory_api.hpp"
#include "payments_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class Refunds : public PaymentsSuite<Refunds> {
 protected:
  // A Stripe order of `quantity` items, paid: the order as it is then.
  json::object paid_order(HttpClient& client, std::int64_t quantity = 1, std::int64_t stock = 10) {
    const auto id = str(stripe_order(client, customer(), quantity, stock).at("id"));
    const auto sent = pay(id);
    if (sent.at("status") != json::value(200)) throw std::runtime_error("paying failed: " + str(sent.at("body")));
    return order_json(client, admin(), id);
  }
};

// Restores the fake's refund status however the test ends (the suite shares the fake).
struct RefundStatusGuard {
  FakeStripe& stripe;
  ~RefundStatusGuard() { stripe.set_refund_status("succeeded"); }
};

std::size_t count_entries(const json::array& events, const std::string& type) {
  std::size_t count = 0;
  for (const auto& event : events) count += str(event.at("type")) == type ? 1 : 0;
  return count;
}

TEST_F(Refunds, APartialRefundThenTheRestConfirmedByChargeRefunded) {
  auto client = this->client();
  const auto order = paid_order(client);
  const auto id = str(order.at("id"));
  const auto total = order.at("total").as_int64();
  const auto first = post_refund(client, admin(), id, {{"amount", 1000}, {"reason", "damaged box"}},
                                 {{"Idempotency-Key", "refund-1-" + id}});
  ASSERT_EQ(first.status, 201) << first.describe();
  const auto refund = first.json_object();
  EXPECT_TRUE(str(refund.at("id")).starts_with("rfd_"));
  EXPECT_EQ(refund.at("amount"), json::value(1000));
  EXPECT_EQ(str(refund.at("currency")), "USD");
  EXPECT_EQ(str(refund.at("status")), "succeeded");
  EXPECT_TRUE(str(refund.at("providerRefundId")).starts_with("re_"));
  const auto at_stripe = stripe().refunds_for(intent_of(id));
  ASSERT_EQ(at_stripe.size(), 1u);
  EXPECT_EQ(at_stripe.front().at("amount"), json::value(1000));
  EXPECT_EQ(str(at_stripe.front().at("metadata").at("refund_id")), str(refund.at("id")));
  bool keyed = false;
  for (const auto& seen : stripe().requests())
    keyed = keyed || (str(seen.at("path")) == "/v1/refunds" && str(seen.at("idempotencyKey")) == str(refund.at("id")));
  EXPECT_TRUE(keyed) << "the refund's id is Stripe's Idempotency-Key";
  auto now = order_json(client, customer(), id);
  EXPECT_EQ(str(now.at("status")), "partially_refunded");
  EXPECT_EQ(str(now.at("payment").at("status")), "partially_refunded");

  RefundStatusGuard guard{stripe()};
  stripe().set_refund_status("pending");
  const auto rest = post_refund(client, admin(), id, {{"reason", "customer changed their mind"}});
  ASSERT_EQ(rest.status, 201) << rest.describe();
  EXPECT_EQ(rest.json_object().at("amount"), json::value(total - 1000)) << "everything left, when no amount is given";
  EXPECT_EQ(str(rest.json_object().at("status")), "pending");
  EXPECT_EQ(status_of(client, admin(), id), "partially_refunded") << "not before Stripe confirms";

  const auto confirmed = stripe().send_webhook({{"type", "charge.refunded"}, {"intent", intent_of(id)}}, webhook_url());
  ASSERT_EQ(confirmed.at("status"), json::value(200)) << str(confirmed.at("body"));
  now = order_json(client, customer(), id);
  EXPECT_EQ(str(now.at("status")), "refunded");
  EXPECT_EQ(str(now.at("payment").at("status")), "refunded");
  const auto refunds = refunds_of(client, customer(), id);
  ASSERT_EQ(refunds.size(), 2u);
  EXPECT_EQ(str(refunds[1].at("status")), "succeeded");
  EXPECT_EQ(count_entries(order_events(client, admin(), id), "refunded"), 2u);
  EXPECT_TRUE(
      is_problem(post_refund(client, admin(), id, {{"amount", 1}, {"reason", "more"}}), 409, "order_not_refundable"));
}

TEST_F(Refunds, RefundRequestsAreChecked) {
  auto client = this->client();
  const auto order = paid_order(client);
  const auto id = str(order.at("id"));
  const auto total = order.at("total").as_int64();
  const json::object valid{{"amount", 100}, {"reason", "r"}};
  EXPECT_TRUE(is_problem(post_refund(client, admin(), id, {{"amount", total + 1}, {"reason", "r"}}), 422,
                         "refund_exceeds_payment"));
  EXPECT_TRUE(is_problem(post_refund(client, admin(), id, {{"amount", 0}, {"reason", "r"}}), 422, "validation_failed"));
  const auto unknown = post_refund(client, admin(), id, {{"amount", 100}, {"reason", "r"}, {"status", "refunded"}});
  EXPECT_TRUE(is_problem(unknown, 422, "validation_failed"));
  EXPECT_EQ(error_fields(unknown), (std::set<std::string>{"status"}));
  EXPECT_EQ(error_fields(post_refund(client, admin(), id, {{"amount", 100}})), (std::set<std::string>{"reason"}));
  EXPECT_TRUE(is_problem(post_refund(client, admin(), id, {{"amount", 100}, {"reason", std::string(501, 'x')}}), 422,
                         "validation_failed"));
  const auto malformed =
      client.request("POST", "/api/orders/" + id + "/refunds",
                     bearer(admin().access_token, {{"Content-Type", "application/json"}}), "{\"amount\":");
  EXPECT_EQ(malformed.status, 400) << malformed.describe();
  EXPECT_EQ(post_refund(client, customer(), id, valid).status, 403);
  EXPECT_EQ(post_refund(client, vendor(), id, valid).status, 403);
  EXPECT_TRUE(is_problem(post_refund(client, admin(), "ord_nope", valid), 404, "not_found"));
  const auto unpaid = str(stripe_order(client, customer()).at("id"));
  EXPECT_TRUE(is_problem(post_refund(client, admin(), unpaid, valid), 409, "order_not_refundable"));
  EXPECT_EQ(refunds_of(client, admin(), id).size(), 0u) << "none of these made a refund";
  EXPECT_EQ(stripe().refunds_for(intent_of(id)).size(), 0u);
}

TEST_F(Refunds, CustomersSeeTheRefundsOfTheirOwnOrdersOnly) {
  auto client = this->client();
  const auto id = str(paid_order(client).at("id"));
  ASSERT_EQ(post_refund(client, admin(), id, {{"amount", 300}, {"reason", "late"}}).status, 201);
  EXPECT_EQ(refunds_of(client, customer(), id).size(), 1u);
  EXPECT_EQ(refunds_of(client, admin(), id).size(), 1u);
  const auto other = client.get("/api/orders/" + id + "/refunds", bearer(other_customer().access_token));
  EXPECT_TRUE(is_problem(other, 404, "not_found"));
  EXPECT_EQ(client.get("/api/orders/" + id + "/refunds", bearer(vendor().access_token)).status, 403);
  EXPECT_EQ(client.get("/api/orders/" + id + "/refunds").status, 401);
}

TEST_F(Refunds, ARepeatWithTheSameKeyRefundsOnce) {
  auto client = this->client();
  const auto id = str(paid_order(client).at("id"));
  const Headers key{{"Idempotency-Key", "same-refund-" + id}};
  const json::object body{{"amount", 700}, {"reason", "scratched"}};
  const auto first = post_refund(client, admin(), id, body, key);
  ASSERT_EQ(first.status, 201) << first.describe();
  const auto again = post_refund(client, admin(), id, body, key);
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("Idempotent-Replayed"), "true");
  EXPECT_TRUE(is_problem(post_refund(client, admin(), id, {{"amount", 701}, {"reason", "scratched"}}, key), 422,
                         "idempotency_key_reused"));
  EXPECT_EQ(stripe().refunds_for(intent_of(id)).size(), 1u);
  EXPECT_EQ(refunds_of(client, admin(), id).size(), 1u);
}

TEST_F(Refunds, ConcurrentRefundsNeverExceedWhatWasPaid) {
  auto client = this->client();
  const auto order = paid_order(client);
  const auto id = str(order.at("id"));
  const auto third = order.at("total").as_int64() / 3 + 1;  // two fit, a third does not
  const auto responses = at_once(6, [&](HttpClient& c, int i) {
    return post_refund(c, admin(), id, {{"amount", third}, {"reason", "race"}},
                       {{"Idempotency-Key", "race-" + std::to_string(i) + "-" + id}});
  });
  EXPECT_EQ(count_status(responses, 201), 2) << statuses(responses);
  EXPECT_EQ(count_status(responses, 422), 4) << statuses(responses);
  std::int64_t refunded = 0;
  for (const auto& refund : stripe().refunds_for(intent_of(id))) refunded += refund.at("amount").as_int64();
  EXPECT_EQ(refunded, 2 * third);
  EXPECT_LE(refunded, order.at("total").as_int64());
}

// Stock comes back once: a paid order that has not shipped keeps its stock through a refund (restock refused)
// and gives it back when it is cancelled.
TEST_F(Refunds, AnUnshippedOrderIsNotRestockedByARefundButByItsCancel) {
  auto client = this->client();
  const auto variant = stocked_product(client, vendor(), 10, 2500);
  auto body = order_body({item(variant, 3)});
  body["paymentMethod"] = "stripe";
  const auto order = placed_order(client, customer(), body);
  const auto id = str(order.at("id"));
  ASSERT_EQ(pay(id).at("status"), json::value(200));
  EXPECT_EQ(stock_level(client, vendor(), variant), 7);
  const auto refused = post_refund(client, admin(), id, {{"amount", 2500}, {"reason", "returned"}, {"restock", true}});
  EXPECT_TRUE(is_problem(refused, 422, "restock_not_possible")) << refused.describe();
  EXPECT_EQ(error_fields(refused), (std::set<std::string>{"restock"}));
  EXPECT_EQ(stock_level(client, vendor(), variant), 7);
  EXPECT_EQ(refunds_of(client, admin(), id).size(), 0u) << "nothing was refunded";
  EXPECT_EQ(stripe().refunds_for(intent_of(id)).size(), 0u);

  ASSERT_EQ(post_refund(client, admin(), id, {{"amount", 1000}, {"reason", "late"}}).status, 201);
  EXPECT_EQ(status_of(client, admin(), id), "partially_refunded");
  EXPECT_EQ(stock_level(client, vendor(), variant), 7);
  const auto cancelled = cancel_order(client, admin(), id);
  ASSERT_EQ(cancelled.status, 200) << cancelled.describe();
  EXPECT_EQ(stock_level(client, vendor(), variant), 10) << "given back once, by the cancel";
  EXPECT_TRUE(reaches(client, admin(), id, "cancelled", "refunded")) << order_json(client, admin(), id);
  std::int64_t refunded = 0;
  for (const auto& refund : stripe().refunds_for(intent_of(id))) refunded += refund.at("amount").as_int64();
  EXPECT_EQ(refunded, order.at("total").as_int64()) << "the rest was refunded after the cancel";
  EXPECT_EQ(stock_level(client, vendor(), variant), 10);
  expect_ledger_balances(client, vendor(), variant.product_id);
}

// The goods came back: an order whose every line shipped is restocked once, by one refund.
TEST_F(Refunds, AShippedOrderIsRestockedOnceAndOnlyWhenEveryLineShipped) {
  auto client = this->client();
  const auto hat = stocked_product(client, vendor(), 10, 2500);
  const auto scarf = stocked_product(client, other_vendor(), 10, 1500);
  auto body = order_body({item(hat, 3), item(scarf, 2)});
  body["paymentMethod"] = "stripe";
  const auto id = str(placed_order(client, customer(), body).at("id"));
  ASSERT_EQ(pay(id).at("status"), json::value(200));
  const auto shipped = set_status(client, vendor(), id,
                                  json::object{{"status", "shipped"}, {"carrier", "DHL"}, {"trackingNumber", "T-9"}});
  ASSERT_EQ(shipped.status, 200) << shipped.describe();
  EXPECT_TRUE(is_problem(post_refund(client, admin(), id, {{"amount", 100}, {"reason", "partly"}, {"restock", true}}),
                         422, "restock_not_possible"))
      << "the scarves have not shipped";
  moved_to(client, admin(), id, "shipped");
  moved_to(client, admin(), id, "delivered");
  const auto restocked =
      post_refund(client, admin(), id, {{"amount", 2500}, {"reason", "returned"}, {"restock", true}});
  ASSERT_EQ(restocked.status, 201) << restocked.describe();
  EXPECT_EQ(str(restocked.json_object().at("status")), "succeeded");
  EXPECT_EQ(stock_level(client, vendor(), hat), 10);
  EXPECT_EQ(stock_level(client, other_vendor(), scarf), 10);
  EXPECT_TRUE(is_problem(post_refund(client, admin(), id, {{"amount", 100}, {"reason", "again"}, {"restock", true}}),
                         422, "restock_not_possible"));
  ASSERT_EQ(post_refund(client, admin(), id, {{"amount", 100}, {"reason", "goodwill"}}).status, 201);
  EXPECT_EQ(stock_level(client, vendor(), hat), 10);
  EXPECT_EQ(stock_level(client, other_vendor(), scarf), 10);
  const auto events = order_events(client, admin(), id);
  std::size_t restocks = 0;
  for (const auto& event : events)
    restocks += str(event.at("type")) == "refunded" && event.at("data").at("restocked") == json::value(true) ? 1 : 0;
  EXPECT_EQ(restocks, 1u);
  expect_ledger_balances(client, vendor(), hat.product_id);
  expect_ledger_balances(client, other_vendor(), scarf.product_id);
}

TEST_F(Refunds, CancellingAPaidStripeOrderRefundsItThroughStripe) {
  auto client = this->client();
  const auto by_cancel = paid_order(client);
  const auto by_status = paid_order(client);
  const auto cancelled = cancel_order(client, admin(), str(by_cancel.at("id")));
  ASSERT_EQ(cancelled.status, 200) << cancelled.describe();
  EXPECT_EQ(str(moved_to(client, admin(), str(by_status.at("id")), "cancelled").at("status")), "cancelled");
  for (const auto& order : {by_cancel, by_status}) {
    const auto id = str(order.at("id"));
    EXPECT_TRUE(reaches(client, admin(), id, "cancelled", "refunded")) << order_json(client, admin(), id);
    const auto refunds = stripe().refunds_for(intent_of(id));
    ASSERT_EQ(refunds.size(), 1u);
    EXPECT_EQ(refunds.front().at("amount"), order.at("total"));
    const auto ours = refunds_of(client, admin(), id);
    ASSERT_EQ(ours.size(), 1u);
    EXPECT_EQ(str(ours.front().at("status")), "succeeded");
  }
}

// No money moved through a provider: the job leaves a cancelled manual order refund_due until an admin records
// the refund the store made (which succeeds at once).
TEST_F(Refunds, ACancelledManualOrderWaitsForAnAdminToRecordItsRefund) {
  auto client = this->client();
  const auto variant = stocked_product(client, vendor(), 5, 4000);
  const auto manual = placed_order(client, customer(), order_body({item(variant, 1)}));
  const auto id = str(manual.at("id"));
  moved_to(client, admin(), id, "paid");
  ASSERT_EQ(cancel_order(client, admin(), id).status, 200);
  // A Stripe order cancelled after it: once the job has refunded that one, it has seen the manual one too.
  const auto card = str(paid_order(client).at("id"));
  ASSERT_EQ(cancel_order(client, admin(), card).status, 200);
  ASSERT_TRUE(reaches(client, admin(), card, "cancelled", "refunded")) << order_json(client, admin(), card);
  auto now = order_json(client, admin(), id);
  EXPECT_EQ(str(now.at("status")), "cancelled");
  EXPECT_EQ(str(now.at("payment").at("status")), "refund_due") << "not refunded by the job";
  EXPECT_EQ(refunds_of(client, admin(), id).size(), 0u);

  const auto recorded = post_refund(client, admin(), id, {{"reason", "Paid back by bank transfer"}});
  ASSERT_EQ(recorded.status, 201) << recorded.describe();
  EXPECT_EQ(str(recorded.json_object().at("status")), "succeeded");
  EXPECT_EQ(recorded.json_object().at("amount"), manual.at("total"));
  now = order_json(client, admin(), id);
  EXPECT_EQ(str(now.at("status")), "cancelled");
  EXPECT_EQ(str(now.at("payment").at("status")), "refunded");
  EXPECT_TRUE(
      is_problem(post_refund(client, admin(), id, {{"amount", 1}, {"reason", "more"}}), 409, "order_not_refundable"));
}

TEST_F(Refunds, ManualPaymentsAreRefundedAtOnce) {
  auto client = this->client();
  const auto variant = stocked_product(client, vendor(), 5, 4000);
  const auto id = str(placed_order(client, customer(), order_body({item(variant, 1)})).at("id"));
  moved_to(client, admin(), id, "paid");
  const auto refund = post_refund(client, admin(), id, {{"amount", 500}, {"reason", "discount after the fact"}});
  ASSERT_EQ(refund.status, 201) << refund.describe();
  EXPECT_EQ(str(refund.json_object().at("status")), "succeeded");
  EXPECT_EQ(status_of(client, admin(), id), "partially_refunded");
  const auto events = order_events(client, admin(), id);
  const auto& last = events.back().as_object();
  EXPECT_EQ(str(last.at("type")), "refunded");
  EXPECT_EQ(last.at("data").at("amount"), json::value(500));
  EXPECT_EQ(str(last.at("data").at("refundId")), str(refund.json_object().at("id")));
}

}  // namespace
}  // namespace emporium::testing
