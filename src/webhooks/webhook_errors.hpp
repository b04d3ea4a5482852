#pragma once
// The stable error codes of webhooks, as problems.

#include <cstdint>
#include <string>

#include "support/problem.hpp"

namespace emporium::webhooks::errors {

Problem webhook_not_found();                  // 404 webhook_not_found (also someone else's endpoint)
Problem delivery_not_found();                 // 404 delivery_not_found
Problem url_not_allowed(std::string detail);  // 422 webhook_url_not_allowed: where the URL leads
Problem limit_reached(std::int64_t limit);    // 409 webhook_limit_reached
Problem endpoint_disabled();                  // 409 webhook_disabled: enable it before retrying
Problem delivery_in_flight();                 // 409 delivery_in_flight: an attempt is running now

}  // namespace emporium::webhooks::errors
