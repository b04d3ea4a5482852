#include "coupons/coupons_module.hpp"

#include "coupons/coupon_routes.hpp"
#include "coupons/coupon_service.hpp"

namespace emporium::coupons {

CouponsModule::CouponsModule(storage::Database& database, IdGenerator& ids, const Clock& clock, audit::AuditLog& audit,
                             CouponSettings settings)
    : database_(database),
      ids_(ids),
      clock_(clock),
      audit_(audit),
      settings_(settings),
      service_(std::make_unique<CouponService>(
          CouponService::Dependencies{.database = database, .ids = ids, .clock = clock, .audit = audit},
          users::ThrottleRule{.max_failures = settings.wrong_guesses, .window = settings.guess_window})) {}

CouponsModule::~CouponsModule() = default;

void CouponsModule::register_routes(http::Router& router) { register_coupon_routes(router, *service_); }

CouponRedemptions& CouponsModule::redemptions() { return *service_; }

}  // namespace emporium::coupons
