#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.hpp"
#include "catalog/catalog_module.hpp"
#include "http/principal.hpp"
#include "inventory/inventory_store.hpp"
#include "inventory/stock_ledger.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/problem.hpp"

namespace emporium::inventory {

// A manual stock change as the client asks for it: exactly one of `delta` and `set`, and why.
struct StockChange {
  std::optional<std::int64_t> delta = {};
  std::optional<std::int64_t> set = {};
  std::string reason = {};
};

// What a manual change did: the movement, and the variant and product as they are after it.
struct StockChangeResult {
  Movement movement = {};
  catalog::Variant variant = {};
  std::int64_t product_version = 0;
};

struct MovementPage {
  std::vector<Movement> movements = {};
  std::int64_t total = 0;
};

struct LowStockPage {
  std::vector<LowStockRow> rows = {};
  std::int64_t total = 0;
};

// Manual stock changes and the inventory reads. Products are the owner's or any for an admin; someone else's
// product answers 404, as everywhere in the catalog.
class InventoryService {
 public:
  InventoryService(storage::Database& database, const Clock& clock, audit::AuditLog& audit,
                   catalog::CatalogModule& catalog, StockLedger& ledger);

  // One Adjustment movement; the variant's and the product's versions move on, the product's summary is
  // refreshed, the change audited, and the catalog cache invalidated once it committed. 404 unknown or
  // someone else's, 409 `product_archived` / `insufficient_stock`, 412 when If-Match names an old version,
  // 422 when the level would pass the catalog's stock limit.
  Result<StockChangeResult> change_stock(const http::Principal& actor, std::string_view product_id,
                                         std::string_view variant_id, const StockChange& change,
                                         std::optional<std::int64_t> if_match);
  // Newest first, archived products included (their history stays).
  Result<MovementPage> movements(const http::Principal& viewer, std::string_view product_id,
                                 const std::optional<std::string>& variant_id, Slice slice);
  // Admins see every vendor's; vendors their own.
  LowStockPage low_stock(const http::Principal& viewer, Slice slice);

 private:
  Result<StockChangeResult> change_locked(storage::Connection& connection, const http::Principal& actor,
                                          std::string_view product_id, std::string_view variant_id,
                                          const StockChange& change, std::optional<std::int64_t> if_match);

  storage::Database& database_;
  const Clock& clock_;
  audit::AuditLog& audit_;
  catalog::CatalogModule& catalog_;
  StockLedger& ledger_;
};

}  // namespace emporium::inventory
