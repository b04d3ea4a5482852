#include "payments/stripe/stripe_events.hpp"

#include <gtest/gtest.h>

namespace emporium::payments::stripe {
namespace {
using Kind = orders::ProviderEvent::Kind;

TEST(StripeEvents, PaymentIntentSucceeded) {
  const auto event = parse_event(R"({"id": "evt_1", "object": "event", "type": "payment_intent.succeeded",
    "created": 1700000000, "data": {"object": {"id": "pi_1", "object": "payment_intent", "amount": 5000,
    "amount_received": 4990, "currency": "eur", "latest_charge": "ch_1", "metadata": {"order_id": "ord_1"}}}})");
  ASSERT_TRUE(event) << event.error().detail;
  EXPECT_EQ(event->kind, Kind::PaymentSucceeded);
  EXPECT_EQ(event->provider, "stripe");
  EXPECT_EQ(event->event_id, "evt_1");
  EXPECT_EQ(event->type, "payment_intent.succeeded");
  EXPECT_EQ(event->amount, 4990) << "what was received, not what was asked";
  EXPECT_EQ(event->currency, "EUR");
  EXPECT_EQ(event->order_id, "ord_1");
  EXPECT_EQ(event->reference, "pi_1");
  EXPECT_EQ(event->capture_id, "ch_1");
  EXPECT_EQ(to_unix_millis(event->occurred_at), 1'700'000'000'000);
}

TEST(StripeEvents, PaymentFailedCarriesTheReason) {
  const auto event = parse_event(R"({"id": "evt_2", "type": "payment_intent.payment_failed", "data": {"object":
    {"id": "pi_2", "amount": 700, "currency": "usd", "metadata": {"order_id": "ord_2"},
     "last_payment_error": {"message": "Your card was declined."}}}})");
  ASSERT_TRUE(event) << event.error().detail;
  EXPECT_EQ(event->kind, Kind::PaymentFailed);
  EXPECT_EQ(event->failure_reason, "Your card was declined.");
  EXPECT_EQ(event->reference, "pi_2");
}

TEST(StripeEvents, ChargeRefundedGivesTheTotalAndTheNewestRefund) {
  const auto event = parse_event(R"({"id": "evt_3", "type": "charge.refunded", "data": {"object":
    {"id": "ch_3", "object": "charge", "amount": 5000, "amount_refunded": 3000, "currency": "usd",
     "payment_intent": "pi_3", "metadata": {},
     "refunds": {"object": "list", "data": [{"id": "re_new", "amount": 1000}, {"id": "re_old", "amount": 2000}]}}}})");
  ASSERT_TRUE(event) << event.error().detail;
  EXPECT_EQ(event->kind, Kind::Refunded);
  EXPECT_EQ(event->amount, 3000);
  EXPECT_EQ(event->reference, "pi_3");
  EXPECT_EQ(event->capture_id, "ch_3");
  EXPECT_EQ(event->refund_id, "re_new");
  EXPECT_EQ(event->order_id, std::nullopt) << "charges do not carry the intent's metadata";
}

TEST(StripeEvents, ChargeRefundedNamesOurRefundWhenTheNewestCarriesIt) {
  const auto event = parse_event(R"({"id": "evt_3b", "type": "charge.refunded", "data": {"object":
    {"id": "ch_3", "amount_refunded": 1000, "currency": "usd", "payment_intent": "pi_3",
     "refunds": {"data": [{"id": "re_1", "amount": 1000, "metadata": {"refund_id": "rfd_1"}}]}}}})");
  ASSERT_TRUE(event) << event.error().detail;
  EXPECT_EQ(event->refund_id, "re_1");
  EXPECT_EQ(event->our_refund_id, "rfd_1");
}

TEST(StripeEvents, RefundUpdatedCarriesTheRefundsOwnStatus) {
  for (const auto* type : {"charge.refund.updated", "refund.updated"}) {
    const auto event = parse_event(std::string(R"({"id": "evt_6", "type": ")") + type +
                                   R"(", "data": {"object": {"id": "re_6", "object": "refund", "amount": 800,
      "currency": "usd", "status": "failed", "failure_reason": "expired_or_canceled_card", "charge": "ch_6",
      "payment_intent": "pi_6", "metadata": {"order_id": "ord_6", "refund_id": "rfd_6"}}}})");
    ASSERT_TRUE(event) << event.error().detail;
    EXPECT_EQ(event->kind, Kind::RefundUpdated) << type;
    EXPECT_EQ(event->refund_id, "re_6");
    EXPECT_EQ(event->our_refund_id, "rfd_6");
    EXPECT_EQ(event->order_id, "ord_6");
    EXPECT_EQ(event->reference, "pi_6");
    EXPECT_EQ(event->capture_id, "ch_6");
    EXPECT_EQ(event->amount, 800) << "the refund's own amount";
    EXPECT_EQ(event->currency, "USD");
    EXPECT_EQ(event->refund_status, "failed");
    EXPECT_EQ(event->failure_reason, "expired_or_canceled_card");
  }
  EXPECT_FALSE(parse_event(R"({"id": "evt_7", "type": "refund.updated", "data": {"object": {"id": "re_7"}}})"))
      << "a refund without status, amount and currency cannot be read";
}

TEST(StripeEvents, RefundStatusesInOurWords) {
  EXPECT_EQ(our_refund_status("succeeded"), "succeeded");
  EXPECT_EQ(our_refund_status("failed"), "failed");
  EXPECT_EQ(our_refund_status("canceled"), "failed");
  EXPECT_EQ(our_refund_status("pending"), "pending");
  EXPECT_EQ(our_refund_status("requires_action"), "pending");
}

TEST(StripeEvents, OtherTypesAreIgnoredNotRefused) {
  const auto event = parse_event(R"({"id": "evt_4", "type": "customer.created", "data": {"object": {"id": "cus_1"}}})");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->kind, Kind::Ignored);
  EXPECT_EQ(event->event_id, "evt_4");
}

TEST(StripeEvents, UnreadableEventsAre400) {
  for (const auto* body :
       {"", "[]", "not json", R"({"type": "payment_intent.succeeded"})",
        R"({"id": "evt_5", "type": "payment_intent.succeeded", "data": {"object": {"id": "pi_5"}}})",
        R"({"id": "evt_6", "type": "charge.refunded", "data": {"object": {"amount_refunded": "1"}}})"}) {
    const auto event = parse_event(body);
    ASSERT_FALSE(event) << body;
    EXPECT_EQ(event.error().status, 400) << body;
  }
}

}  // namespace
}  // namespace emporium::payments::stripe
