#pragma once

#include <functional>

#include "audit/audit_log.hpp"
#include "catalog/catalog_cache.hpp"
#include "coupons/coupon_redemption.hpp"
#include "inventory/stock_ledger.hpp"
#include "orders/order_timeline.hpp"
#include "orders/payment_provider.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::orders {

// What every order service works with. A write that moved stock calls cache.invalidate() once it committed
// (the catalog's pages show whether a variant is in stock).
struct OrdersContext {
  storage::Database& database;
  IdGenerator& ids;
  const Clock& clock;
  audit::AuditLog& audit;
  catalog::CatalogCache& cache;
  inventory::StockLedger& ledger;
  coupons::CouponRedemptions& coupons;
  OrderTimeline& timeline;
  PaymentProviders& payments;
  // Called after a cancellation that left money to give back committed (payment_status refund_due): the
  // payments module refunds it (its job also finds such orders by itself; this only makes it prompt).
  std::function<void()> refund_due = {};
};

}  // namespace emporium::orders
