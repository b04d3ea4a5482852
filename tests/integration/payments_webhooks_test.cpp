// Stripe end to end: the intent made when an order is placed, signed webhooks that pay it once, and every
// webhook that must change nothing (unsigned, badly signed, replayed, duplicated, wrong amount).
#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "payments_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class StripeWebhooks : public PaymentsSuite<StripeWebhooks> {};

json::object payment_of(const json::object& order) { return order.at("payment").as_object(); }

std::size_t count_status_changes(const json::array& events, const std::string& to) {
  std::size_t count = 0;
  for (const auto& event : events)
    if (str(event.at("type")) == "status_changed" && str(event.at("toStatus")) == to) ++count;
  return count;
}

// A well-formed order id that no order has: the order's own id with its last character changed.
std::string unknown_order_id(const std::string& id) {
  return id.substr(0, id.size() - 1) + (id.back() == 'A' ? "B" : "A");
}

TEST_F(StripeWebhooks, AnOrderGetsOneIntentAndIsPaidByASignedSucceededEvent) {
  auto client = this->client();
  const auto order = stripe_order(client, customer());
  const auto id = str(order.at("id"));
  const auto payment = payment_of(order);
  EXPECT_EQ(str(payment.at("provider")), "stripe");
  EXPECT_EQ(str(payment.at("status")), "pending");
  const auto intents = stripe().intents_for(id);
  ASSERT_EQ(intents.size(), 1u);
  const auto& intent = intents.front().as_object();
  EXPECT_EQ(payment.at("clientSecret"), intent.at("client_secret"));
  EXPECT_EQ(payment.at("reference"), intent.at("id"));
  EXPECT_EQ(intent.at("amount"), order.at("total"));
  EXPECT_EQ(str(intent.at("currency")), "usd");
  EXPECT_EQ(intent.at("automatic_payment_methods").at("enabled"), json::value(true));

  json::object request;
  for (const auto& seen : stripe().requests())
    if (seen.at("form").as_object().contains("metadata") && str(seen.at("form").at("metadata").at("order_id")) == id)
      request = seen.as_object();
  ASSERT_FALSE(request.empty());
  EXPECT_EQ(str(request.at("path")), "/v1/payment_intents");
  EXPECT_EQ(str(request.at("authorization")), std::string("Bearer ") + kStripeSecretKey);
  EXPECT_EQ(str(request.at("stripeVersion")), "2024-06-20");
  EXPECT_EQ(str(request.at("contentType")), "application/x-www-form-urlencoded");
  EXPECT_NE(str(request.at("idempotencyKey")).find(id), std::string::npos) << "derived from the order";

  const auto as_admin = order_json(client, admin(), id);
  EXPECT_FALSE(as_admin.at("payment").as_object().contains("clientSecret")) << "the secret is the customer's";
  EXPECT_EQ(order_json(client, customer(), id).at("payment").at("clientSecret"), payment.at("clientSecret"));

  const auto delivered = pay(id);
  ASSERT_EQ(delivered.at("status"), json::value(200)) << str(delivered.at("body"));
  EXPECT_EQ(str(json::parse(str(delivered.at("body"))).at("outcome")), "applied");
  const auto paid = order_json(client, customer(), id);
  EXPECT_EQ(str(paid.at("status")), "paid");
  EXPECT_EQ(str(paid.at("payment").at("status")), "paid");
  EXPECT_FALSE(paid.at("payment").as_object().contains("clientSecret"));
  EXPECT_FALSE(paid.at("paidAt").is_null());
  EXPECT_TRUE(str(paid.at("invoiceNumber")).starts_with("INV-")) << paid.at("invoiceNumber");
  EXPECT_EQ(count_status_changes(order_events(client, customer(), id), "paid"), 1u);
}

TEST_F(StripeWebhooks, ADuplicateEventChangesNothing) {
  auto client = this->client();
  const auto id = str(stripe_order(client, customer()).at("id"));
  const auto signed_event = stripe().signed_event({{"type", "payment_intent.succeeded"}, {"intent", intent_of(id)}});
  const auto body = str(signed_event.at("body_text"));
  const auto signature = str(signed_event.at("signature"));
  const auto first = post_stripe_webhook(client, body, signature);
  ASSERT_EQ(first.status, 200) << first.describe();
  EXPECT_EQ(first.json_object().at("duplicate"), json::value(false));
  const auto paid = order_json(client, admin(), id);
  const auto again = post_stripe_webhook(client, body, signature);
  ASSERT_EQ(again.status, 200) << again.describe();
  EXPECT_EQ(again.json_object().at("duplicate"), json::value(true));
  const auto after = order_json(client, admin(), id);
  EXPECT_EQ(after.at("version"), paid.at("version"));
  EXPECT_EQ(after.at("invoiceNumber"), paid.at("invoiceNumber"));
  EXPECT_EQ(count_status_changes(order_events(client, admin(), id), "paid"), 1u);
}

