#pragma once

#include <cstdint>

#include "cart/cart_service.hpp"
#include "cart/wishlist_service.hpp"
#include "catalog/catalog_module.hpp"
#include "coupons/coupon_redemption.hpp"
#include "http/router.hpp"
#include "pricing/pricing.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"
#include "users/address_service.hpp"

namespace emporium::cart {

struct CartSettings {
  std::int64_t max_line_quantity = 99;
  std::int64_t max_lines = 50;
};

// The cart and the wishlist of each customer.
class CartModule {
 public:
  CartModule(storage::Database& database, IdGenerator& ids, const Clock& clock, catalog::CatalogModule& catalog,
             coupons::CouponRedemptions& coupons, pricing::PricingRules pricing, users::AddressService& addresses,
             CartSettings settings);

  void register_routes(http::Router& router);

 private:
  storage::Database& database_;
  IdGenerator& ids_;
  const Clock& clock_;
  catalog::CatalogModule& catalog_;
  coupons::CouponRedemptions& coupons_;
  pricing::PricingRules pricing_;
  users::AddressService& addresses_;
  CartSettings settings_;
  CartService cart_;
  WishlistService wishlist_;
};

}  // namespace emporium::cart
