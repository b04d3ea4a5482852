#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cart/cart_item.hpp"
#include "coupons/coupon_redemption.hpp"
#include "pricing/pricing.hpp"

namespace emporium::cart {

// One cart line priced from the catalog as it is now.
struct CartLine {
  CartItem item = {};
  pricing::PricedLine priced = {};
};

// The stored coupon when it no longer applies (expired, deleted, basket changed…): shown instead of failing.
struct CouponIssue {
  std::string code = {};    // the stored code
  std::string reason = {};  // the problem code apply would answer: coupon_expired, coupon_not_found, …
  std::string detail = {};
};

// What GET /api/cart shows. Totals are over the lines without an issue.
struct CartView {
  std::vector<CartLine> lines = {};
  std::optional<coupons::AppliedCoupon> coupon = {};
  std::optional<CouponIssue> coupon_issue = {};
  pricing::Totals totals = {};
  std::optional<std::string> currency = {};  // the lines' currency; none for an empty cart
  std::int64_t item_count = 0;               // Σ quantities of every line, flagged ones included
  std::optional<Timestamp> updated_at = {};  // none: the customer never had a cart
};

struct CartViewContext {
  coupons::CouponRedemptions& coupons;
  const pricing::PricingRules& pricing;
  std::optional<std::string> country = {};  // the customer's default shipping country, for tax
  std::string client_ip = {};
};

// Prices the stored cart and rechecks its coupon (not throttled: the customer applied it already).
CartView build_cart_view(storage::Connection& connection, const CartViewContext& context,
                         const std::string& customer_id, StoredCart stored);

// The lines a coupon and the totals see: those without an issue.
std::vector<pricing::PricedLine> orderable_lines(const std::vector<CartLine>& lines);

}  // namespace emporium::cart
