#pragma once

#include "audit/audit_log.hpp"
#include "catalog/catalog_cache.hpp"
#include "inventory/stock_ledger.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::catalog {

// What every service of the catalog works with. Every write calls cache.invalidate() once it has committed.
struct CatalogContext {
  storage::Database& database;
  IdGenerator& ids;
  const Clock& clock;
  audit::AuditLog& audit;
  CatalogCache& cache;
  // Every change of a variant's stock goes through the ledger (a movement per change). Null only in tests
  // that never write stock.
  inventory::StockLedger* stock = nullptr;
};

}  // namespace emporium::catalog
