#pragma once

#include <memory>

#include "audit/audit_log.hpp"
#include "events/event_log.hpp"
#include "http/router.hpp"
#include "orders/orders_module.hpp"
#include "outbound/http_client.hpp"
#include "payments/paypal/paypal_provider.hpp"
#include "payments/stripe/stripe_provider.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::payments {

struct PaymentsSettings {
  stripe::StripeSettings stripe = {};
  paypal::PayPalSettings paypal = {};
  bool cancel_on_failure = false;  // a failed payment cancels the order (and releases stock) instead of
                                   // leaving it payable until it expires
};

struct PaymentsDependencies {
  storage::Database& database;
  IdGenerator& ids;
  const Clock& clock;
  audit::AuditLog& audit;
  events::EventLog& events;
  orders::OrdersModule& orders;
  outbound::HttpClient& http;
};

// Payments: the Stripe and PayPal providers (added to the orders' providers when configured), provider
// webhooks applied once, PayPal capture, refunds.
class PaymentsModule {
 public:
  PaymentsModule(PaymentsDependencies dependencies, PaymentsSettings settings);
  ~PaymentsModule();

  void register_routes(http::Router& router);
  void start_jobs();
  void stop_jobs();

 private:
  struct Parts;
  PaymentsDependencies dependencies_;
  PaymentsSettings settings_;
  std::unique_ptr<Parts> parts_;
};

}  // namespace emporium::payments
