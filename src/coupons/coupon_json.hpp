#pragma once

#include <boost/json/object.hpp>

#include "coupons/coupon.hpp"
#include "http/request.hpp"
#include "support/problem.hpp"

namespace emporium::coupons {

// {id, code, type, value, currency, minSubtotal, startsAt, expiresAt, usageLimit, perCustomerLimit, productIds,
// categoryIds, active, timesUsed, createdAt, updatedAt}; absent optional values are null.
boost::json::object to_json(const Coupon& coupon);

// A coupon body (create or replace): 400/415 for a body that is not JSON, 422 with every wrong field at once —
// types, unknown fields, and the rules of coupon_input_errors. productIds and categoryIds are arrays of ids.
Result<CouponInput> read_coupon_input(const http::Request& request);

}  // namespace emporium::coupons
