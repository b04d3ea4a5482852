#include "orders/order_status.hpp"

#include <gtest/gtest.h>

namespace emporium::orders {
namespace {
using enum OrderStatus;

TEST(OrderStatus, NamesRoundTrip) {
  for (const auto name : order_status_names()) {
    const auto status = order_status_from_string(name);
    ASSERT_TRUE(status) << name;
    EXPECT_EQ(to_string(*status), name);
  }
  EXPECT_EQ(order_status_names().size(), 8u);
  EXPECT_FALSE(order_status_from_string("PAID"));
  EXPECT_FALSE(order_status_from_string(""));
}

TEST(OrderStatus, TheHappyPathIsAdminDriven) {
  EXPECT_TRUE(may_transition(PendingPayment, Paid, Actor::Admin));
  EXPECT_TRUE(may_transition(Paid, Processing, Actor::Admin));
  EXPECT_TRUE(may_transition(Processing, Shipped, Actor::Admin));
  EXPECT_TRUE(may_transition(Shipped, Delivered, Actor::Admin));
  EXPECT_FALSE(may_transition(PendingPayment, Paid, Actor::Customer));
  EXPECT_FALSE(may_transition(PendingPayment, Paid, Actor::Vendor));
  EXPECT_FALSE(may_transition(Shipped, Delivered, Actor::Vendor));
}

TEST(OrderStatus, NoSkippingAndNoGoingBack) {
  EXPECT_FALSE(is_transition(PendingPayment, Processing));
  EXPECT_FALSE(is_transition(PendingPayment, Shipped));
  EXPECT_FALSE(is_transition(PendingPayment, Delivered));
  EXPECT_FALSE(is_transition(Paid, PendingPayment));
  EXPECT_FALSE(is_transition(Delivered, Shipped));
  EXPECT_FALSE(is_transition(Shipped, Cancelled));
  EXPECT_FALSE(is_transition(Delivered, Cancelled));
  EXPECT_FALSE(is_transition(Cancelled, PendingPayment));
  for (const auto to : {PendingPayment, Paid, Processing, Shipped, Delivered, Cancelled, Refunded, PartiallyRefunded}) {
    EXPECT_FALSE(is_transition(Cancelled, to)) << to_string(to);
    EXPECT_FALSE(is_transition(to, to)) << to_string(to);
  }
}

TEST(OrderStatus, VendorsShipPaidOrProcessingOrdersOnly) {
  EXPECT_TRUE(may_transition(Paid, Shipped, Actor::Vendor));
  EXPECT_TRUE(may_transition(Processing, Shipped, Actor::Vendor));
  EXPECT_FALSE(may_transition(PendingPayment, Shipped, Actor::Vendor));
  EXPECT_FALSE(may_transition(Paid, Cancelled, Actor::Vendor));
}

TEST(OrderStatus, CancellingDependsOnWhoAndWhen) {
  EXPECT_TRUE(may_transition(PendingPayment, Cancelled, Actor::Customer));
  EXPECT_FALSE(may_transition(Paid, Cancelled, Actor::Customer));
  EXPECT_FALSE(may_transition(Processing, Cancelled, Actor::Customer));
  for (const auto from : {PendingPayment, Paid, Processing}) EXPECT_TRUE(may_transition(from, Cancelled, Actor::Admin));
  EXPECT_TRUE(may_transition(PendingPayment, Cancelled, Actor::System));
  EXPECT_FALSE(may_transition(Paid, Cancelled, Actor::System)) << "the expiry job never cancels a paid order";
}

TEST(OrderStatus, OnlyTheSystemRefundsAndRefundedIsFinal) {
  for (const auto from : {Paid, Processing, Shipped, Delivered}) {
    EXPECT_TRUE(may_transition(from, Refunded, Actor::System)) << to_string(from);
    EXPECT_TRUE(may_transition(from, PartiallyRefunded, Actor::System)) << to_string(from);
    EXPECT_FALSE(may_transition(from, Refunded, Actor::Admin)) << "admins refund through POST …/refunds";
  }
  EXPECT_TRUE(may_transition(PartiallyRefunded, Refunded, Actor::System));
  EXPECT_FALSE(is_transition(PendingPayment, Refunded));
  EXPECT_FALSE(is_transition(Cancelled, Refunded)) << "a cancelled order stays cancelled; its payment is refunded";
  for (const auto& transition : transitions()) {
    EXPECT_NE(transition.from, Refunded);
    EXPECT_FALSE(transition.actors.empty());
  }
  EXPECT_TRUE(may_transition(PendingPayment, Paid, Actor::System)) << "a provider confirmed the payment";
  EXPECT_TRUE(may_transition(PartiallyRefunded, Shipped, Actor::Vendor));
}

TEST(OrderStatus, StockIsHeldUntilShippedOrCancelled) {
  EXPECT_TRUE(holds_stock(PendingPayment));
  EXPECT_TRUE(holds_stock(Paid));
  EXPECT_TRUE(holds_stock(Processing));
  EXPECT_FALSE(holds_stock(Cancelled));
  EXPECT_TRUE(is_paid(Paid));
  EXPECT_FALSE(is_paid(PendingPayment));
  EXPECT_FALSE(is_paid(Cancelled));
  EXPECT_TRUE(is_paid(PartiallyRefunded));
  EXPECT_FALSE(is_paid(Refunded));
}

TEST(FulfillmentStatus, NamesRoundTrip) {
  for (const auto status : {FulfillmentStatus::Unfulfilled, FulfillmentStatus::Shipped, FulfillmentStatus::Delivered})
    EXPECT_EQ(fulfillment_status_from_string(to_string(status)), status);
  EXPECT_FALSE(fulfillment_status_from_string("lost"));
}

}  // namespace
}  // namespace emporium::orders
