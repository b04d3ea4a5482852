#pragma once
// Starting the provider's payment of an order, and the `payment` block clients see. Providers are called
// after the order committed and never inside a transaction; starting again is always safe, because every
// provider derives its idempotency key from the order id (a retry never creates a second payment).

#include <span>
#include <vector>

#include "http/principal.hpp"
#include "orders/order.hpp"
#include "orders/orders_context.hpp"
#include "orders/payment_records.hpp"

namespace emporium::orders {

class PaymentSessions {
 public:
  explicit PaymentSessions(OrdersContext& context) : context_(context) {}

  // Asks the provider for the order's payment when the order awaits payment and its record says the
  // provider has none yet (a new order, or one whose first call failed). A failure is logged and leaves the
  // record not_started: the client sees payment.status "not_started" and may ask again. Returns the
  // session as the order's customer sees it.
  PaymentSession ensure_started(const Order& order);
  // The payment block of `order` for `viewer` (secrets only for the order's customer).
  PaymentSession session_of(const http::Principal& viewer, const Order& order);
  // The same for several orders, read at once (lists).
  std::vector<PaymentSession> sessions_of(const http::Principal& viewer, std::span<const Order> orders);

 private:
  OrdersContext& context_;
};

}  // namespace emporium::orders
