#pragma once

#include "audit/audit_log.hpp"
#include "catalog/catalog_cache.hpp"
#include "events/event_log.hpp"
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
  // product.created / product.updated / product.deleted are recorded in the transaction of the write (for mail
  // and webhooks). Null in tests that do not look at events.
  events::EventLog* events = nullptr;
};

}  // namespace emporium::catalog
