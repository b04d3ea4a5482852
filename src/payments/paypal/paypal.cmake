# PayPal Orders v2 behind the PaymentProvider port (the factory is make_paypal_provider). Paths relative to src/.
add_library(emporium_paypal STATIC
  payments/paypal/paypal_provider.cpp payments/paypal/paypal_api.cpp payments/paypal/paypal_orders.cpp
  payments/paypal/paypal_webhook.cpp payments/paypal/paypal_json.cpp payments/paypal/paypal_money.cpp
  payments/paypal/paypal_errors.cpp)
target_link_libraries(emporium_paypal PUBLIC emporium_orders emporium_outbound Boost::json)
target_precompile_headers(emporium_paypal PRIVATE <boost/json.hpp>)
emporium_warnings(emporium_paypal)
