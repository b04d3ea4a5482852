#pragma once

#include "http/router.hpp"
#include "inventory/inventory_service.hpp"

namespace emporium::inventory {

// POST /api/products/:id/variants/:variantId/stock, GET /api/products/:id/stock-movements,
// GET /api/inventory/low-stock: vendors (their own products) and admins.
void register_inventory_routes(http::Router& router, InventoryService& inventory);

}  // namespace emporium::inventory
