#pragma once

// The SQL of the inventory reads: a product's movements and the low-stock list. No rules here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inventory/stock_ledger.hpp"
#include "storage/database.hpp"

namespace emporium::inventory {

// A live variant of a product that is not archived, at or under its positive low-stock threshold.
struct LowStockRow {
  std::string product_id = {};
  std::string product_name = {};
  std::string variant_id = {};
  std::string sku = {};
  std::int64_t stock = 0;
  std::int64_t threshold = 0;
};

struct Slice {
  std::int64_t limit = 20;
  std::int64_t offset = 0;
};

class InventoryStore {
 public:
  // Newest first; only the variant's when `variant_id` is given.
  static std::vector<Movement> movements(storage::Connection& connection, std::string_view product_id,
                                         const std::optional<std::string>& variant_id, Slice slice);
  static std::int64_t count_movements(storage::Connection& connection, std::string_view product_id,
                                      const std::optional<std::string>& variant_id);
  // Every vendor's when `vendor_id` is empty; by product (oldest first), then variant.
  static std::vector<LowStockRow> low_stock(storage::Connection& connection,
                                            const std::optional<std::string>& vendor_id, Slice slice);
  static std::int64_t count_low_stock(storage::Connection& connection, const std::optional<std::string>& vendor_id);
};

}  // namespace emporium::inventory
