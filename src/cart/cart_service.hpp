#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cart/cart_view.hpp"
#include "coupons/coupon_redemption.hpp"
#include "pricing/pricing.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"
#include "users/address_service.hpp"

namespace emporium::cart {

struct CartLimits {
  std::int64_t max_line_quantity = 99;
  std::int64_t max_lines = 50;
};

// Who asks: the customer, and their address for the throttling of coupon guesses.
struct CartCaller {
  std::string customer_id = {};
  std::string client_ip = {};
};

struct AddItemInput {
  std::string product_id = {};
  std::optional<std::string> variant_id = {};
  std::int64_t quantity = 0;
};

// One cart per customer. Each public method is one transaction and answers the cart as it is afterwards; every
// write first locks the customer's cart row, so one customer's writes run one after another (the line limit
// and adding the same variant twice hold under concurrency). Stock is never reserved: a line asking for more
// than is in stock is kept and flagged.
//
// Rules:
// - Adding: the product must exist and be active (else 404 product_not_found); the variant is resolved as
//   pricing does (several variants and none named → 422 variant_required; an unknown one → 422
//   unknown_variant); quantity 1..max_line_quantity, and adding a variant already in the cart adds up (over
//   the maximum → 422 quantity_too_large); at most max_lines lines (409 cart_limit_reached); a product priced in
//   another currency than the cart's lines → 409 cart_currency_mismatch.
// - Another customer's item id, or an unknown one → 404 cart_item_not_found.
// - A coupon is applied now (CouponRedemptions::apply, with its 404/422/429) and stored; on later reads it is
//   checked again and, when it no longer applies, shown as a coupon issue instead.
class CartService {
 public:
  struct Dependencies {
    storage::Database& database;
    IdGenerator& ids;
    const Clock& clock;
    coupons::CouponRedemptions& coupons;
    pricing::PricingRules pricing;
    users::AddressService& addresses;
  };
  CartService(Dependencies dependencies, CartLimits limits);

  CartView get(const CartCaller& caller);
  Result<CartView> add_item(const CartCaller& caller, const AddItemInput& input);
  Result<CartView> set_quantity(const CartCaller& caller, const std::string& item_id, std::int64_t quantity);
  Result<CartView> remove_item(const CartCaller& caller, const std::string& item_id);
  void clear(const CartCaller& caller);
  Result<CartView> apply_coupon(const CartCaller& caller, const std::string& code);
  CartView remove_coupon(const CartCaller& caller);

  const CartLimits& limits() const { return limits_; }

 private:
  CartViewContext view_context(const CartCaller& caller);
  // Runs `change` in a write transaction after locking the cart; answers the cart afterwards.
  template <class Change>
  Result<CartView> write(const CartCaller& caller, Change&& change);
  Result<void> add_line(storage::Connection& connection, const CartCaller& caller, const AddItemInput& input);

  Dependencies deps_;
  CartLimits limits_;
};

}  // namespace emporium::cart
