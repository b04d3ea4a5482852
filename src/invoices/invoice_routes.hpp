#pragma once

#include "http/router.hpp"
#include "invoices/store_details.hpp"
#include "orders/orders_module.hpp"

namespace emporium::invoices {

// GET /api/orders/:id/invoice (the order's customer and admins).
void register_invoice_routes(http::Router& router, orders::OrdersModule& orders, const StoreDetails& store);

}  // namespace emporium::invoices
