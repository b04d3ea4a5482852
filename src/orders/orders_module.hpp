#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "audit/audit_log.hpp"
#include "catalog/catalog_module.hpp"
#include "coupons/coupon_redemption.hpp"
#include "events/event_log.hpp"
#include "http/router.hpp"
#include "inventory/stock_ledger.hpp"
#include "orders/order_lifecycle.hpp"
#include "orders/order_refunds.hpp"
#include "orders/orders_context.hpp"
#include "orders/payment_sessions.hpp"
#include "pricing/pricing.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"
#include "users/address_service.hpp"

namespace emporium::orders {

struct OrdersSettings {
  std::int64_t max_line_quantity = 99;
  std::int64_t max_lines = 50;
  std::chrono::seconds payment_timeout{30 * 60};
  std::chrono::milliseconds expiry_interval{30'000};
};

struct OrdersDependencies {
  storage::Database& database;
  IdGenerator& ids;
  const Clock& clock;
  audit::AuditLog& audit;
  events::EventLog& events;
  catalog::CatalogModule& catalog;
  inventory::StockLedger& ledger;
  coupons::CouponRedemptions& coupons;
  pricing::PricingRules pricing;
  users::AddressService& addresses;
};

// Orders: placing (with idempotency keys), reading, the status machine, vendor shipping, and the background
// job that expires unpaid orders.
class OrdersModule {
 public:
  OrdersModule(OrdersDependencies dependencies, OrdersSettings settings);
  ~OrdersModule();

  void register_routes(http::Router& router);
  // Starts the expiry job (serve only; tests of the services run it by hand). Stopped by the destructor.
  void start_jobs();
  void stop_jobs();
  // One run of the expiry job (what start_jobs() does every expiry_interval): cancels every pending_payment
  // order whose time ran out, in small batches, and purges expired idempotency keys. Returns how many orders
  // it cancelled.
  std::size_t expire_due_orders();

  // The payment providers orders are placed with (`manual` built in); the payments module adds the others.
  PaymentProviders& payment_providers();
  // The order as GET /api/orders/:id gives it to this caller (404 when they may not see it).
  Result<Order> order_for(const http::Principal& principal, std::string_view order_id);
  OrdersContext& context();
  // For the payments module: payment-driven transitions (paid by a provider, cancelled after a failed
  // payment), confirmed refunds, payment sessions, and the hook told when a cancellation left a refund due.
  OrderLifecycle& lifecycle();
  OrderRefunds& refunds();
  PaymentSessions& payment_sessions();
  void on_refund_due(std::function<void()> hook);

 private:
  struct Parts;  // the services, routes and job, built by the constructor

  OrdersDependencies dependencies_;
  OrdersSettings settings_;
  std::unique_ptr<Parts> parts_;
};

}  // namespace emporium::orders
