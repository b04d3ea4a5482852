# The cart and the wishlist. Paths are relative to src/.
add_library(emporium_cart STATIC
  cart/cart_module.cpp cart/cart_checkout.cpp cart/cart_store.cpp cart/cart_errors.cpp cart/cart_view.cpp
  cart/cart_service.cpp cart/cart_json.cpp cart/cart_routes.cpp cart/wishlist_store.cpp cart/wishlist_service.cpp
  cart/wishlist_routes.cpp)
target_link_libraries(emporium_cart
  PUBLIC emporium_http emporium_storage emporium_catalog emporium_coupons emporium_pricing emporium_users
  PRIVATE Boost::json)
target_precompile_headers(emporium_cart PRIVATE <boost/json.hpp>)
emporium_warnings(emporium_cart)
