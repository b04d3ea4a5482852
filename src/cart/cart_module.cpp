#include "cart/cart_module.hpp"

#include "cart/cart_routes.hpp"

namespace emporium::cart {

CartModule::CartModule(storage::Database& database, IdGenerator& ids, const Clock& clock,
                       catalog::CatalogModule& catalog, coupons::CouponRedemptions& coupons,
                       pricing::PricingRules pricing, users::AddressService& addresses, CartSettings settings)
    : database_(database),
      ids_(ids),
      clock_(clock),
      catalog_(catalog),
      coupons_(coupons),
      pricing_(pricing),
      addresses_(addresses),
      settings_(settings),
      cart_(CartService::Dependencies{.database = database,
                                      .ids = ids,
                                      .clock = clock,
                                      .coupons = coupons,
                                      .pricing = pricing,
                                      .addresses = addresses},
            CartLimits{.max_line_quantity = settings.max_line_quantity, .max_lines = settings.max_lines}),
      wishlist_(database, clock) {}

void CartModule::register_routes(http::Router& router) {
  register_cart_routes(router, cart_);
  register_wishlist_routes(router, wishlist_);
}

}  // namespace emporium::cart
