#include "payments/payments_errors.hpp"

namespace emporium::payments::errors {

Problem provider_not_configured() { return problems::not_found("This payment provider is not configured here."); }

Problem unknown_order() {
  return problems::conflict("unknown_order",
                            "The order this event is about is not known here (yet). Nothing was recorded; send it "
                            "again later.");
}

Problem refund_in_flight() {
  return problems::conflict("refund_in_flight",
                            "Part of the refunded total this event reports may be a refund of this store that the "
                            "provider has not acknowledged yet (it is being sent again). Nothing was recorded; send "
                            "it again later.");
}

Problem order_not_refundable(std::string_view status) {
  return problems::conflict("order_not_refundable", "An order that is " + std::string(status) +
                                                        " has no payment to refund. Only paid orders (and cancelled "
                                                        "ones with a refund due) are refunded.");
}

Problem refund_exceeds_payment(std::int64_t available) {
  return problems::validation_failed(
             {{"amount", "must be at most " + std::to_string(available) + " (what was paid and not yet refunded)"}})
      .with_code("refund_exceeds_payment")
      .with_detail("A refund can never exceed what was paid minus what was already refunded (" +
                   std::to_string(available) + " left).");
}

Problem restock_not_possible(std::string detail) {
  return problems::validation_failed({{"restock", detail}}).with_code("restock_not_possible").with_detail(detail);
}

Problem order_not_payable(orders::OrderStatus status) {
  return problems::conflict("order_not_payable", "The order is " + std::string(orders::to_string(status)) +
                                                     ": only an order awaiting payment can be paid.");
}

Problem payment_not_started() {
  return problems::conflict("payment_not_started",
                            "The provider has no payment for this order yet: start it with POST "
                            "/api/orders/:id/payment/session first.");
}

Problem capture_not_completed(std::string_view provider_status) {
  return problems::conflict("capture_not_completed", "The provider did not complete the capture (status " +
                                                         std::string(provider_status) +
                                                         "); the order stays pending_payment.");
}

Problem payment_anomaly(std::string detail) { return problems::conflict("payment_anomaly", std::move(detail)); }

}  // namespace emporium::payments::errors
