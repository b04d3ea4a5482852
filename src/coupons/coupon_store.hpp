#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "coupons/coupon.hpp"
#include "storage/database.hpp"

namespace emporium::coupons {

// The SQL of coupons, their scope and their redemptions, one function per statement. Lookups find live
// (not deleted) coupons only, with their scope.
class CouponStore {
 public:
  // False when a live coupon already has the code's key (nothing written).
  static bool insert(storage::Connection& connection, const Coupon& coupon);
  // Every field but id, times_used and created_at; false when there is no such live coupon. Throws
  // ConstraintViolation (Unique) when another live coupon has the new code.
  static bool update(storage::Connection& connection, const Coupon& coupon);
  static bool soft_delete(storage::Connection& connection, std::string_view id, Timestamp now);
  static void replace_scope(storage::Connection& connection, const Coupon& coupon);

  static std::optional<Coupon> find(storage::Connection& connection, std::string_view id);
  static std::optional<Coupon> find_by_code(storage::Connection& connection, std::string_view code);
  // True when a live coupon other than `except_id` has the code (without regard to case).
  static bool code_taken(storage::Connection& connection, std::string_view code, std::string_view except_id);
  // Newest first.
  static CouponPage list(storage::Connection& connection, const CouponFilter& filter);

  // Counts one use when the coupon is live, active, not expired at `now` and under its usage limit; the row stays
  // locked until the transaction ends. Nullopt when no row qualified; otherwise its per-customer limit (which may
  // itself be absent).
  struct CountedUse {
    std::optional<std::int64_t> per_customer_limit = {};
  };
  static std::optional<CountedUse> count_use(storage::Connection& connection, std::string_view id, Timestamp now);
  static std::int64_t customer_redemptions(storage::Connection& connection, std::string_view coupon_id,
                                           std::string_view customer_id);
  static void insert_redemption(storage::Connection& connection, std::string_view coupon_id,
                                std::string_view customer_id, std::string_view order_id, Timestamp now);
  // False when the order had no redemption of the coupon.
  static bool delete_redemption(storage::Connection& connection, std::string_view coupon_id, std::string_view order_id);
  static void uncount_use(storage::Connection& connection, std::string_view coupon_id, Timestamp now);
};

}  // namespace emporium::coupons
