#include "orders/orders_module.hpp"

#include "idempotency/idempotency_keys.hpp"
#include "orders/order_routes.hpp"
#include "support/log.hpp"
#include "support/periodic_job.hpp"

namespace emporium::orders {
namespace {
// Orders cancelled per transaction batch by the expiry job: small, so that no sweep holds up other writers.
constexpr std::int64_t kExpiryBatch = 50;
}  // namespace

struct OrdersModule::Parts {
  Parts(OrdersDependencies& d, const OrdersSettings& settings)
      : timeline(d.ids, d.events),
        keys(d.clock),
        context{.database = d.database,
                .ids = d.ids,
                .clock = d.clock,
                .audit = d.audit,
                .cache = d.catalog.cache(),
                .ledger = d.ledger,
                .coupons = d.coupons,
                .timeline = timeline,
                .payments = payments},
        sessions(context),
        placement(context, d.coupons, d.addresses, keys, sessions,
                  {.pricing = d.pricing, .max_lines = settings.max_lines, .payment_timeout = settings.payment_timeout}),
        lifecycle(context),
        refunds(context),
        queries(context),
        services{.context = context,
                 .placement = placement,
                 .lifecycle = lifecycle,
                 .queries = queries,
                 .sessions = sessions,
                 .limits = {.max_lines = settings.max_lines, .max_line_quantity = settings.max_line_quantity}} {
    payments.add(std::make_unique<ManualPayments>());
  }

  OrderTimeline timeline;
  PaymentProviders payments;
  idempotency::IdempotencyKeys keys;
  OrdersContext context;
  PaymentSessions sessions;
  OrderPlacement placement;
  OrderLifecycle lifecycle;
  OrderRefunds refunds;
  OrderQueries queries;
  OrderServices services;
  std::unique_ptr<PeriodicJob> job;
};

OrdersModule::OrdersModule(OrdersDependencies dependencies, OrdersSettings settings)
    : dependencies_(dependencies), settings_(settings), parts_(std::make_unique<Parts>(dependencies_, settings_)) {}

OrdersModule::~OrdersModule() { stop_jobs(); }

void OrdersModule::register_routes(http::Router& router) { register_order_routes(router, parts_->services); }

void OrdersModule::start_jobs() {
  if (!parts_->job) {
    parts_->job =
        std::make_unique<PeriodicJob>("order expiry", settings_.expiry_interval, [this](const auto& stopping) {
          while (!stopping()) {
            if (parts_->lifecycle.expire_due(kExpiryBatch) < static_cast<std::size_t>(kExpiryBatch)) break;
          }
          dependencies_.database.transaction(storage::TxMode::Write, [this](storage::Connection& connection) {
            parts_->keys.purge(connection);
            return true;
          });
        });
  }
  parts_->job->start();
}

void OrdersModule::stop_jobs() {
  if (parts_ && parts_->job) parts_->job->stop();
}

std::size_t OrdersModule::expire_due_orders() {
  std::size_t total = 0;
  for (;;) {
    const auto expired = parts_->lifecycle.expire_due(kExpiryBatch);
    total += expired;
    if (expired < static_cast<std::size_t>(kExpiryBatch)) break;
  }
  return total;
}

PaymentProviders& OrdersModule::payment_providers() { return parts_->payments; }

Result<Order> OrdersModule::order_for(const http::Principal& principal, std::string_view order_id) {
  return parts_->queries.get(principal, order_id);
}

OrdersContext& OrdersModule::context() { return parts_->context; }

OrderLifecycle& OrdersModule::lifecycle() { return parts_->lifecycle; }

OrderRefunds& OrdersModule::refunds() { return parts_->refunds; }

PaymentSessions& OrdersModule::payment_sessions() { return parts_->sessions; }

void OrdersModule::on_refund_due(std::function<void()> hook) { parts_->context.refund_due = std::move(hook); }

}  // namespace emporium::orders
