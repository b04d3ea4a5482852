#pragma once

// The SQL of the stock ledger: conditional updates of product_variants.stock and stock_movements rows. No
// rules here: StockLedger decides.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "inventory/stock_ledger.hpp"
#include "storage/database.hpp"

namespace emporium::inventory {

// A variant's stock as a change left it, with what the low-stock check needs.
struct StockRow {
  std::string product_id = {};
  std::string sku = {};
  std::int64_t stock = 0;
  std::int64_t threshold = 0;
};

class StockStore {
 public:
  // stock - quantity, when a live variant has at least that much; nullopt otherwise (nothing changed).
  static std::optional<StockRow> take(storage::Connection& connection, std::string_view variant_id,
                                      std::int64_t quantity);
  // stock + quantity, deleted variants included; nullopt when the variant does not exist.
  static std::optional<StockRow> give(storage::Connection& connection, std::string_view variant_id,
                                      std::int64_t quantity);
  // stock + delta for a live variant, when the result is not negative; nullopt otherwise (nothing changed).
  static std::optional<StockRow> add(storage::Connection& connection, std::string_view variant_id, std::int64_t delta);
  // Takes the row lock of a live variant for the rest of the transaction (a no-op write) and reads it.
  static std::optional<StockRow> lock(storage::Connection& connection, std::string_view variant_id);
  // The stock of a live variant, read without a lock.
  static std::optional<std::int64_t> level(storage::Connection& connection, std::string_view variant_id);
  static std::optional<std::string> vendor_of(storage::Connection& connection, std::string_view product_id);
  static void insert_movement(storage::Connection& connection, const Movement& movement);
};

}  // namespace emporium::inventory
