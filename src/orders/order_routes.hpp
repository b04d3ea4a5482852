#pragma once

#include "http/router.hpp"
#include "orders/order_input.hpp"
#include "orders/order_lifecycle.hpp"
#include "orders/order_placement.hpp"
#include "orders/order_queries.hpp"

namespace emporium::orders {

struct OrderServices {
  OrdersContext& context;
  OrderPlacement& placement;
  OrderLifecycle& lifecycle;
  OrderQueries& queries;
  InputLimits limits = {};
};

// POST /api/orders (customers), GET /api/orders, GET /api/orders/:id, GET /api/orders/:id/events
// (signed in; what each caller sees is the services' rule), PUT /api/orders/:id/status (admins, vendors),
// POST /api/orders/:id/cancel (customers, admins).
void register_order_routes(http::Router& router, OrderServices& services);

}  // namespace emporium::orders
