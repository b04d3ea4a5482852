#include "payments/payment_events.hpp"

#include <algorithm>

#include "orders/order_errors.hpp"
#include "orders/order_store.hpp"
#include "payments/payment_event_store.hpp"
#include "payments/payments_errors.hpp"
#include "payments/refund_store.hpp"
#include "support/log.hpp"

namespace emporium::payments {
namespace {
using orders::Order;
using orders::OrderStatus;
using orders::ProviderEvent;
using orders::StoredPayment;
using storage::Connection;
using Kind = ProviderEvent::Kind;

AppliedEvent applied(std::string detail) {
  return {.outcome = std::string(outcome::kApplied), .detail = std::move(detail)};
}
AppliedEvent ignored(std::string detail) {
  return {.outcome = std::string(outcome::kIgnored), .detail = std::move(detail)};
}
AppliedEvent anomaly(std::string detail) {
  return {.outcome = std::string(outcome::kAnomaly), .detail = std::move(detail)};
}

std::string money(std::int64_t amount, std::string_view currency) {
  return std::to_string(amount) + " " + std::string(currency);
}

bool received_already(const std::optional<StoredPayment>& payment) {
  return payment && payment->status == orders::record_status::kSucceeded;
}
}  // namespace

// The order an event is about: its id (from the event's metadata, or our payment record of its reference), and
// whether the event claims an order at all (metadata or a reference of ours) or is about no order of ours.
struct PaymentEvents::Located {
  std::optional<std::string> order_id = {};
  bool claimed = false;
};

Result<AppliedEvent> PaymentEvents::apply(const ProviderEvent& event, std::string_view digest) {
  if (event.event_id.empty() || event.provider.empty())
    return problems::bad_request("The event has no id.").with_code("invalid_webhook");
  Effects effects;
  auto result =
      storage::transact(context_.database, storage::TxMode::Write, [&](Connection& connection) -> Result<AppliedEvent> {
        effects = {};
        return apply_in(connection, event, digest, effects);
      });
  if (!result) return result;
  if (effects.cache) context_.orders.context().cache.invalidate();
  if (effects.wake && context_.wake) context_.wake();
  if (result->outcome == outcome::kAnomaly && !result->duplicate) {
    log::warn("payment event anomaly", {{"order", result->order_id.value_or("")},
                                        {"provider", event.provider},
                                        {"event", event.event_id},
                                        {"type", event.type},
                                        {"detail", result->detail}});
  }
  return result;
}

Result<AppliedEvent> PaymentEvents::apply_in(Connection& connection, const ProviderEvent& event,
                                             std::string_view digest, Effects& effects) {
  if (!PaymentEventStore::insert(connection, event, digest, context_.clock.now())) {
    const auto seen = PaymentEventStore::find(connection, event.provider, event.event_id);
    return AppliedEvent{.outcome = seen ? seen->outcome : std::string(outcome::kIgnored),
                        .detail = "a duplicate of an event already received",
                        .order_id = seen ? seen->order_id : std::nullopt,
                        .duplicate = true};
  }
  const auto located = locate(connection, event);
  // The order's row lock before anything about the order is read: every refund write (an admin's refund, the
  // job's confirmation) takes it first too, so the refunds and totals read below stay as read until the commit.
  std::optional<Order> found;
  if (located.order_id && orders::OrderStore::lock(connection, *located.order_id))
    found = orders::OrderStore::find(connection, *located.order_id);
  if (!found) {
    // Rolled back with the record: the provider delivers it again, and by then the order may exist.
    if (located.claimed && event.kind != Kind::Ignored) return errors::unknown_order();
    auto out = ignored("not about an order of this store");
    PaymentEventStore::finish(connection, event, std::nullopt, out.outcome, out.detail);
    return out;
  }
  const auto& order = *found;
  const auto payment = orders::PaymentRecords::find(connection, order.id);
  Result<AppliedEvent> out = ignored("nothing to do for " + event.type);
  if (event.kind == Kind::PaymentSucceeded) out = succeeded(connection, event, order, payment, effects);
  if (event.kind == Kind::PaymentFailed) out = failed(connection, event, order, payment, effects);
  if (event.kind == Kind::Refunded) out = refunded(connection, event, order, payment, effects);
  if (event.kind == Kind::RefundUpdated) out = refund_updated(connection, event, order, effects);
  if (!out) return out;
  out->order_id = order.id;
  PaymentEventStore::finish(connection, event, order.id, out->outcome, out->detail);
  return out;
}

PaymentEvents::Located PaymentEvents::locate(Connection& connection, const ProviderEvent& event) {
  if (event.order_id && is_valid_id(*event.order_id, "ord")) return {.order_id = event.order_id, .claimed = true};
  if (event.reference && !event.reference->empty()) {
    if (auto id = orders::PaymentRecords::order_of(connection, event.provider, *event.reference))
      return {.order_id = std::move(id), .claimed = true};
  }
  return {};
}

Result<AppliedEvent> PaymentEvents::succeeded(Connection& connection, const ProviderEvent& event, const Order& order,
                                              const std::optional<StoredPayment>& payment, Effects& effects) {
  if (order.payment_provider != event.provider)
    return anomaly("a " + event.provider + " payment for an order paid with " + order.payment_provider);
  const auto& known = payment ? payment->record.reference : std::string();
  if (event.reference && !known.empty() && *event.reference != known)
    return anomaly("payment " + *event.reference + " is not the order's payment " + known);
  if (order.status == OrderStatus::Cancelled) {
    // Another success event (a new id) for money already recorded: its refund is settled or under way.
    if (received_already(payment)) return ignored("the payment was received already; the order is cancelled");
    return paid_after_cancel(connection, event, order, effects);
  }
  if (order.status != OrderStatus::PendingPayment) {
    if (received_already(payment)) return ignored("the order is paid already");
    return anomaly("a payment for an order that is " + std::string(orders::to_string(order.status)));
  }
  if (event.amount != order.total || event.currency != order.currency) {
    return anomaly("received " + money(event.amount, event.currency) + " for an order of " +
                   money(order.total, order.currency) + ": not marked paid");
  }
  auto paid = context_.orders.lifecycle().mark_paid_by_provider(
      connection, order,
      {.amount = event.amount,
       .reference = event.reference,
       .capture_id = event.capture_id,
       .note = "Paid with " + event.provider + (event.reference ? " (" + *event.reference + ")" : ""),
       .at = context_.clock.now()});
  if (!paid) return paid.error();
  return applied("paid");
}

// The order was cancelled (by its customer, an admin or the expiry job) before the money arrived: its stock is
// gone, so it is not revived. The payment is recorded and refunded in full by the job.
Result<AppliedEvent> PaymentEvents::paid_after_cancel(Connection& connection, const ProviderEvent& event,
                                                      const Order& order, Effects& effects) {
  if (event.currency != order.currency)
    return anomaly("received " + money(event.amount, event.currency) + " for a cancelled order: refund it by hand");
  const auto now = context_.clock.now();
  orders::PaymentRecords::mark_succeeded(
      connection, order.id, {.amount = event.amount, .reference = event.reference, .capture_id = event.capture_id},
      now);
  if (!orders::OrderStore::set_payment_status(connection, order.id, OrderStatus::Cancelled,
                                              orders::payment_status::kRefundDue, now))
    return orders::errors::order_changed();
  effects.wake = true;
  return anomaly("received " + money(event.amount, event.currency) + " after the order was cancelled: it is refunded");
}

Result<AppliedEvent> PaymentEvents::failed(Connection& connection, const ProviderEvent& event, const Order& order,
                                           const std::optional<StoredPayment>& payment, Effects& effects) {
  if (order.status != OrderStatus::PendingPayment || received_already(payment))
    return ignored("the order is " + std::string(orders::to_string(order.status)));
  const auto now = context_.clock.now();
  orders::PaymentRecords::mark_failed(connection, order.id, event.failure_reason, now);
  if (!context_.cancel_on_failure) return applied("payment failed: the order stays payable");
  auto cancelled = context_.orders.lifecycle().cancel_after_failed_payment(
      connection, order, "Payment failed: " + event.failure_reason, now);
  if (!cancelled) return cancelled.error();
  effects.cache = true;
  return applied("payment failed: the order was cancelled");
}

// The provider's total refunded so far is explained by refunds it has: the one it names (its id, or ours in its
// metadata), then the others it accepted (they carry its id), oldest first, each if it fits. A refund it never
// acknowledged (not sent yet, or its answer was lost) is never confirmed by a total: while one is pending and
// part of the total is unexplained, the event is refused (409, nothing recorded) and the provider sends it
// again once the job has sent that refund. Otherwise the rest was refunded at the provider itself.
Result<AppliedEvent> PaymentEvents::refunded(Connection& connection, const ProviderEvent& event, const Order& order,
                                             const std::optional<StoredPayment>& payment, Effects& effects) {
  if (!received_already(payment)) return anomaly("a refund of a payment never recorded as received");
  if (event.currency != order.currency)
    return anomaly("a refund in " + event.currency + " of an order in " + order.currency);
  const auto now = context_.clock.now();
  auto remaining = event.amount - RefundStore::totals(connection, order.id).succeeded;
  if (remaining <= 0) return ignored("every refund it reports is recorded already");
  auto pending = RefundStore::of_order(connection, order.id);
  std::erase_if(pending, [](const Refund& refund) { return refund.status != refund_status::kPending; });
  const auto named = [&](const Refund& refund) {
    return (event.refund_id && refund.provider_refund_id == event.refund_id) ||
           (event.our_refund_id && refund.id == *event.our_refund_id);
  };
  std::stable_partition(pending.begin(), pending.end(), named);
  bool unacknowledged = false;
  for (const auto& refund : pending) {
    if (!refund.provider_refund_id && !named(refund)) {
      unacknowledged = true;
      continue;
    }
    if (refund.amount > remaining) continue;
    const auto provider_id = refund.provider_refund_id ? refund.provider_refund_id : event.refund_id;
    auto confirmed = refunds_.confirm_in(connection, refund, provider_id, now);
    if (!confirmed) return confirmed.error();
    remaining -= refund.amount;
    effects.cache = effects.cache || refund.restock;
    if (remaining == 0) return applied("refund confirmed");
  }
  if (unacknowledged) return errors::refund_in_flight();
  auto external = refunds_.record_external_in(connection, order, remaining, event.refund_id, now);
  if (!external) return external.error();
  return applied("a refund of " + money(remaining, order.currency) + " made at the provider");
}

// One refund's own status (Stripe's charge.refund.updated / refund.updated) decides our pending refund it is (by
// our id in its metadata, or by the provider's id): succeeded confirms it, failed fails it (it no longer holds
// back what may be refunded), pending tells us the provider has it. A refund that is not ours (made at the
// provider) is left to charge.refunded, which reports the total.
Result<AppliedEvent> PaymentEvents::refund_updated(Connection& connection, const ProviderEvent& event,
                                                   const Order& order, Effects& effects) {
  auto refund = event.our_refund_id ? RefundStore::find(connection, *event.our_refund_id) : std::nullopt;
  if (refund && refund->order_id != order.id) refund.reset();
  if (!refund && event.refund_id) refund = RefundStore::find_by_provider_id(connection, order.id, *event.refund_id);
  if (!refund) return ignored("not a refund of this store: the refunded total reports it");
  if (event.amount != refund->amount || event.currency != refund->currency) {
    return anomaly("the provider's refund of " + money(event.amount, event.currency) + " is " + refund->id + " of " +
                   money(refund->amount, refund->currency));
  }
  if (refund->status != refund_status::kPending) {
    if (refund->status == refund_status::kSucceeded && event.refund_status == refund_status::kFailed)
      return anomaly(refund->id + " failed at the provider after it was confirmed: settle it by hand");
    return ignored(refund->id + " is " + refund->status + " already");
  }
  const auto now = context_.clock.now();
  if (event.refund_status == refund_status::kSucceeded) {
    auto confirmed = refunds_.confirm_in(connection, *refund, event.refund_id, now);
    if (!confirmed) return confirmed.error();
    effects.cache = effects.cache || refund->restock;
    return applied("refund confirmed");
  }
  if (event.refund_status == refund_status::kFailed) {
    const auto why = event.failure_reason.empty() ? std::string() : " (" + event.failure_reason + ")";
    RefundStore::mark_failed(connection, refund->id, "The provider could not complete the refund" + why + ".", now,
                             std::nullopt);
    return applied("refund failed at the provider");
  }
  if (!refund->provider_refund_id && event.refund_id &&
      RefundStore::learn_provider_id(connection, refund->id, *event.refund_id, now))
    return applied("the provider has the refund; it confirms it later");
  return ignored("the refund is still pending at the provider");
}

}  // namespace emporium::payments
