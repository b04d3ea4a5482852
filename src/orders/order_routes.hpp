#pragma once

#include "http/router.hpp"
#include "orders/order_input.hpp"
#include "orders/order_lifecycle.hpp"
#include "orders/order_placement.hpp"
#include "orders/order_queries.hpp"
#include "orders/payment_sessions.hpp"

namespace emporium::orders {

struct OrderServices {
  OrdersContext& context;
  OrderPlacement& placement;
  OrderLifecycle& lifecycle;
  OrderQueries& queries;
  PaymentSessions& sessions;
  InputLimits limits = {};
};

// POST /api/orders (customers), GET /api/orders, GET /api/orders/:id, GET /api/orders/:id/events
// (signed in; what each caller sees is the services' rule), PUT /api/orders/:id/status (admins, vendors),
// POST /api/orders/:id/cancel (customers, admins), POST /api/orders/:id/payment/session (the order's customer:
// starts a payment whose provider could not be reached when the order was placed).
void register_order_routes(http::Router& router, OrderServices& services);

}  // namespace emporium::orders
