#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "audit/audit_log.hpp"
#include "coupons/coupon.hpp"
#include "coupons/coupon_redemption.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"
#include "users/login_throttle.hpp"

namespace emporium::coupons {

struct CouponActor {
  std::string user_id = {};
  std::string client_ip = {};
};

// Coupons: the admin's CRUD (each method one transaction, audited) and applying and redeeming them for carts and
// orders (in the caller's transaction).
//
// Wrong guesses: an unknown code counts one failure for the customer and one for the client IP; once either has
// `wrong_guesses` failures in the current fixed window of `guess_window`, every apply by that customer or from that
// IP answers 429 coupon_guesses_throttled with Retry-After = the seconds left in the window (as the login throttle
// does), whether the code is right or not, so that guessing learns nothing. Counted in process (one node).
class CouponService final : public CouponRedemptions {
 public:
  struct Dependencies {
    storage::Database& database;
    IdGenerator& ids;
    const Clock& clock;
    audit::AuditLog& audit;
  };
  CouponService(Dependencies dependencies, users::ThrottleRule guesses);

  CouponPage list(const CouponFilter& filter);
  Result<Coupon> get(const std::string& id);
  // 422 for a broken rule or an unknown product/category id (naming the field), 409 coupon_code_taken when a live
  // coupon has the code in any case (also when creates race).
  Result<Coupon> create(const CouponActor& actor, CouponInput input);
  // A full replace: absent optional fields take their defaults. times_used is kept.
  Result<Coupon> replace(const CouponActor& actor, const std::string& id, CouponInput input);
  // Soft delete: the code becomes free again; redemptions keep their coupon.
  Result<void> remove(const CouponActor& actor, const std::string& id);

  Result<AppliedCoupon> apply(storage::Connection& connection, const CouponRequest& request,
                              std::span<const pricing::PricedLine> lines) override;
  Result<AppliedCoupon> recheck(storage::Connection& connection, const CouponRequest& request,
                                std::span<const pricing::PricedLine> lines) override;
  void give_back(storage::Connection& connection, std::string_view coupon_id, std::string_view order_id) override;
  Result<void> redeem(storage::Connection& connection, const AppliedCoupon& coupon, std::string_view customer_id,
                      std::string_view order_id) override;

 private:
  Result<Coupon> write(const CouponActor& actor, const std::string& id, CouponInput input, bool creating);
  Result<AppliedCoupon> evaluate(storage::Connection& connection, const CouponRequest& request,
                                 std::span<const pricing::PricedLine> lines, bool count_guess);

  Dependencies deps_;
  users::ThrottleRule guesses_;
  users::FailureThrottle throttle_;
};

}  // namespace emporium::coupons
