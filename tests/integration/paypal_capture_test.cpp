// The PayPal provider against the fake PayPal: capturing an approved order (paid only when the capture is
// COMPLETED) and refunding captures, in full or in parts, idempotently.

#include <boost/json/parse.hpp>

#include "paypal_provider_suite.hpp"

namespace emporium::testing {
namespace {

namespace json = boost::json;

std::string request_id_of(const json::object& request) {
  return std::string(request.at("headers").at("paypal-request-id").as_string());
}

TEST_F(PayPalProviderTest, CaptureBeforeApprovalIsRefused) {
  const auto ours = order();
  const auto started = provider->start(ours);
  ASSERT_TRUE(started);
  const auto capture = provider->capture(ours, record_of(ours, *started));
  ASSERT_FALSE(capture);
  EXPECT_EQ(capture.error().status, 422);
  EXPECT_EQ(capture.error().code, "payment_not_approved");
  EXPECT_TRUE(fake.state().at("captures").as_array().empty());
}

TEST_F(PayPalProviderTest, CaptureOfAnApprovedOrderIsCompleted) {
  const auto ours = order(2599);
  const auto started = provider->start(ours);
  ASSERT_TRUE(started);
  fake.approve(started->reference);
  const auto capture = provider->capture(ours, record_of(ours, *started));
  ASSERT_TRUE(capture) << capture.error().detail;
  EXPECT_TRUE(capture->completed);
  EXPECT_EQ(capture->status, "COMPLETED");
  EXPECT_EQ(capture->amount, 2599);
  EXPECT_EQ(capture->currency, "USD");
  const auto captures = fake.state().at("captures").as_array();
  ASSERT_EQ(captures.size(), 1u);
  EXPECT_EQ(capture->capture_id, captures[0].at("id").as_string());
  const auto calls = fake.requests("/v2/checkout/orders/" + started->reference + "/capture");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(request_id_of(calls[0]), "emporium-" + ours.id + "-capture");
}

TEST_F(PayPalProviderTest, APendingCaptureIsNotCompleted) {
  const auto ours = order();
  const auto started = provider->start(ours);
  ASSERT_TRUE(started);
  fake.approve(started->reference, "PENDING");
  const auto capture = provider->capture(ours, record_of(ours, *started));
  ASSERT_TRUE(capture);
  EXPECT_FALSE(capture->completed);
  EXPECT_EQ(capture->status, "PENDING");
  EXPECT_FALSE(capture->capture_id.empty());
}

TEST_F(PayPalProviderTest, ADeclinedCaptureIsNotCompleted) {
  const auto ours = order();
  const auto started = provider->start(ours);
  ASSERT_TRUE(started);
  fake.approve(started->reference, "DECLINED");
  const auto capture = provider->capture(ours, record_of(ours, *started));
  ASSERT_TRUE(capture);
  EXPECT_FALSE(capture->completed);
  EXPECT_EQ(capture->status, "DECLINED");
}

TEST_F(PayPalProviderTest, CapturingTwiceReportsTheOneCapture) {
  const auto ours = order();
  const auto record = captured(ours);
  const auto again = provider->capture(ours, record);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->completed);
  EXPECT_EQ(again->capture_id, *record.capture_id);
  EXPECT_EQ(fake.state().at("captures").as_array().size(), 1u);
}

TEST_F(PayPalProviderTest, AnOrderCapturedElsewhereIsReadBack) {
  // Captured without our capture call's answer (e.g. it was lost): PayPal says ORDER_ALREADY_CAPTURED.
  const auto ours = order();
  const auto started = provider->start(ours);
  ASSERT_TRUE(started);
  fake.approve(started->reference);
  fake.send_webhook({{"event_type", "PAYMENT.CAPTURE.COMPLETED"}, {"order_id", started->reference}});
  const auto capture = provider->capture(ours, record_of(ours, *started));
  ASSERT_TRUE(capture) << capture.error().detail;
  EXPECT_TRUE(capture->completed);
  EXPECT_EQ(capture->capture_id, fake.state().at("captures").at(0).at("id").as_string());
  EXPECT_EQ(fake.requests("/v2/checkout/orders/" + started->reference, "GET").size(), 1u);
}

TEST_F(PayPalProviderTest, CaptureRetriedAfterA500CapturesOnce) {
  const auto ours = order();
  const auto started = provider->start(ours);
  ASSERT_TRUE(started);
  fake.approve(started->reference);
  fake.fail({{"mode", "twice"}, {"path", "/v2/checkout/orders/" + started->reference + "/capture"}});
  const auto capture = provider->capture(ours, record_of(ours, *started));
  ASSERT_TRUE(capture) << capture.error().detail;
  EXPECT_TRUE(capture->completed);
  EXPECT_EQ(fake.state().at("captures").as_array().size(), 1u);
}

TEST_F(PayPalProviderTest, NothingStartedNothingToCapture) {
  const auto ours = order();
  const auto capture = provider->capture(ours, {.order_id = ours.id, .provider = "paypal"});
  ASSERT_FALSE(capture);
  EXPECT_EQ(capture.error().code, "payment_not_started");
  EXPECT_TRUE(fake.requests().empty());
}

TEST_F(PayPalProviderTest, AReferenceThatIsNoPayPalIdNeverReachesAUrl) {
  const auto ours = order();
  const auto capture = provider->capture(ours, {.order_id = ours.id, .reference = "../../v1/x"});
  ASSERT_FALSE(capture);
  EXPECT_EQ(capture.error().status, 503);
  EXPECT_TRUE(fake.requests().empty());
}

TEST_F(PayPalProviderTest, FullRefund) {
  const auto ours = order(2500);
  const auto record = captured(ours);
  const auto refund = provider->refund(
      ours, record, {.refund_id = "rfd_full1", .amount = 2500, .currency = "USD", .reason = "Changed my mind"});
  ASSERT_TRUE(refund) << refund.error().detail;
  EXPECT_EQ(refund->status, "succeeded");
  const auto refunds = fake.state().at("refunds").as_array();
  ASSERT_EQ(refunds.size(), 1u);
  EXPECT_EQ(refund->provider_refund_id, refunds[0].at("id").as_string());
  const auto calls = fake.requests("/v2/payments/captures/" + *record.capture_id + "/refund");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(request_id_of(calls[0]), "rfd_full1");
  EXPECT_EQ(calls[0].at("body"), json::parse(R"({"amount": {"value": "25.00", "currency_code": "USD"},
      "custom_id": ")" + ours.id + R"(", "note_to_payer": "Changed my mind"})"));
  EXPECT_EQ(fake.state().at("captures").at(0).at("status"), "REFUNDED");
}

TEST_F(PayPalProviderTest, PartialRefundsUpToTheCapturedAmount) {
  const auto ours = order(2500);
  const auto record = captured(ours);
  const auto first = provider->refund(ours, record, {.refund_id = "rfd_p1", .amount = 1000, .currency = "USD"});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, "succeeded");
  EXPECT_EQ(fake.state().at("captures").at(0).at("status"), "PARTIALLY_REFUNDED");
  const auto second = provider->refund(ours, record, {.refund_id = "rfd_p2", .amount = 1500, .currency = "USD"});
  ASSERT_TRUE(second);
  EXPECT_NE(first->provider_refund_id, second->provider_refund_id);
  const auto third = provider->refund(ours, record, {.refund_id = "rfd_p3", .amount = 1, .currency = "USD"});
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().status, 422);
  EXPECT_EQ(third.error().code, "payment_provider_refused");
  EXPECT_EQ(fake.state().at("refunds").as_array().size(), 2u);
}

