#include "payments/capture_service.hpp"

#include "idempotency/idempotency_http.hpp"
#include "orders/order_errors.hpp"
#include "orders/order_store.hpp"
#include "orders/payment_records.hpp"
#include "payments/payment_event_store.hpp"
#include "payments/payments_errors.hpp"
#include "support/crypto.hpp"
#include "support/log.hpp"

namespace emporium::payments {
namespace {
using storage::Connection;
using storage::TxMode;
}  // namespace

Result<CaptureAnswer> CaptureService::capture(const http::Principal& principal, std::string_view order_id,
                                              const std::optional<idempotency::KeyUse>& key) {
  auto order = context_.orders.order_for(principal, order_id);
  if (!order) return order.error();
  std::string token;
  if (key) {
    auto claim = storage::transact(
        context_.database, TxMode::Write,
        [&](Connection& connection) -> Result<idempotency::Claim> { return context_.keys.claim(connection, *key); });
    if (!claim) return claim.error();
    if (auto problem = idempotency::problem_for(claim->decision)) return std::move(*problem);
    if (claim->decision == idempotency::Decision::Replay) return CaptureAnswer{.replay = std::move(claim->response)};
    token = claim->token;
  }
  auto captured = capture_now(*order);
  if (!captured && key) {
    // Nothing was paid: the same key may be used again (the provider's own request id keeps it to one capture).
    context_.database.transaction(TxMode::Write, [&](Connection& connection) {
      context_.keys.release(connection, *key, token);
      return true;
    });
  }
  if (!captured) return captured.error();
  return CaptureAnswer{.order = std::move(*captured), .claim_token = token};
}

void CaptureService::remember(const idempotency::KeyUse& key, const std::string& token,
                              const idempotency::StoredResponse& response) {
  context_.keys.complete_after(context_.database, key, token, response);
}

Result<orders::Order> CaptureService::capture_now(const orders::Order& order) {
  if (order.status != orders::OrderStatus::PendingPayment) return errors::order_not_payable(order.status);
  auto* provider = context_.orders.payment_providers().find(order.payment_provider);
  if (!provider) return orders::errors::payment_method_unavailable(order.payment_provider);
  const auto payment = storage::with_connection(
      context_.database, [&](Connection& connection) { return orders::PaymentRecords::find(connection, order.id); });
  if (!payment || payment->status == orders::record_status::kNotStarted) return errors::payment_not_started();
  auto result = provider->capture(order, payment->record);
  if (!result) return result.error();
  if (!result->completed) return errors::capture_not_completed(result->status);
  const orders::ProviderEvent event{.provider = order.payment_provider,
                                    .event_id = "capture:" + result->capture_id,
                                    .type = "capture",
                                    .kind = orders::ProviderEvent::Kind::PaymentSucceeded,
                                    .order_id = order.id,
                                    .reference = payment->record.reference,
                                    .capture_id = result->capture_id,
                                    .amount = result->amount,
                                    .currency = result->currency,
                                    .occurred_at = context_.clock.now()};
  auto applied = events_.apply(event, sha256_hex(event.event_id));
  if (!applied) return applied.error();
  if (applied->outcome == outcome::kAnomaly) return errors::payment_anomaly("The capture " + applied->detail + ".");
  return storage::with_connection(context_.database, [&](Connection& connection) -> Result<orders::Order> {
    auto now = orders::OrderStore::find(connection, order.id);
    if (!now) return orders::errors::order_not_found();
    return std::move(*now);
  });
}

}  // namespace emporium::payments
