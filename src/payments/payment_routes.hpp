#pragma once

#include "http/router.hpp"
#include "payments/capture_service.hpp"
#include "payments/payment_events.hpp"
#include "payments/refund_service.hpp"

namespace emporium::payments {

struct PaymentServices {
  PaymentsContext& context;
  PaymentEvents& events;
  RefundService& refunds;
  CaptureService& capture;
};

// POST /api/payments/webhooks/stripe and …/paypal (the provider's signature is the credential),
// POST /api/orders/:id/payment/capture (the order's customer, admins), POST /api/orders/:id/refunds (admins),
// GET /api/orders/:id/refunds (admins; customers for their own orders).
void register_payment_routes(http::Router& router, PaymentServices& services);

}  // namespace emporium::payments
