#pragma once
// What a PayPal failure means to our clients, as stable problem codes (the same codes as Stripe's where the
// meaning is the same). Details never carry PayPal's internals beyond its issue name, which the merchant can
// look up; the rest goes to the log.

#include <string>
#include <string_view>

#include "support/problem.hpp"

namespace emporium::payments::paypal::errors {

// 503 payment_provider_unavailable: PayPal could not be reached, timed out or answered 5xx / 429 (try again).
Problem unavailable();
// 503 payment_provider_error: PayPal answered something we cannot use (refused credentials, a malformed
// answer, a request it calls invalid). Not the client's fault, and not fixed by retrying at once.
Problem provider_error();
// 422 payment_not_approved: capture before the buyer approved at the approval URL.
Problem not_approved();
// 422 payment_provider_refused: PayPal refused the operation for a business reason (its issue name in the
// detail: INSTRUMENT_DECLINED, REFUND_AMOUNT_EXCEEDED, CURRENCY_NOT_SUPPORTED…).
Problem refused(std::string_view what, std::string_view issue);
// 409 payment_not_started / payment_not_captured: nothing at PayPal to capture / refund yet.
Problem not_started();
Problem not_captured();
// 400 invalid_signature: a webhook without PayPal's transmission headers, with a stale transmission, or one
// that PayPal's verify-webhook-signature did not confirm. Nothing is applied.
Problem invalid_signature(std::string detail);
// 400 invalid_webhook: a webhook body that is no PayPal event we can read.
Problem invalid_webhook(std::string detail);

}  // namespace emporium::payments::paypal::errors
