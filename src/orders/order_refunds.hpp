#pragma once
// What a confirmed refund does to its order. The payments module decides that a refund is confirmed (the
// provider's answer or its webhook) and calls this in the same transaction that marks the refund succeeded,
// so each refund moves its order exactly once.

#include <cstdint>
#include <optional>
#include <string>

#include "orders/order.hpp"
#include "orders/orders_context.hpp"
#include "support/problem.hpp"

namespace emporium::orders {

struct ConfirmedRefund {
  std::string refund_id = {};  // rfd_…
  std::int64_t amount = 0;
  std::string currency = {};
  std::int64_t total_refunded = 0;  // every confirmed refund of the order, this one included
  std::int64_t paid = 0;            // what came in for the order
  bool restock = false;  // give the order's stock back (once, and only if may_restock: the payments module checks)
  std::optional<std::string> actor_id = {};  // empty: the system
  std::string reason = {};
  Timestamp at = {};
};

// Whether a refund may give the order's stock back: only once every line has shipped (the goods came back).
// An unshipped order's stock comes back by cancelling it, and a cancelled order's came back already: restocking
// either would put the same stock back twice. (An order with shipped lines cannot be cancelled, so a restocked
// order is never released again.)
bool may_restock(const Order& order);

class OrderRefunds {
 public:
  explicit OrderRefunds(OrdersContext& context) : context_(context) {}

  // A paid order becomes partially_refunded, or refunded once everything paid was given back (a status
  // change on the timeline); a cancelled order stays cancelled and its payment status becomes refunded
  // (or stays refund_due while some is still owed). Then the restock (through the stock ledger, for orders
  // that still hold their stock), the timeline's refund entry and `order.refunded`. 409 when the order moved
  // meanwhile. The caller invalidates the catalog cache after its commit when it restocked.
  Result<Order> record(storage::Connection& connection, const Order& order, const ConfirmedRefund& refund);

 private:
  std::optional<Problem> move_order(storage::Connection& connection, const Order& order, const ConfirmedRefund& refund);
  bool restock(storage::Connection& connection, const Order& order, const ConfirmedRefund& refund);

  OrdersContext& context_;
};

}  // namespace emporium::orders