TEST_F(StripeWebhooks, UnsignedBadlySignedOrOldEventsAre400AndChangeNothing) {
  auto client = this->client();
  const auto id = str(stripe_order(client, customer()).at("id"));
  const auto intent = intent_of(id);
  for (const auto& [how, age] :
       {std::pair{"none", 0}, std::pair{"bad", 0}, std::pair{"valid", 301}, std::pair{"valid", -301}}) {
    const auto sent = stripe().send_webhook(
        {{"type", "payment_intent.succeeded"}, {"intent", intent}, {"signature", how}, {"age", age}}, webhook_url());
    EXPECT_EQ(sent.at("status"), json::value(400)) << how << " " << age << ": " << str(sent.at("body"));
    EXPECT_EQ(str(json::parse(str(sent.at("body"))).at("code")), "invalid_signature");
  }
  const auto tampered = stripe().signed_event({{"type", "payment_intent.succeeded"}, {"intent", intent}});
  auto body = str(tampered.at("body_text"));
  body.insert(body.size() - 1, " ");
  EXPECT_TRUE(is_problem(post_stripe_webhook(client, body, str(tampered.at("signature"))), 400, "invalid_signature"));
  EXPECT_TRUE(is_problem(post_stripe_webhook(client, body, "t=1,v1=zz"), 400, "invalid_signature"));
  const auto order = order_json(client, admin(), id);
  EXPECT_EQ(str(order.at("status")), "pending_payment");
  EXPECT_TRUE(order.at("invoiceNumber").is_null());

  const auto rotated = stripe().send_webhook(
      {{"type", "payment_intent.succeeded"}, {"intent", intent}, {"signature", "rotated"}}, webhook_url());
  EXPECT_EQ(rotated.at("status"), json::value(200)) << "one of several v1 signatures matches";
  EXPECT_EQ(status_of(client, admin(), id), "paid");
}

TEST_F(StripeWebhooks, AnAmountOrCurrencyMismatchDoesNotPayAndIsAnAnomaly) {
  auto client = this->client();
  const auto order = stripe_order(client, customer());
  const auto id = str(order.at("id"));
  const auto total = order.at("total").as_int64();
  const auto short_paid = pay(id, {{"amount", total - 1}});
  ASSERT_EQ(short_paid.at("status"), json::value(200)) << str(short_paid.at("body"));
  EXPECT_EQ(str(json::parse(str(short_paid.at("body"))).at("outcome")), "anomaly");
  EXPECT_EQ(status_of(client, admin(), id), "pending_payment");
  const auto logged = server().wait_for_log([&](const json::object& record) {
    return record.contains("msg") && str(record.at("msg")) == "payment event anomaly" && record.contains("order") &&
           str(record.at("order")) == id;
  });
  EXPECT_TRUE(logged) << "a warning names the order";
  const auto euros = pay(id, {{"currency", "eur"}});
  EXPECT_EQ(str(json::parse(str(euros.at("body"))).at("outcome")), "anomaly");
  EXPECT_EQ(status_of(client, admin(), id), "pending_payment");
  pay(id);
  EXPECT_EQ(status_of(client, admin(), id), "paid");
}

TEST_F(StripeWebhooks, AnEventForAnUnknownOrderIsRefusedSoThatStripeSendsItAgain) {
  auto client = this->client();
  const auto id = str(stripe_order(client, customer()).at("id"));
  const auto missing = unknown_order_id(id);
  const auto foreign = stripe().signed_event({{"type", "payment_intent.succeeded"},
                                              {"intent", stripe().create_intent(2500, "usd", missing)},
                                              {"metadata", {{"order_id", missing}}}});
  for (int attempt = 0; attempt < 2; ++attempt) {
    const auto refused = post_stripe_webhook(client, str(foreign.at("body_text")), str(foreign.at("signature")));
    EXPECT_TRUE(is_problem(refused, 409, "unknown_order")) << "not recorded: delivered again, refused again";
  }
  const auto unrelated = stripe().send_webhook(
      {{"type", "payment_intent.succeeded"}, {"intent", stripe().create_intent(999, "usd", "")}}, webhook_url());
  EXPECT_EQ(unrelated.at("status"), json::value(200)) << "an intent of another system: recorded as ignored";
  EXPECT_EQ(str(json::parse(str(unrelated.at("body"))).at("outcome")), "ignored");
}

