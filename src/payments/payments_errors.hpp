#pragma once
// The stable error codes of payments, as problems.

#include <cstdint>
#include <string>
#include <string_view>

#include "orders/order_status.hpp"
#include "support/problem.hpp"

namespace emporium::payments::errors {

Problem provider_not_configured();                                // 404: no such webhook endpoint here
Problem unknown_order();                                          // 409 unknown_order: the provider retries
Problem refund_in_flight();                                       // 409 refund_in_flight: the provider retries
Problem order_not_refundable(std::string_view status);            // 409 order_not_refundable
Problem refund_exceeds_payment(std::int64_t available);           // 422 refund_exceeds_payment
Problem restock_not_possible(std::string detail);                 // 422 restock_not_possible
Problem order_not_payable(orders::OrderStatus status);            // 409 order_not_payable
Problem payment_not_started();                                    // 409 payment_not_started
Problem capture_not_completed(std::string_view provider_status);  // 409 capture_not_completed
Problem payment_anomaly(std::string detail);                      // 409 payment_anomaly

}  // namespace emporium::payments::errors
