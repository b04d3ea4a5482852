# Coupons: admin CRUD, applying and redeeming. Paths are relative to src/.
add_library(emporium_coupons STATIC
  coupons/coupons_module.cpp coupons/coupon_errors.cpp coupons/coupon_rules.cpp coupons/coupon_service.cpp
  coupons/coupon_store.cpp coupons/coupon_json.cpp coupons/coupon_routes.cpp)
target_link_libraries(emporium_coupons
  PUBLIC emporium_http emporium_storage emporium_audit emporium_pricing emporium_users
  PRIVATE emporium_catalog Boost::json)
target_precompile_headers(emporium_coupons PRIVATE <boost/json.hpp>)
emporium_warnings(emporium_coupons)
