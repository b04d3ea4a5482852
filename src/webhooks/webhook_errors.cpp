#include "webhooks/webhook_errors.hpp"

namespace emporium::webhooks::errors {

Problem webhook_not_found() { return problems::not_found("No such webhook endpoint.").with_code("webhook_not_found"); }

Problem delivery_not_found() {
  return problems::not_found("No such delivery of this webhook endpoint.").with_code("delivery_not_found");
}

Problem url_not_allowed(std::string detail) {
  return problems::validation_failed({{"url", "is not an allowed destination"}})
      .with_code("webhook_url_not_allowed")
      .with_detail(std::move(detail));
}

Problem limit_reached(std::int64_t limit) {
  return problems::conflict("webhook_limit_reached",
                            "You have " + std::to_string(limit) + " webhook endpoints, the most one account may have.");
}

Problem endpoint_disabled() {
  return problems::conflict("webhook_disabled", "This webhook endpoint is disabled. Enable it before retrying.");
}

Problem delivery_in_flight() {
  return problems::conflict("delivery_in_flight", "This delivery is being attempted right now.");
}

}  // namespace emporium::webhooks::errors
