#pragma once
// Stripe webhook events (already verified) in our terms:
//   payment_intent.succeeded       → PaymentSucceeded: amount_received, currency, metadata.order_id, id (pi_…),
//                                    latest_charge (ch_…) as the capture id
//   payment_intent.payment_failed  → PaymentFailed: last_payment_error.message
//   charge.refunded                → Refunded: amount_refunded (the charge's TOTAL refunded so far),
//                                    payment_intent, the newest of refunds.data (re_…, and its
//                                    metadata.refund_id) when listed
//   charge.refund.updated,
//   refund.updated                 → RefundUpdated: the Refund's id (re_…), status (succeeded | pending |
//                                    failed, canceled → failed), amount, currency, failure_reason,
//                                    metadata.refund_id (ours) and metadata.order_id, payment_intent
//   anything else                  → Ignored (recorded, changes nothing)

#include <string>
#include <string_view>

#include "orders/payment_provider.hpp"

namespace emporium::payments::stripe {

// 400 when the body is not a Stripe event (not JSON, no id or type, no data.object, or a handled type
// without the fields it needs).
Result<orders::ProviderEvent> parse_event(std::string_view body);

// A Stripe refund status in ours (orders::RefundResult): succeeded; failed (also canceled); pending (pending,
// requires_action: still undecided).
std::string our_refund_status(std::string_view stripe_status);

}  // namespace emporium::payments::stripe
