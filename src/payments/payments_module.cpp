#include "payments/payments_module.hpp"

#include <algorithm>

#include "idempotency/idempotency_keys.hpp"
#include "payments/capture_service.hpp"
#include "payments/payment_events.hpp"
#include "payments/payment_routes.hpp"
#include "payments/refund_service.hpp"
#include "support/periodic_job.hpp"

namespace emporium::payments {
namespace {
// How often the job looks for refunds that are owed or whose sending was interrupted, besides being woken
// whenever one becomes due.
constexpr std::chrono::milliseconds kJobInterval{2'000};
// Beyond the worst case, for the pauses between the calls and a slow database.
constexpr std::chrono::seconds kLeaseMargin{30};

// The longest one refund call to a configured provider may take, retries included (stripe_api.cpp: three
// attempts of at most the timeout each, 0.75 s of backoff; paypal_api.cpp: a token and the call, each retried
// within twice the timeout, and both once more when PayPal refuses the token), plus a margin. Manual refunds
// make no call.
std::chrono::milliseconds refund_lease(const PaymentsSettings& settings) {
  std::chrono::milliseconds slowest{0};
  if (!settings.stripe.secret_key.empty()) slowest = 3 * settings.stripe.timeout + std::chrono::seconds(1);
  if (!settings.paypal.client_id.empty()) slowest = std::max(slowest, 2 * (2 + 2) * settings.paypal.timeout);
  return slowest + kLeaseMargin;
}
}  // namespace

struct PaymentsModule::Parts {
  Parts(PaymentsDependencies& d, const PaymentsSettings& settings)
      : keys(d.clock),
        context{.database = d.database,
                .ids = d.ids,
                .clock = d.clock,
                .audit = d.audit,
                .orders = d.orders,
                .keys = keys,
                .cancel_on_failure = settings.cancel_on_failure,
                .refund_lease = refund_lease(settings),
                .wake = [this] { job.wake(); }},
        refunds(context),
        events(context, refunds),
        capture(context, events),
        services{.context = context, .events = events, .refunds = refunds, .capture = capture},
        job("payments", kJobInterval, [this](const auto& stopping) { refunds.sweep(stopping); }) {}

  idempotency::IdempotencyKeys keys;
  PaymentsContext context;
  RefundService refunds;
  PaymentEvents events;
  CaptureService capture;
  PaymentServices services;
  PeriodicJob job;
};

PaymentsModule::PaymentsModule(PaymentsDependencies dependencies, PaymentsSettings settings)
    : dependencies_(dependencies),
      settings_(std::move(settings)),
      parts_(std::make_unique<Parts>(dependencies_, settings_)) {
  auto& providers = dependencies_.orders.payment_providers();
  if (!settings_.stripe.secret_key.empty())
    providers.add(stripe::make_stripe_provider(settings_.stripe, dependencies_.http, dependencies_.clock));
  if (!settings_.paypal.client_id.empty())
    providers.add(paypal::make_paypal_provider(settings_.paypal, dependencies_.http, dependencies_.clock));
  dependencies_.orders.on_refund_due([this] { parts_->job.wake(); });
}

PaymentsModule::~PaymentsModule() { stop_jobs(); }

void PaymentsModule::register_routes(http::Router& router) { register_payment_routes(router, parts_->services); }

void PaymentsModule::start_jobs() { parts_->job.start(); }

void PaymentsModule::stop_jobs() {
  if (parts_) parts_->job.stop();
}

}  // namespace emporium::payments
