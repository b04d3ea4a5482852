#pragma once

#include "coupons/coupon_service.hpp"
#include "http/router.hpp"

namespace emporium::coupons {

// GET|POST /api/coupons, GET|PUT|DELETE /api/coupons/:id — admins only.
void register_coupon_routes(http::Router& router, CouponService& coupons);

}  // namespace emporium::coupons
