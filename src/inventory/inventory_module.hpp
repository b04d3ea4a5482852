#pragma once

#include "audit/audit_log.hpp"
#include "catalog/catalog_module.hpp"
#include "http/router.hpp"
#include "inventory/inventory_service.hpp"
#include "inventory/stock_ledger.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::inventory {

// Inventory over HTTP: manual stock changes, the ledger of a product, low-stock lists. The ledger itself
// (StockLedger) is owned by the application, because the catalog and orders write through it too.
class InventoryModule {
 public:
  InventoryModule(storage::Database& database, IdGenerator& ids, const Clock& clock, audit::AuditLog& audit,
                  catalog::CatalogModule& catalog, StockLedger& ledger);

  void register_routes(http::Router& router);
  InventoryService& service() { return service_; }

 private:
  storage::Database& database_;
  IdGenerator& ids_;
  const Clock& clock_;
  audit::AuditLog& audit_;
  catalog::CatalogModule& catalog_;
  StockLedger& ledger_;
  InventoryService service_;
};

}  // namespace emporium::inventory
