#include "coupons/coupon_errors.hpp"

#include <utility>

namespace emporium::coupons::errors {
namespace {
// A coupon that exists but cannot be used on this basket now: 422, with the reason on the `code` field.
Problem unusable(std::string code, std::string detail) {
  return problems::validation_failed({{"code", detail}}).with_code(std::move(code)).with_detail(std::move(detail));
}
}  // namespace

Problem coupon_not_found() { return problems::not_found("No such coupon.").with_code("coupon_not_found"); }

Problem guesses_throttled(std::int64_t retry_after_seconds) {
  return problems::rate_limited(retry_after_seconds)
      .with_code("coupon_guesses_throttled")
      .with_detail("Too many unknown coupon codes. Retry after " + std::to_string(retry_after_seconds) + " seconds.");
}

Problem coupon_inactive() { return unusable("coupon_inactive", "This coupon is not active."); }

Problem coupon_not_started() { return unusable("coupon_not_started", "This coupon is not valid yet."); }

Problem coupon_expired() { return unusable("coupon_expired", "This coupon has expired."); }

Problem usage_limit_reached() {
  return unusable("coupon_usage_limit_reached", "This coupon has been used as often as it may be.");
}

Problem customer_limit_reached() {
  return unusable("coupon_customer_limit_reached", "You have used this coupon as often as you may.");
}

Problem currency_mismatch(const std::string& coupon_currency) {
  return unusable("coupon_currency_mismatch", "This coupon is only valid for baskets in " + coupon_currency + ".");
}

Problem min_subtotal_not_met(std::int64_t min_subtotal) {
  return unusable("coupon_min_subtotal_not_met",
                  "This coupon needs a subtotal of at least " + std::to_string(min_subtotal) + " (minor units).");
}

Problem not_applicable() { return unusable("coupon_not_applicable", "This coupon applies to nothing in the basket."); }

Problem coupon_exhausted() {
  return problems::conflict("coupon_exhausted", "This coupon was used up meanwhile. Remove it and try again.");
}

Problem code_taken() { return problems::conflict("coupon_code_taken", "A coupon with this code already exists."); }

Problem unknown_ids(std::string field, std::string what) {
  auto detail = "Every id in " + field + " must name an existing " + what + ".";
  return problems::validation_failed({{std::move(field), "must name existing " + what + "s"}})
      .with_detail(std::move(detail));
}

}  // namespace emporium::coupons::errors
