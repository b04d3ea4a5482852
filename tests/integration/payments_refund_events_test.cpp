// What Stripe's refund events may and may not do to our refunds: a refunded total never confirms a refund
// Stripe has not acknowledged (409 refund_in_flight, delivered again later); a refund's own update
// (charge.refund.updated, refund.updated) confirms or fails it, also one whose answer was lost.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <atomic>
#include <thread>

#include "payments_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class RefundEvents : public PaymentsSuite<RefundEvents> {
 protected:
  // A Stripe order paid: the order as it is then.
  json::object paid_order(HttpClient& client) {
    const auto id = str(stripe_order(client, customer()).at("id"));
    const auto sent = pay(id);
    if (sent.at("status") != json::value(200)) throw std::runtime_error("paying failed: " + str(sent.at("body")));
    return order_json(client, admin(), id);
  }
  // The order's refund `refund_id` as GET /api/orders/:id/refunds shows it.
  json::object refund_of(HttpClient& client, const std::string& order_id, const std::string& refund_id) {
    for (const auto& refund : refunds_of(client, admin(), order_id))
      if (str(refund.at("id")) == refund_id) return refund.as_object();
    throw std::runtime_error("no refund " + refund_id + " of " + order_id);
  }
  // A refund event for the order's intent, delivered: {status, body, …}.
  json::object deliver(const std::string& order_id, json::object spec) {
    spec["intent"] = intent_of(order_id);
    return stripe().send_webhook(std::move(spec), webhook_url());
  }
};

// The suite shares the fake: whatever a test queued or set is undone however it ends.
struct FakeGuard {
  FakeStripe& stripe;
  ~FakeGuard() {
    stripe.clear_failures();
    stripe.set_refund_status("succeeded");
  }
};

std::string outcome_of(const json::object& delivered) {
  return str(json::parse(str(delivered.at("body"))).at("outcome"));
}

std::size_t refunded_entries(const json::array& events) {
  std::size_t count = 0;
  for (const auto& event : events) count += str(event.at("type")) == "refunded" ? 1 : 0;
  return count;
}

TEST_F(RefundEvents, ARefundedTotalNeverConfirmsARefundStripeHasNotAcknowledged) {
  auto client = this->client();
  const auto id = str(paid_order(client).at("id"));
  FakeGuard guard{stripe()};
  stripe().fail("500", 90, "/v1/refunds");  // nothing reaches Stripe's refunds for now
  const auto stuck = post_refund(client, admin(), id, {{"amount", 1000}, {"reason", "never sent"}});
  ASSERT_EQ(stuck.status, 201) << stuck.describe();
  const auto refund_id = str(stuck.json_object().at("id"));
  EXPECT_EQ(str(stuck.json_object().at("status")), "pending");
  EXPECT_TRUE(stuck.json_object().at("providerRefundId").is_null());

  // Stripe reports 1000 refunded (made in its dashboard, or ours after all: we cannot tell yet).
  const auto reported =
      stripe().signed_event({{"type", "charge.refunded"}, {"intent", intent_of(id)}, {"amount", 1000}});
  const auto body = str(reported.at("body_text"));
  const auto signature = str(reported.at("signature"));
  const auto refused = post_stripe_webhook(client, body, signature);
  EXPECT_TRUE(is_problem(refused, 409, "refund_in_flight")) << refused.describe();
  const auto order = order_json(client, admin(), id);
  EXPECT_EQ(str(order.at("status")), "paid");
  EXPECT_EQ(str(refund_of(client, id, refund_id).at("status")), "pending") << "not confirmed by a total";
  EXPECT_EQ(refunds_of(client, admin(), id).size(), 1u) << "no refund booked as made at Stripe";
  EXPECT_EQ(refunded_entries(order_events(client, admin(), id)), 0u);

  // Stripe is back: the job sends the refund, Stripe confirms it, and the event delivered again fits.
  stripe().clear_failures();
  ASSERT_TRUE(reaches(client, admin(), id, "partially_refunded", "partially_refunded"));
  EXPECT_EQ(str(refund_of(client, id, refund_id).at("status")), "succeeded");
  const auto again = post_stripe_webhook(client, body, signature);
  ASSERT_EQ(again.status, 200) << again.describe();
  EXPECT_EQ(again.json_object().at("duplicate"), json::value(false)) << "the refused delivery was not recorded";
  EXPECT_EQ(str(again.json_object().at("outcome")), "ignored");
  EXPECT_EQ(refunds_of(client, admin(), id).size(), 1u);
  EXPECT_EQ(refunded_entries(order_events(client, admin(), id)), 1u);
}

