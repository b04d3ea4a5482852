#pragma once

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
};

// The payment session of an order already placed, as the order records it.
// TODO(payments): client secret and approval URL from the payment record.
inline PaymentSession payment_of(const OrdersContext&, const Order& order) {
  return {.provider = order.payment_provider, .status = order.payment_status};
}

}  // namespace emporium::orders
