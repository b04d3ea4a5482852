#pragma once
// CONTRACT (written before the implementation; the coupons work fills it in and may add to it, but the cart
// and orders code rely on these declarations).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "pricing/pricing.hpp"
#include "storage/database.hpp"
#include "support/problem.hpp"

namespace emporium::coupons {

// A coupon that applies to a basket, with what it takes off.
struct AppliedCoupon {
  std::string coupon_id = {};
  std::string code = {};  // as the admin wrote it
  std::string type = {};  // percentage | fixed | free_shipping
  pricing::Discount discount = {};
};

// Who is asking, for the per-customer limit and the throttling of wrong guesses.
struct CouponRequest {
  std::string code = {};  // as the customer typed it (compared without regard to case)
  std::string customer_id = {};
  std::string client_ip = {};
};

// Applying and redeeming coupons; implemented by CouponService.
class CouponRedemptions {
 public:
  virtual ~CouponRedemptions() = default;
  // Checks the coupon against the lines now (read-only, in the caller's transaction): unknown code → 404
  // coupon_not_found (and counts as a wrong guess: too many per user or IP → 429 coupon_guesses_throttled),
  // inactive / not started / expired / used up / per-customer limit reached / below minSubtotal / nothing in
  // scope / other currency → 422 with a specific code.
  virtual Result<AppliedCoupon> apply(storage::Connection& connection, const CouponRequest& request,
                                      std::span<const pricing::PricedLine> lines) = 0;
  // The same checks for a code the customer already applied (a cart shown again): neither throttled nor counted
  // as a wrong guess when the coupon was deleted since. ADDED by the coupons work; the default is apply().
  virtual Result<AppliedCoupon> recheck(storage::Connection& connection, const CouponRequest& request,
                                        std::span<const pricing::PricedLine> lines) {
    return apply(connection, request, lines);
  }
  // In the order's transaction, after `apply`: counts one use for the order with a conditional update, so
  // that parallel orders never redeem more than the limits allow → 409 coupon_exhausted when it lost the race.
  virtual Result<void> redeem(storage::Connection& connection, const AppliedCoupon& coupon,
                              std::string_view customer_id, std::string_view order_id) = 0;
  // In the transaction that cancels an unpaid order (or expires it): the order's use of the coupon is given
  // back — its redemption removed and the count lowered — so unpaid orders cannot use up a limited coupon.
  // Does nothing when the order redeemed none.
  virtual void give_back(storage::Connection& connection, std::string_view coupon_id, std::string_view order_id) = 0;
};

}  // namespace emporium::coupons