TEST_F(RefundEvents, ARefundThatFailsAtStripeLaterNoLongerHoldsBackItsAmount) {
  auto client = this->client();
  const auto order = paid_order(client);
  const auto id = str(order.at("id"));
  const auto total = order.at("total").as_int64();
  FakeGuard guard{stripe()};
  stripe().set_refund_status("pending");
  const auto pending = post_refund(client, admin(), id, {{"amount", total}, {"reason", "returned"}});
  ASSERT_EQ(pending.status, 201) << pending.describe();
  const auto refund_id = str(pending.json_object().at("id"));
  EXPECT_EQ(str(pending.json_object().at("status")), "pending");
  EXPECT_TRUE(
      is_problem(post_refund(client, admin(), id, {{"amount", 1}, {"reason", "more"}}), 422, "refund_exceeds_payment"));

  const auto failed = deliver(id, {{"type", "charge.refund.updated"}, {"refund", refund_id}, {"status", "failed"}});
  ASSERT_EQ(failed.at("status"), json::value(200)) << str(failed.at("body"));
  EXPECT_EQ(outcome_of(failed), "applied");
  const auto refund = refund_of(client, id, refund_id);
  EXPECT_EQ(str(refund.at("status")), "failed");
  EXPECT_NE(str(refund.at("failureReason")).find("expired_or_canceled_card"), std::string::npos) << refund;
  EXPECT_EQ(status_of(client, admin(), id), "paid");

  stripe().set_refund_status("succeeded");
  const auto retried = post_refund(client, admin(), id, {{"amount", total}, {"reason", "returned, again"}});
  ASSERT_EQ(retried.status, 201) << retried.describe();
  EXPECT_EQ(str(retried.json_object().at("status")), "succeeded");
  EXPECT_EQ(status_of(client, admin(), id), "refunded");
}

TEST_F(RefundEvents, ARefundStripeSettlesLaterIsConfirmedByItsUpdateOnce) {
  auto client = this->client();
  const auto id = str(paid_order(client).at("id"));
  FakeGuard guard{stripe()};
  stripe().set_refund_status("pending");
  const auto pending = post_refund(client, admin(), id, {{"amount", 700}, {"reason", "scratched"}});
  ASSERT_EQ(pending.status, 201) << pending.describe();
  const auto refund_id = str(pending.json_object().at("id"));
  const auto stripe_id = str(pending.json_object().at("providerRefundId"));
  EXPECT_EQ(status_of(client, admin(), id), "paid");

  const auto settled = deliver(id, {{"type", "refund.updated"}, {"refund", stripe_id}, {"status", "succeeded"}});
  ASSERT_EQ(settled.at("status"), json::value(200)) << str(settled.at("body"));
  EXPECT_EQ(outcome_of(settled), "applied");
  EXPECT_EQ(str(refund_of(client, id, refund_id).at("status")), "succeeded");
  EXPECT_EQ(status_of(client, admin(), id), "partially_refunded");
  const auto total = deliver(id, {{"type", "charge.refunded"}});
  ASSERT_EQ(total.at("status"), json::value(200)) << str(total.at("body"));
  EXPECT_EQ(outcome_of(total), "ignored") << "the total is what was recorded already";
  const auto late = deliver(id, {{"type", "charge.refund.updated"}, {"refund", stripe_id}});
  EXPECT_EQ(outcome_of(late), "ignored");
  EXPECT_EQ(refunds_of(client, admin(), id).size(), 1u);
  EXPECT_EQ(refunded_entries(order_events(client, admin(), id)), 1u);
}

