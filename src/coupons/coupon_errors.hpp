#pragma once
// The stable error codes of coupons. Applying a coupon that exists but cannot be used now answers 422 with a
// code saying why; redeeming one that another order used up meanwhile answers 409 coupon_exhausted.

#include <cstdint>
#include <string>

#include "support/problem.hpp"

namespace emporium::coupons::errors {

Problem coupon_not_found();                                     // 404: unknown, deleted, or not a coupon id
Problem guesses_throttled(std::int64_t retry_after_seconds);    // 429 coupon_guesses_throttled + Retry-After
Problem coupon_inactive();                                      // 422 coupon_inactive
Problem coupon_not_started();                                   // 422 coupon_not_started
Problem coupon_expired();                                       // 422 coupon_expired
Problem usage_limit_reached();                                  // 422 coupon_usage_limit_reached
Problem customer_limit_reached();                               // 422 coupon_customer_limit_reached
Problem currency_mismatch(const std::string& coupon_currency);  // 422 coupon_currency_mismatch
Problem min_subtotal_not_met(std::int64_t min_subtotal);        // 422 coupon_min_subtotal_not_met
Problem not_applicable();                                       // 422 coupon_not_applicable (nothing in scope)
Problem coupon_exhausted();                                     // 409 coupon_exhausted (lost the race)
Problem code_taken();                                           // 409 coupon_code_taken
Problem unknown_ids(std::string field, std::string what);       // 422 naming the field

}  // namespace emporium::coupons::errors
