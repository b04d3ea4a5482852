#include "payments/paypal/paypal_errors.hpp"

namespace emporium::payments::paypal::errors {

Problem unavailable() {
  return problems::service_unavailable("PayPal is not reachable right now. Try again in a moment.")
      .with_code("payment_provider_unavailable");
}

Problem provider_error() {
  return problems::service_unavailable("PayPal did not accept the request of this store. Try again later.")
      .with_code("payment_provider_error");
}

Problem not_approved() {
  return problems::validation_failed({})
      .with_code("payment_not_approved")
      .with_detail("The buyer has not approved this payment at PayPal yet: send them to the approvalUrl first.");
}

Problem refused(std::string_view what, std::string_view issue) {
  auto detail = "PayPal refused the " + std::string(what);
  if (!issue.empty()) detail += " (" + std::string(issue) + ")";
  return problems::validation_failed({}).with_code("payment_provider_refused").with_detail(detail + ".");
}

Problem not_started() {
  return problems::conflict("payment_not_started", "No PayPal payment was created for this order yet.");
}

Problem not_captured() {
  return problems::conflict("payment_not_captured",
                            "The PayPal payment of this order was not captured, so there is nothing to refund.");
}

Problem invalid_signature(std::string detail) {
  return problems::bad_request(std::move(detail)).with_code("invalid_signature");
}

Problem invalid_webhook(std::string detail) {
  return problems::bad_request(std::move(detail)).with_code("invalid_webhook");
}

}  // namespace emporium::payments::paypal::errors
