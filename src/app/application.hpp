#pragma once

#include <memory>

#include "app/config.hpp"
#include "audit/audit_log.hpp"
#include "http/router.hpp"
#include "operations/metrics_registry.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::users {
class UsersModule;
}
namespace emporium::catalog {
class CatalogModule;
}
namespace emporium::events {
class EventLog;
class EventDispatcher;
}  // namespace emporium::events
namespace emporium::outbound {
class HttpClient;
}
namespace emporium::notifications {
class NotificationsModule;
}
namespace emporium::payments {
class PaymentsModule;
}
namespace emporium::invoices {
class InvoicesModule;
}
namespace emporium::webhooks {
class WebhooksModule;
}
namespace emporium {
class PeriodicJob;
}
namespace emporium::inventory {
class StockLedger;
class InventoryModule;
}  // namespace emporium::inventory
namespace emporium::pricing {
class ShippingRule;
class TaxRule;
}  // namespace emporium::pricing
namespace emporium::coupons {
class CouponsModule;
}
namespace emporium::cart {
class CartModule;
}
namespace emporium::orders {
class OrdersModule;
}
namespace emporium::reviews {
class ReviewsModule;
}

namespace emporium::app {

// The composition root: builds every service once, in order, and owns them for the life of the process.
// config → data dir → database → migrations → routes → middleware → server.
class Application {
 public:
  explicit Application(Config config);
  ~Application();
  Application(const Application&) = delete;
  Application& operator=(const Application&) = delete;

  // Opens the database and applies pending migrations. Throws std::runtime_error with a one-line reason.
  void open_and_migrate();
  // Builds the domain services on the open database (once). Throws std::runtime_error with a reason.
  void build_services();
  // Every route of the server, as serve() registers them (tests build the same table).
  void register_routes(http::Router& router, const operations::MetricsRegistry& metrics);
  // Serves until SIGTERM/SIGINT; returns the process exit code.
  int serve();

  storage::Database& database();
  users::UsersModule& users();
  catalog::CatalogModule& catalog();
  orders::OrdersModule& orders();
  const Clock& clock() const { return clock_; }
  IdGenerator& ids() { return ids_; }
  const Config& config() const { return config_; }

 private:
  void build_commerce();
  void build_events_out();
  void start_jobs();
  void stop_jobs();

  Config config_;
  SystemClock clock_;
  IdGenerator ids_{clock_};
  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<outbound::HttpClient> http_client_;
  std::unique_ptr<notifications::NotificationsModule> notifications_;
  std::unique_ptr<users::UsersModule> users_;
  std::unique_ptr<events::EventLog> events_;
  std::unique_ptr<inventory::StockLedger> stock_;
  std::unique_ptr<catalog::CatalogModule> catalog_;
  std::unique_ptr<inventory::InventoryModule> inventory_;
  std::unique_ptr<pricing::ShippingRule> shipping_;
  std::unique_ptr<pricing::TaxRule> tax_;
  std::unique_ptr<coupons::CouponsModule> coupons_;
  std::unique_ptr<cart::CartModule> cart_;
  std::unique_ptr<orders::OrdersModule> orders_;
  std::unique_ptr<reviews::ReviewsModule> reviews_;
  std::unique_ptr<payments::PaymentsModule> payments_;
  std::unique_ptr<invoices::InvoicesModule> invoices_;
  std::unique_ptr<webhooks::WebhooksModule> webhooks_;
  std::unique_ptr<events::EventDispatcher> dispatcher_;
  std::unique_ptr<PeriodicJob> dispatch_job_;
};

}  // namespace emporium::app
