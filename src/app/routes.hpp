#pragma once

#include "cart/cart_module.hpp"
#include "catalog/catalog_module.hpp"
#include "coupons/coupons_module.hpp"
#include "http/router.hpp"
#include "inventory/inventory_module.hpp"
#include "invoices/invoices_module.hpp"
#include "operations/metrics_registry.hpp"
#include "orders/orders_module.hpp"
#include "payments/payments_module.hpp"
#include "reviews/reviews_module.hpp"
#include "storage/database.hpp"
#include "users/users_module.hpp"
#include "webhooks/webhooks_module.hpp"

namespace emporium::app {

// What the route handlers are built from. Grows as domains land.
struct RouteDependencies {
  storage::Database& database;
  const operations::MetricsRegistry& metrics;
  std::string metrics_token;
  users::UsersModule& users;
  catalog::CatalogModule& catalog;
  inventory::InventoryModule& inventory;
  coupons::CouponsModule& coupons;
  cart::CartModule& cart;
  orders::OrdersModule& orders;
  reviews::ReviewsModule& reviews;
  payments::PaymentsModule& payments;
  invoices::InvoicesModule& invoices;
  webhooks::WebhooksModule& webhooks;
};

// Every route of the server, registered explicitly in one place. Tests build the same table (the OpenAPI
// coverage test and the role table test) so that a route cannot exist without a spec and a rule.
void register_all_routes(http::Router& router, RouteDependencies& dependencies);

}  // namespace emporium::app
