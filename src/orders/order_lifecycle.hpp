#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/principal.hpp"
#include "orders/order.hpp"
#include "orders/order_input.hpp"
#include "orders/orders_context.hpp"
#include "support/problem.hpp"

namespace emporium::orders {

// Moving orders through the status machine (order_status.hpp): admins make any allowed transition; a vendor
// marks its own lines shipped (the order follows when every line is); customers cancel their unpaid orders;
// the expiry job cancels orders whose payment did not come in time.
//
// Every transition is one write transaction whose first write is the conditional update of the order row
// (`WHERE id = $1 AND status = <the status read>`): of two concurrent transitions only one changes a row, and
// only that one acts (releases stock, writes events). The loser answers 409. Cancelling gives the order's stock
// back through the ledger exactly once for that reason.
// A payment a provider confirmed (webhook or capture), as the payments module applies it.
struct ProviderPayment {
  std::int64_t amount = 0;                    // minor units received; the caller checked it against the order
  std::optional<std::string> reference = {};  // filled into the payment record when it had none
  std::optional<std::string> capture_id = {};
  std::string note = {};  // for the timeline: "Paid with stripe (pi_…)"
  Timestamp at = {};
};

class OrderLifecycle {
 public:
  explicit OrderLifecycle(OrdersContext& context) : context_(context) {}

  // PUT /api/orders/:id/status (admins and vendors).
  Result<Order> change_status(const http::Principal& principal, std::string_view order_id, const StatusChange& change,
                              const std::string& client_ip);
  // POST /api/orders/:id/cancel: the customer's own pending_payment order; admins any cancellable order.
  Result<Order> cancel(const http::Principal& principal, std::string_view order_id, std::optional<std::string> note,
                       const std::string& client_ip);
  // One batch of the expiry job: cancels up to `batch` pending_payment orders whose expires_at has passed and
  // gives their stock back. Safe on several nodes at once. Returns how many it cancelled.
  std::size_t expire_due(std::int64_t batch);

  // For the payments module, in ITS transaction (it records the provider event in the same one):
  // pending_payment → paid by the system, with the invoice number, the payment record, the timeline and
  // `order.paid`. 409 (nothing written) when the order is no longer pending_payment.
  Result<Order> mark_paid_by_provider(storage::Connection& connection, const Order& order,
                                      const ProviderPayment& payment);
  // A failed payment under EMPORIUM_PAYMENT_FAILED_ACTION=cancel: cancels the pending order like the expiry
  // job does (stock and coupon given back). The caller invalidates the catalog cache after its commit.
  Result<Order> cancel_after_failed_payment(storage::Connection& connection, const Order& order, std::string note,
                                            Timestamp at);

 private:
  struct Change;
  Result<Order> admin_change(storage::Connection& connection, const Change& change);
  Result<Order> vendor_ship(storage::Connection& connection, const Change& change);
  Result<Order> cancel_in(storage::Connection& connection, const Order& order, const Change& change);
  void notify_refund_due(const Result<Order>& order) const;
  bool expire_one(const std::string& order_id);
  void audit(storage::Connection& connection, const Change& change, std::string action, const Order& order);

  OrdersContext& context_;
};

}  // namespace emporium::orders