// Stripe made the refund but its answers were lost (the job keeps asking): the refund's update names ours in its
// metadata, which is enough.
TEST_F(RefundEvents, AnUpdateNamingOurRefundConfirmsItThoughItsAnswerWasLost) {
  auto client = this->client();
  const auto id = str(paid_order(client).at("id"));
  FakeGuard guard{stripe()};
  stripe().fail("twice", 90, "/v1/refunds");  // done at Stripe, answered 500
  const auto lost = post_refund(client, admin(), id, {{"amount", 500}, {"reason", "lost answer"}});
  ASSERT_EQ(lost.status, 201) << lost.describe();
  const auto refund_id = str(lost.json_object().at("id"));
  EXPECT_EQ(str(lost.json_object().at("status")), "pending");
  ASSERT_EQ(stripe().refunds_for(intent_of(id)).size(), 1u) << "Stripe has it";

  const auto update = deliver(id, {{"type", "charge.refund.updated"}, {"refund", refund_id}, {"status", "succeeded"}});
  ASSERT_EQ(update.at("status"), json::value(200)) << str(update.at("body"));
  EXPECT_EQ(outcome_of(update), "applied");
  const auto refund = refund_of(client, id, refund_id);
  EXPECT_EQ(str(refund.at("status")), "succeeded");
  EXPECT_EQ(refund.at("providerRefundId"), stripe().refunds_for(intent_of(id)).at(0).at("id"));
  EXPECT_EQ(status_of(client, admin(), id), "partially_refunded");
  EXPECT_EQ(stripe().refunds_for(intent_of(id)).size(), 1u);
}

// While Stripe's answer to our refund is on its way, its charge.refunded confirms the refund it names, or is
// refused (not acknowledged yet), or finds it confirmed: the refund is counted once either way.
TEST_F(RefundEvents, ARefundAndItsTotalArrivingTogetherAreCountedOnce) {
  auto client = this->client();
  for (int round = 0; round < 3; ++round) {
    const auto id = str(paid_order(client).at("id"));
    FakeGuard guard{stripe()};
    stripe().fail("timeout", 1, "/v1/refunds", 0.4);  // made at once, answered 0.4 s later
    std::atomic<bool> answered = false;
    std::vector<json::object> deliveries;
    std::thread reporter([&] {
      while (!answered) deliveries.push_back(deliver(id, {{"type", "charge.refunded"}}));
      deliveries.push_back(deliver(id, {{"type", "charge.refunded"}}));
    });
    const auto refund = post_refund(client, admin(), id, {{"amount", 900}, {"reason", "race"}});
    answered = true;
    reporter.join();
    ASSERT_EQ(refund.status, 201) << refund.describe();
    EXPECT_EQ(str(refund.json_object().at("status")), "succeeded");
    // Refused while not acknowledged, or confirming it (the charge's newest refund carries our id), or ignored
    // once it is recorded: at most one of them (or the answer) confirms it.
    int confirming = 0;
    for (const auto& delivered : deliveries) {
      const auto status = delivered.at("status").as_int64();
      EXPECT_TRUE(status == 200 || status == 409) << str(delivered.at("body"));
      if (status == 200) confirming += outcome_of(delivered) == "applied" ? 1 : 0;
    }
    EXPECT_LE(confirming, 1);
    EXPECT_EQ(refunds_of(client, admin(), id).size(), 1u) << "round " << round;
    EXPECT_EQ(refunded_entries(order_events(client, admin(), id)), 1u) << "round " << round;
    EXPECT_EQ(status_of(client, admin(), id), "partially_refunded");
  }
}

}  // namespace
}  // namespace emporium::testing
