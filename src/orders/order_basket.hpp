#pragma once
// The checks and conversions between priced lines and an order, as plain functions (no I/O): which items
// cannot be ordered, what stock they need, and the frozen line snapshots.

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "inventory/stock_ledger.hpp"
#include "orders/order.hpp"
#include "pricing/pricing.hpp"
#include "support/problem.hpp"

namespace emporium::orders {

// 422 item_unavailable naming items[i].productId (no such product, or not for sale) or items[i].variantId
// (no such variant, or one must be named); nullopt when every line can be ordered.
std::optional<Problem> unavailable_items(std::span<const pricing::PricedLine> lines);
// 422 currency_mismatch naming the items not in the first item's currency.
std::optional<Problem> mixed_currencies(std::span<const pricing::PricedLine> lines);

// What the lines take from stock: one line per variant with the quantities summed, in variant-id order.
std::vector<inventory::StockLine> stock_needed(std::span<const pricing::PricedLine> lines);
// 409 insufficient_stock naming every items[i] whose variant has fewer in stock than all the items of that
// variant ask for together ("only 3 left"), judged from the stock the pricing read; nullopt when all fit.
std::optional<Problem> short_items(std::span<const pricing::PricedLine> lines);
// The same answer for what the ledger found short when it reserved.
Problem short_items(std::span<const pricing::PricedLine> lines, std::span<const inventory::ShortLine> shorts);

// One frozen line per item, in the order given (line ids made by `next_id`).
std::vector<OrderLine> line_snapshots(std::span<const pricing::PricedLine> lines, const std::string& order_id,
                                      const std::function<std::string()>& next_id);
// The stock an order holds, per variant (for giving it back).
std::vector<inventory::StockLine> stock_held(const Order& order);
// The products an order's lines touch, sorted, each once.
std::vector<std::string> product_ids(const Order& order);

}  // namespace emporium::orders
