#include "orders/order_refunds.hpp"

#include <algorithm>

#include "catalog/product_store.hpp"
#include "orders/order_basket.hpp"
#include "orders/order_errors.hpp"
#include "orders/order_store.hpp"

namespace emporium::orders {
namespace {
using storage::Connection;
}  // namespace

bool may_restock(const Order& order) {
  return order.status != OrderStatus::Cancelled && !order.lines.empty() &&
         std::all_of(order.lines.begin(), order.lines.end(),
                     [](const OrderLine& line) { return line.fulfillment != FulfillmentStatus::Unfulfilled; });
}

Result<Order> OrderRefunds::record(Connection& connection, const Order& order, const ConfirmedRefund& refund) {
  if (auto problem = move_order(connection, order, refund)) return std::move(*problem);
  const bool restocked = restock(connection, order, refund);
  context_.timeline.refunded(connection, order,
                             {.refund_id = refund.refund_id,
                              .amount = refund.amount,
                              .currency = refund.currency,
                              .total_refunded = refund.total_refunded,
                              .actor_id = refund.actor_id,
                              .reason = refund.reason,
                              .restocked = restocked,
                              .at = refund.at});
  return *OrderStore::find(connection, order.id);
}

// The status (or, for a cancelled order, the payment status) the refund leads to. Each write is conditional
// on the status read, so a concurrent transition makes this one fail instead of acting twice.
std::optional<Problem> OrderRefunds::move_order(Connection& connection, const Order& order,
                                                const ConfirmedRefund& refund) {
  const bool full = refund.total_refunded >= refund.paid;
  if (order.status == OrderStatus::Cancelled) {
    const auto payment = full ? payment_status::kRefunded : payment_status::kRefundDue;
    if (!OrderStore::set_payment_status(connection, order.id, order.status, payment, refund.at))
      return errors::order_changed();
    return std::nullopt;
  }
  const auto payment = full ? payment_status::kRefunded : payment_status::kPartiallyRefunded;
  const auto to = full ? OrderStatus::Refunded : OrderStatus::PartiallyRefunded;
  if (to == order.status) {
    if (!OrderStore::set_payment_status(connection, order.id, order.status, payment, refund.at))
      return errors::order_changed();
    return std::nullopt;
  }
  if (!may_transition(order.status, to, Actor::System)) return errors::invalid_transition(order.status, to);
  const StatusWrite write{.from = order.status, .to = to, .now = refund.at, .payment_status = payment};
  if (!OrderStore::update_status(connection, order.id, write)) return errors::order_changed();
  context_.timeline.status_changed(connection, order,
                                   {.from = order.status,
                                    .to = to,
                                    .actor_id = refund.actor_id,
                                    .note = refund.reason,
                                    .data = {{"refundId", refund.refund_id}},
                                    .at = refund.at});
  return std::nullopt;
}

// The payments module refused a restock that may_restock forbids when the refund was asked for; the order cannot
// have moved back since (shipped lines stay shipped), so this check only guards against inventing stock.
bool OrderRefunds::restock(Connection& connection, const Order& order, const ConfirmedRefund& refund) {
  if (!refund.restock || !may_restock(order)) return false;
  context_.ledger.release(connection, stock_held(order),
                          {.actor_id = refund.actor_id,
                           .reason = inventory::MovementReason::Restock,
                           .note = refund.reason,
                           .order_id = order.id});
  for (const auto& product_id : product_ids(order))
    catalog::ProductStore::lock_and_refresh_summary(connection, product_id);
  return true;
}

}  // namespace emporium::orders