TEST_F(StripeWebhooks, AnEventBeforeThePaymentWasStoredFindsItsOrderByMetadata) {
  auto client = this->client();
  stripe().fail("500", 3, "/v1/payment_intents");
  const auto order = stripe_order(client, customer());
  const auto id = str(order.at("id"));
  EXPECT_EQ(str(order.at("payment").at("status")), "not_started");
  ASSERT_EQ(stripe().intents_for(id).size(), 0u);
  // Stripe made the intent, but the answer never reached us: its events still name the order.
  const auto intent = stripe().create_intent(order.at("total").as_int64(), "usd", id);
  const auto sent = stripe().send_webhook({{"type", "payment_intent.succeeded"}, {"intent", intent}}, webhook_url());
  ASSERT_EQ(sent.at("status"), json::value(200)) << str(sent.at("body"));
  const auto paid = order_json(client, customer(), id);
  EXPECT_EQ(str(paid.at("status")), "paid");
  EXPECT_EQ(str(paid.at("payment").at("reference")), intent) << "learnt from the event";
}

TEST_F(StripeWebhooks, ARefundReportedBeforeThePaymentIsAnAnomalyAndChangesNothing) {
  auto client = this->client();
  const auto id = str(stripe_order(client, customer()).at("id"));
  const auto early =
      stripe().send_webhook({{"type", "charge.refunded"}, {"intent", intent_of(id)}, {"amount", 1000}}, webhook_url());
  ASSERT_EQ(early.at("status"), json::value(200)) << str(early.at("body"));
  EXPECT_EQ(str(json::parse(str(early.at("body"))).at("outcome")), "anomaly");
  const auto order = order_json(client, admin(), id);
  EXPECT_EQ(str(order.at("status")), "pending_payment");
  EXPECT_EQ(str(order.at("payment").at("status")), "pending");
  EXPECT_EQ(refunds_of(client, admin(), id).size(), 0u);
}

TEST_F(StripeWebhooks, ConcurrentDeliveriesOfOneEventApplyItOnce) {
  auto client = this->client();
  const auto id = str(stripe_order(client, customer()).at("id"));
  const auto signed_event = stripe().signed_event({{"type", "payment_intent.succeeded"}, {"intent", intent_of(id)}});
  const auto body = str(signed_event.at("body_text"));
  const auto signature = str(signed_event.at("signature"));
  const auto responses = at_once(8, [&](HttpClient& c, int) { return post_stripe_webhook(c, body, signature); });
  ASSERT_EQ(count_status(responses, 200), 8) << statuses(responses);
  int fresh = 0;
  for (const auto& response : responses) fresh += response.json_object().at("duplicate") == json::value(false) ? 1 : 0;
  EXPECT_EQ(fresh, 1);
  EXPECT_EQ(status_of(client, admin(), id), "paid");
  EXPECT_EQ(count_status_changes(order_events(client, admin(), id), "paid"), 1u);
}

TEST_F(StripeWebhooks, MoneyForACancelledOrderIsRefundedInFull) {
  auto client = this->client();
  const auto order = stripe_order(client, customer());
  const auto id = str(order.at("id"));
  ASSERT_EQ(cancel_order(client, customer(), id).status, 200);
  const auto late = pay(id);
  ASSERT_EQ(late.at("status"), json::value(200)) << str(late.at("body"));
  EXPECT_EQ(str(json::parse(str(late.at("body"))).at("outcome")), "anomaly");
  EXPECT_TRUE(reaches(client, admin(), id, "cancelled", "refunded")) << order_json(client, admin(), id);
  const auto refunds = stripe().refunds_for(intent_of(id));
  ASSERT_EQ(refunds.size(), 1u);
  EXPECT_EQ(refunds.front().at("amount"), order.at("total"));
}

// Paid, cancelled, refunded: a further succeeded event (another event id, as Stripe may send) for the same
// intent is about money already recorded and refunded, and changes nothing.
TEST_F(StripeWebhooks, AnotherSucceededEventAfterTheCancelRefundChangesNothing) {
  auto client = this->client();
  const auto id = str(stripe_order(client, customer()).at("id"));
  ASSERT_EQ(pay(id).at("status"), json::value(200));
  ASSERT_EQ(cancel_order(client, admin(), id).status, 200);
  ASSERT_TRUE(reaches(client, admin(), id, "cancelled", "refunded")) << order_json(client, admin(), id);
  const auto before = order_json(client, admin(), id);
  const auto again = pay(id);
  ASSERT_EQ(again.at("status"), json::value(200)) << str(again.at("body"));
  const auto answer = json::parse(str(again.at("body"))).as_object();
  EXPECT_EQ(answer.at("duplicate"), json::value(false)) << "a new event id";
  EXPECT_EQ(str(answer.at("outcome")), "ignored");
  const auto after = order_json(client, admin(), id);
  EXPECT_EQ(str(after.at("payment").at("status")), "refunded");
  EXPECT_EQ(after.at("version"), before.at("version"));
  EXPECT_EQ(refunds_of(client, admin(), id).size(), 1u);
  EXPECT_EQ(stripe().refunds_for(intent_of(id)).size(), 1u);
}

}  // namespace
}  // namespace emporium::testing
