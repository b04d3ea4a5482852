#pragma once

// The inventory's answers and the manual stock change's body.

#include <boost/json/object.hpp>

#include "http/request.hpp"
#include "inventory/inventory_service.hpp"
#include "support/problem.hpp"

namespace emporium::inventory {

// {delta | set, reason}: exactly one of delta (±1..1,000,000,000) and set (0..1,000,000,000); reason 1–200
// characters without control characters; nothing else (400 malformed JSON, 415, 422 with every error).
Result<StockChange> read_stock_change(const http::Request& request);

// {id, variantId, delta, level, reason, note, actorId, orderId, createdAt}
boost::json::object to_json(const Movement& movement);
// {movement, variant: {id, sku, stock, lowStockThreshold, inStock, version}, productVersion}
boost::json::object to_json(const StockChangeResult& result);
// {productId, productName, variantId, sku, stock, threshold}
boost::json::object to_json(const LowStockRow& row);

}  // namespace emporium::inventory
