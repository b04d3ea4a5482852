# PayPal without the network: money strings, request bodies, reading PayPal's answers and webhook events.
# (The provider against a fake PayPal is tests/integration/paypal.cmake.)
emporium_unit_tests(emporium_paypal_tests
  SOURCES payments/paypal/paypal_money_test.cpp payments/paypal/paypal_orders_test.cpp
          payments/paypal/paypal_webhook_test.cpp
  LIBS emporium_paypal)
