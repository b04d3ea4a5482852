#pragma once
// Stripe webhook events (already verified) in our terms:
//   payment_intent.succeeded       → PaymentSucceeded: amount_received, currency, metadata.order_id, id (pi_…),
//                                    latest_charge (ch_…) as the capture id
//   payment_intent.payment_failed  → PaymentFailed: last_payment_error.message
//   charge.refunded                → Refunded: amount_refunded (the charge's TOTAL refunded so far),
//                                    payment_intent, the newest of refunds.data (re_…) when listed
//   anything else                  → Ignored (recorded, changes nothing)

#include <string_view>

#include "orders/payment_provider.hpp"

namespace emporium::payments::stripe {

// 400 when the body is not a Stripe event (not JSON, no id or type, no data.object, or a handled type
// without the fields it needs).
Result<orders::ProviderEvent> parse_event(std::string_view body);

}  // namespace emporium::payments::stripe
