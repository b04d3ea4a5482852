#pragma once
// POST /api/orders/:id/payment/capture: after the buyer approved a PayPal payment, the server captures it.
// The order is paid only when the provider says the capture COMPLETED with the order's amount and currency,
// through the same apply-once path as webhooks (as the event "capture:<capture id>"), so a capture and the
// provider's PAYMENT.CAPTURE.COMPLETED webhook about it pay the order once.

#include <optional>
#include <string>

#include "http/principal.hpp"
#include "idempotency/idempotency_keys.hpp"
#include "orders/order.hpp"
#include "payments/payment_events.hpp"
#include "payments/payments_context.hpp"

namespace emporium::payments {

struct CaptureAnswer {
  std::optional<idempotency::StoredResponse> replay = {};
  orders::Order order = {};
  std::string claim_token = {};
};

class CaptureService {
 public:
  CaptureService(PaymentsContext& context, PaymentEvents& events) : context_(context), events_(events) {}

  // 404 unknown (or someone else's) order; 409 order_not_payable, payment_not_started, capture_not_completed,
  // payment_anomaly; 422 capture_not_supported (Stripe and manual payments are not captured by the server).
  // With a key (Idempotency-Key): a repeat answers the first success; a failure releases the key.
  Result<CaptureAnswer> capture(const http::Principal& principal, std::string_view order_id,
                                const std::optional<idempotency::KeyUse>& key);
  void remember(const idempotency::KeyUse& key, const std::string& token, const idempotency::StoredResponse& response);

 private:
  Result<orders::Order> capture_now(const orders::Order& order);

  PaymentsContext& context_;
  PaymentEvents& events_;
};

}  // namespace emporium::payments
