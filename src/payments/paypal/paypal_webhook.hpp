#pragma once
// PayPal webhooks: the transmission headers, the body of verify-webhook-signature, and the translation of a
// verified event into the port's ProviderEvent. Pure functions: the call to PayPal is the provider's.

#include <boost/json/object.hpp>

#include <chrono>
#include <string>
#include <string_view>

#include "orders/payment_provider.hpp"

namespace emporium::payments::paypal {

// How far a transmission's time may be from ours: older ones are replays, newer ones are forged or skewed.
inline constexpr std::chrono::minutes kTransmissionTolerance{5};

// The PAYPAL-TRANSMISSION-ID, -TIME, -SIG, PAYPAL-CERT-URL and PAYPAL-AUTH-ALGO headers.
struct Transmission {
  std::string id = {};
  std::string time = {};  // as sent: it is part of what PayPal signed
  std::string signature = {};
  std::string cert_url = {};
  std::string auth_algo = {};
};

// 400 when a header is missing or blank, the time unreadable, or further than the tolerance from `now`.
Result<Transmission> read_transmission(const orders::WebhookRequest& request, Timestamp now);

// The body of POST /v1/notifications/verify-webhook-signature. The event goes in exactly as received
// (not parsed and written again): PayPal checks the signature over the bytes it sent.
std::string verify_request_body(const Transmission& transmission, std::string_view webhook_id,
                                std::string_view raw_event);

// A verified event in our terms:
// - PAYMENT.CAPTURE.COMPLETED (resource: the capture) → PaymentSucceeded with the capture id and amount,
//   order_id = custom_id, reference = supplementary_data.related_ids.order_id (the PayPal order).
// - PAYMENT.CAPTURE.DENIED → PaymentFailed (failure_reason: status_details.reason, else the status).
// - PAYMENT.CAPTURE.REFUNDED (resource: the refund; its "up" link names the capture) → Refunded with
//   refund_id, order_id = custom_id and amount = seller_payable_breakdown.total_refunded_amount, the total
//   refunded from the capture so far. If PayPal leaves that out, the refund's own amount is used: a total
//   that may be too low, never too high.
// - anything else → Ignored (recorded by the payments service, changes nothing).
// 400 when the event has no id or type, or a handled event lacks its amount.
Result<orders::ProviderEvent> translate_event(const boost::json::object& event, Timestamp received_at);

}  // namespace emporium::payments::paypal
