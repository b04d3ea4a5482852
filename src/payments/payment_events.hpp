#pragma once
// Provider events applied exactly once: the one place that decides what a verified webhook (or a capture)
// means for an order.
//
// Each event is recorded by (provider, event id) in the same write transaction that applies it, so a
// duplicate delivery (even a concurrent one) finds it and changes nothing, and a failure rolls both back for
// the provider to send it again. What it may do:
//   PaymentSucceeded  pending_payment → paid (invoice number, order.paid) when the amount and currency are
//                     the order's; otherwise an anomaly (logged, recorded, not paid). Money that arrives for a
//                     cancelled or expired order is an anomaly too, and is refunded (refund_due → the job).
//   PaymentFailed     the record says why; the order stays payable, or is cancelled and its stock released
//                     (EMPORIUM_PAYMENT_FAILED_ACTION=cancel).
//   Refunded          the provider's total refunded confirms our pending refunds it has (the one it names first,
//                     then the others it accepted, oldest first, that fit); never one it has not acknowledged: if
//                     part of the total is unexplained while such a refund is pending, 409 refund_in_flight
//                     (nothing recorded; the provider delivers it again). Otherwise the rest was refunded at the
//                     provider itself and is recorded as such. A refund of a payment never recorded as received is
//                     an anomaly.
//   RefundUpdated     one refund's status: confirms or fails our pending refund it is (the provider's id, or ours
//                     in its metadata); a refund that is not ours is left to Refunded.
// A second success event (a new id) for money already received changes nothing, also for a cancelled order.
// The order's row lock is taken right after the order is located, before anything about it is read.
// An event naming an order (metadata) that does not exist is refused with 409 and not recorded, so the provider
// delivers it again later; an event about no order of ours at all is recorded as ignored.

#include <optional>
#include <string>

#include "orders/payment_provider.hpp"
#include "orders/payment_records.hpp"
#include "payments/payments_context.hpp"
#include "payments/refund_service.hpp"

namespace emporium::payments {

struct AppliedEvent {
  std::string outcome = {};  // applied | ignored | anomaly (payment_event_store.hpp)
  std::string detail = {};
  std::optional<std::string> order_id = {};
  bool duplicate = false;  // seen before: this delivery changed nothing
};

class PaymentEvents {
 public:
  PaymentEvents(PaymentsContext& context, RefundService& refunds) : context_(context), refunds_(refunds) {}

  // `digest`: SHA-256 hex of the raw body, kept with the record.
  Result<AppliedEvent> apply(const orders::ProviderEvent& event, std::string_view digest);

 private:
  struct Effects {
    bool cache = false;  // stock moved: invalidate the catalog cache after the commit
    bool wake = false;   // a refund became due: wake the job
  };
  struct Located;
  Result<AppliedEvent> apply_in(storage::Connection& connection, const orders::ProviderEvent& event,
                                std::string_view digest, Effects& effects);
  Located locate(storage::Connection& connection, const orders::ProviderEvent& event);
  Result<AppliedEvent> succeeded(storage::Connection& connection, const orders::ProviderEvent& event,
                                 const orders::Order& order, const std::optional<orders::StoredPayment>& payment,
                                 Effects& effects);
  Result<AppliedEvent> paid_after_cancel(storage::Connection& connection, const orders::ProviderEvent& event,
                                         const orders::Order& order, Effects& effects);
  Result<AppliedEvent> failed(storage::Connection& connection, const orders::ProviderEvent& event,
                              const orders::Order& order, const std::optional<orders::StoredPayment>& payment,
                              Effects& effects);
  Result<AppliedEvent> refunded(storage::Connection& connection, const orders::ProviderEvent& event,
                                const orders::Order& order, const std::optional<orders::StoredPayment>& payment,
                                Effects& effects);
  Result<AppliedEvent> refund_updated(storage::Connection& connection, const orders::ProviderEvent& event,
                                      const orders::Order& order, Effects& effects);

  PaymentsContext& context_;
  RefundService& refunds_;
};

}  // namespace emporium::payments
