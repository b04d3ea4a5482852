#include "orders/payment_sessions.hpp"

#include "support/log.hpp"

namespace emporium::orders {
namespace {
using storage::Connection;

bool is_customer_of(const http::Principal& viewer, const Order& order) {
  return viewer.role == http::Role::Customer && viewer.user_id == order.customer_id;
}
}  // namespace

PaymentSession PaymentSessions::ensure_started(const Order& order) {
  auto* provider = context_.payments.find(order.payment_provider);
  // A provider that creates nothing remotely (manual) keeps no reference or secret a session could show: the
  // order says it all, and placing it needs no further read.
  if (provider != nullptr && !provider->calls_out()) return session_from(order, std::nullopt, true);
  auto payment = storage::with_connection(
      context_.database, [&](Connection& connection) { return PaymentRecords::find(connection, order.id); });
  const bool startable = order.status == OrderStatus::PendingPayment && payment &&
                         payment->status == record_status::kNotStarted && provider != nullptr;
  if (!startable) return session_from(order, payment, true);
  auto started = provider->start(order);
  if (!started) {
    // The order stands (it expires unless paid); the client sees "not_started" and may start it again.
    log::warn("payment session not started",
              {{"order", order.id}, {"provider", order.payment_provider}, {"reason", started.error().detail}});
    return session_from(order, payment, true);
  }
  payment = storage::transact(context_.database, storage::TxMode::Write,
                              [&](Connection& connection) -> Result<std::optional<StoredPayment>> {
                                PaymentRecords::mark_started(connection, order.id, *started, context_.clock.now());
                                return PaymentRecords::find(connection, order.id);
                              })
                .value();
  return session_from(order, payment, true);
}

PaymentSession PaymentSessions::session_of(const http::Principal& viewer, const Order& order) {
  const auto payment = storage::with_connection(
      context_.database, [&](Connection& connection) { return PaymentRecords::find(connection, order.id); });
  return session_from(order, payment, is_customer_of(viewer, order));
}

std::vector<PaymentSession> PaymentSessions::sessions_of(const http::Principal& viewer, std::span<const Order> orders) {
  std::vector<std::string> ids;
  for (const auto& order : orders) ids.push_back(order.id);
  const auto payments = storage::with_connection(
      context_.database, [&](Connection& connection) { return PaymentRecords::find_many(connection, ids); });
  std::vector<PaymentSession> out;
  for (const auto& order : orders) {
    std::optional<StoredPayment> payment;
    for (const auto& candidate : payments)
      if (candidate.record.order_id == order.id) payment = candidate;
    out.push_back(session_from(order, payment, is_customer_of(viewer, order)));
  }
  return out;
}

}  // namespace emporium::orders
