# The cart, the wishlist and coupons over HTTP, on SQLite and PostgreSQL: cart lines and totals, who may call what,
# coupon administration, applying coupons (and their throttle), redeeming them through orders, and wishlists. One
# server per suite; each test registers the customers it uses.
target_sources(emporium_test_support PRIVATE support/cart_api.cpp)
emporium_integration_tests(emporium_cart_it
  SOURCES integration/cart_items_test.cpp integration/cart_access_test.cpp integration/coupons_admin_test.cpp
          integration/coupons_apply_test.cpp integration/coupons_redeem_test.cpp integration/wishlist_items_test.cpp
  PROPERTIES TIMEOUT 300)
