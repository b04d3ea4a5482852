#include "orders/payment_provider.hpp"

namespace emporium::orders {

Result<CaptureResult> PaymentProvider::capture(const Order&, const PaymentRecord&) {
  return problems::validation_failed({{"paymentMethod", "payments of this method are not captured by the server"}})
      .with_code("capture_not_supported");
}

Result<ProviderEvent> PaymentProvider::verify_webhook(const WebhookRequest&) {
  return problems::not_found("This payment provider sends no webhooks.");
}

}  // namespace emporium::orders
