#pragma once
// The rules of coupons as plain functions: what an admin may write, and what a coupon takes off a basket.

#include <cstdint>
#include <span>
#include <vector>

#include "coupons/coupon.hpp"
#include "pricing/pricing.hpp"
#include "support/problem.hpp"

namespace emporium::coupons {

inline constexpr std::size_t kMaxScopeIds = 100;
inline constexpr std::int64_t kMaxAmount = 1'000'000'000'000;  // minor units: value and minSubtotal

// Every rule a normalised input breaks, named by JSON field; empty when valid. Checks that need the database
// (ids that exist, a code already taken) are the service's.
// - code: 3–40 of A–Z a–z 0–9 _ -
// - percentage: value 1..100 (whole percent); fixed: value 1..kMaxAmount and a currency; free_shipping: value
//   absent or 0
// - currency: an ISO 4217 code (upper-cased first); minSubtotal 0..kMaxAmount
// - startsAt/expiresAt: ISO 8601, expiresAt after startsAt; usageLimit, perCustomerLimit ≥ 1
// - productIds / categoryIds: at most kMaxScopeIds well-formed prod_/cat_ ids each
std::vector<FieldError> coupon_input_errors(const CouponInput& input);
// Upper-cases the currency and drops repeated scope ids.
CouponInput normalised_coupon_input(CouponInput input);
// The coupon an input describes (only once coupon_input_errors found nothing): every field but id,
// times_used and the timestamps.
Coupon coupon_from_input(const CouponInput& input);

// The key codes are unique and looked up by: lower-case ASCII.
std::string code_key(std::string_view code);

// True when a line is in the coupon's scope: every line when it has none; otherwise lines of one of its
// products, or of one of its categories or their descendants (by the line's category path).
bool in_scope(const Coupon& coupon, const pricing::PricedLine& line);
// Σ line totals of the lines in scope.
std::int64_t eligible_subtotal(const Coupon& coupon, std::span<const pricing::PricedLine> lines);
// floor(amount × percent / 100) for amount ≥ 0, without overflow.
std::int64_t percent_of(std::int64_t amount, std::int64_t percent);

// What the coupon takes off `lines` now, or the 422 saying why it cannot be used. Checked in this order:
// inactive, not started (now < startsAt), expired (now ≥ expiresAt), usage limit reached, per-customer limit
// reached (`customer_redemptions` so far), currency (the basket's is its first line's), minSubtotal (against
// the whole basket's subtotal), nothing in scope. The amount: percentage → floor(eligible × value / 100);
// fixed → min(value, eligible); free_shipping → 0 and free shipping. Always 0 ≤ amount ≤ eligible.
Result<pricing::Discount> discount_for(const Coupon& coupon, std::span<const pricing::PricedLine> lines, Timestamp now,
                                       std::int64_t customer_redemptions);

}  // namespace emporium::coupons
