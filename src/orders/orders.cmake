# Orders: placing, idempotency, the status machine, vendor shipping, expiry. Paths are relative to src/.
add_library(emporium_orders STATIC
  orders/orders_module.cpp orders/order_status.cpp orders/order_errors.cpp orders/order_codec.cpp
  orders/order_store.cpp orders/order_json.cpp orders/order_input.cpp orders/order_basket.cpp
  orders/order_timeline.cpp orders/order_placement.cpp orders/order_lifecycle.cpp orders/order_queries.cpp
  orders/order_routes.cpp orders/invoice_numbers.cpp orders/payment_provider.cpp
  orders/payment_records.cpp orders/payment_sessions.cpp orders/order_refunds.cpp)
target_link_libraries(emporium_orders
  PUBLIC emporium_http emporium_storage emporium_audit emporium_events emporium_catalog emporium_stock
         emporium_coupons emporium_pricing emporium_users emporium_cart emporium_idempotency
  PRIVATE Boost::json)
target_precompile_headers(emporium_orders PRIVATE <boost/json.hpp>)
emporium_warnings(emporium_orders)