TEST_F(PayPalProviderTest, ARefundRetriedWithItsIdRefundsOnce) {
  const auto ours = order(2500);
  const auto record = captured(ours);
  const orders::RefundRequest request{.refund_id = "rfd_again", .amount = 1000, .currency = "USD"};
  fake.fail({{"mode", "twice"}, {"path", "/v2/payments/captures/"}});
  const auto first = provider->refund(ours, record, request);
  const auto again = provider->refund(ours, record, request);
  ASSERT_TRUE(first && again);
  EXPECT_EQ(first->provider_refund_id, again->provider_refund_id);
  EXPECT_EQ(fake.state().at("refunds").as_array().size(), 1u);
  EXPECT_EQ(fake.requests("/v2/payments/captures/").size(), 3u);
}

TEST_F(PayPalProviderTest, APendingRefundIsPending) {
  fake.configure({{"refund_status", "PENDING"}});
  const auto ours = order();
  const auto refund =
      provider->refund(ours, captured(ours), {.refund_id = "rfd_pend", .amount = 100, .currency = "USD"});
  ASSERT_TRUE(refund);
  EXPECT_EQ(refund->status, "pending");
}

TEST_F(PayPalProviderTest, AFailedRefundIsFailed) {
  fake.configure({{"refund_status", "FAILED"}});
  const auto ours = order();
  const auto refund =
      provider->refund(ours, captured(ours), {.refund_id = "rfd_fail", .amount = 100, .currency = "USD"});
  ASSERT_TRUE(refund);
  EXPECT_EQ(refund->status, "failed");
}

TEST_F(PayPalProviderTest, NoCaptureNothingToRefund) {
  const auto ours = order();
  const auto refund = provider->refund(ours, {.order_id = ours.id, .reference = "ABC"},
                                       {.refund_id = "rfd_none", .amount = 100, .currency = "USD"});
  ASSERT_FALSE(refund);
  EXPECT_EQ(refund.error().code, "payment_not_captured");
  EXPECT_TRUE(fake.requests().empty());
}

}  // namespace
}  // namespace emporium::testing
