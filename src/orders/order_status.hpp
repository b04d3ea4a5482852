#pragma once
// The order status machine, as data: every allowed transition and who may make it lives in one table
// (order_status.cpp). Services ask `may_transition`; nothing else decides which move is legal.

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace emporium::orders {

enum class OrderStatus {
  PendingPayment,
  Paid,
  Processing,
  Shipped,
  Delivered,
  Cancelled,
  Refunded,           // every payment was given back (the provider confirmed it)
  PartiallyRefunded,  // some of it was given back; the rest of the order goes on
};
std::string_view to_string(OrderStatus status);
std::optional<OrderStatus> order_status_from_string(std::string_view text);
std::span<const std::string_view> order_status_names();  // every status, in the order above

enum class FulfillmentStatus { Unfulfilled, Shipped, Delivered };
std::string_view to_string(FulfillmentStatus status);
std::optional<FulfillmentStatus> fulfillment_status_from_string(std::string_view text);

// Who makes a transition. Customers act on their own orders and vendors on orders holding their lines; the
// services check that ownership before asking the table.
enum class Actor { Customer, Vendor, Admin, System };
std::string_view to_string(Actor actor);

struct Transition {
  OrderStatus from = OrderStatus::PendingPayment;
  OrderStatus to = OrderStatus::PendingPayment;
  std::vector<Actor> actors = {};
};

// The whole machine:
//   pending_payment → paid (admin marks it paid; manual payments) → processing (admin) → shipped → delivered
//   (admin); shipped comes from paid or processing, by an admin (every line) or when the vendors have shipped
//   every line (a vendor ships its own lines; the last one moves the order). cancelled from pending_payment
//   (its customer, an admin, or the expiry job), paid and processing (admin). pending_payment → paid also by
//   the system (a provider confirmed the payment). A refund the provider confirmed moves a paid order (paid,
//   processing, shipped, delivered, partially_refunded) to partially_refunded or refunded (the system); a
//   partially refunded order is still processed, shipped, delivered or cancelled. refunded is final.
std::span<const Transition> transitions();

bool may_transition(OrderStatus from, OrderStatus to, Actor actor);
// True when some actor may move `from` to `to` (for telling "not allowed for you" from "never allowed").
bool is_transition(OrderStatus from, OrderStatus to);

// Statuses whose stock is still held by the order (a cancel gives it back).
bool holds_stock(OrderStatus status);
// Statuses in which the customer has paid (cancelling such an order leaves a refund due).
bool is_paid(OrderStatus status);
// Statuses whose payment may be refunded (cancelled orders with a refund due are refundable too: see
// payment_status::kRefundDue).
bool is_refundable(OrderStatus status);

}  // namespace emporium::orders
