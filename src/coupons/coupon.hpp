#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/clock.hpp"

namespace emporium::coupons {

enum class CouponType { Percentage, Fixed, FreeShipping };
std::string_view to_string(CouponType type);  // "percentage" | "fixed" | "free_shipping"
std::optional<CouponType> coupon_type_from_string(std::string_view text);

inline constexpr std::string_view kCouponIdPrefix = "cpn";

// A coupon as the store keeps it. Money is in minor units.
struct Coupon {
  std::string id = {};
  std::string code = {};  // as the admin wrote it; unique among live coupons without regard to case
  CouponType type = CouponType::Percentage;
  std::int64_t value = 0;                    // whole percent 1..100 | minor units | 0 for free shipping
  std::optional<std::string> currency = {};  // required for fixed; when set, only baskets in it qualify
  std::int64_t min_subtotal = 0;             // of the whole basket (every line, in scope or not)
  std::optional<Timestamp> starts_at = {};
  std::optional<Timestamp> expires_at = {};
  std::optional<std::int64_t> usage_limit = {};         // redemptions in all; none: unlimited
  std::optional<std::int64_t> per_customer_limit = {};  // redemptions per customer; none: unlimited
  std::int64_t times_used = 0;
  bool active = true;
  std::vector<std::string> product_ids = {};   // scope; both empty: the whole basket
  std::vector<std::string> category_ids = {};  // scope, including descendant categories
  Timestamp created_at{};
  Timestamp updated_at{};
};

// What an admin writes (create, or a full replace).
struct CouponInput {
  std::string code = {};
  std::string type = {};
  std::optional<std::int64_t> value = {};
  std::optional<std::string> currency = {};
  std::optional<std::int64_t> min_subtotal = {};
  std::optional<std::string> starts_at = {};   // ISO 8601
  std::optional<std::string> expires_at = {};  // ISO 8601
  std::optional<std::int64_t> usage_limit = {};
  std::optional<std::int64_t> per_customer_limit = {};
  std::vector<std::string> product_ids = {};
  std::vector<std::string> category_ids = {};
  std::optional<bool> active = {};
};

// The filters of the admin list.
struct CouponFilter {
  std::optional<bool> active = {};
  std::optional<std::string> code_prefix = {};  // compared without regard to case
  std::int64_t limit = 20;
  std::int64_t offset = 0;
};

struct CouponPage {
  std::vector<Coupon> coupons = {};
  std::int64_t total = 0;
};

}  // namespace emporium::coupons
