#pragma once
// The bodies of PayPal Orders v2 and Payments v2 calls, built from our orders and read back into the
// port's results. Pure functions: no I/O.

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

#include "orders/payment_provider.hpp"
#include "payments/paypal/paypal_provider.hpp"

namespace emporium::payments::paypal {

// PayPal-Request-Id values, derived from the order so that a retry of the same step (after a timeout or a
// crash) is the same request at PayPal: it answers with the first result instead of doing it again.
std::string create_request_id(std::string_view order_id);   // "emporium-ord_…-create"
std::string capture_request_id(std::string_view order_id);  // "emporium-ord_…-capture"

// POST /v2/checkout/orders: intent CAPTURE, one purchase unit for the whole order (reference_id and custom_id
// are the order id, which comes back in webhooks), the buyer's way back when configured.
Result<std::string> create_order_body(const orders::Order& order, const PayPalSettings& settings);
// The PayPal order id and the link the buyer approves at (rel "payer-action", or "approve" without an
// experience context).
Result<orders::StartedPayment> read_created_order(const boost::json::value& body);

// A PayPal order (the answer of capture or GET): completed only when a purchase unit holds a capture with
// status COMPLETED; otherwise the last capture's status (PENDING, DECLINED) or the order's own (APPROVED).
// A purchase unit that names another order is an error.
Result<orders::CaptureResult> read_capture(const boost::json::value& body, std::string_view order_id);

// POST /v2/payments/captures/{id}/refund: the amount, the reason as note_to_payer, the order as custom_id.
Result<std::string> refund_body(const orders::Order& order, const orders::RefundRequest& request);
// COMPLETED → succeeded, PENDING → pending, anything else (FAILED, CANCELLED) → failed.
Result<orders::RefundResult> read_refund(const boost::json::value& body);

}  // namespace emporium::payments::paypal
