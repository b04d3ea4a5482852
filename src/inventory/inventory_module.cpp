#include "inventory/inventory_module.hpp"

#include "inventory/inventory_routes.hpp"

namespace emporium::inventory {

InventoryModule::InventoryModule(storage::Database& database, IdGenerator& ids, const Clock& clock,
                                 audit::AuditLog& audit, catalog::CatalogModule& catalog, StockLedger& ledger)
    : database_(database),
      ids_(ids),
      clock_(clock),
      audit_(audit),
      catalog_(catalog),
      ledger_(ledger),
      service_(database, clock, audit, catalog, ledger) {}

void InventoryModule::register_routes(http::Router& router) { register_inventory_routes(router, service_); }

}  // namespace emporium::inventory
