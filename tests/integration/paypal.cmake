# PayPal against a fake PayPal (tests/fakes/fake_paypal.py, started per test on loopback).
# The provider class on its own: no server and no database, so it runs once (not per backend).
add_executable(emporium_paypal_provider_it
  integration/paypal_provider_test.cpp integration/paypal_capture_test.cpp integration/paypal_webhook_test.cpp
  integration/paypal_fake.cpp)
target_link_libraries(emporium_paypal_provider_it
  PRIVATE emporium_paypal emporium_outbound emporium_test_support GTest::gtest GTest::gtest_main)
emporium_warnings(emporium_paypal_provider_it)
add_test(NAME emporium_paypal_provider_it COMMAND emporium_paypal_provider_it)
set_tests_properties(emporium_paypal_provider_it PROPERTIES LABELS integration TIMEOUT 120)

# End to end through the real server on SQLite and PostgreSQL (one server and one fake PayPal for the suite):
# approve, capture, invoice number, refunds, webhooks applied once, refused deliveries, a provider timeout.
emporium_integration_tests(emporium_paypal_it
  SOURCES integration/paypal_checkout_test.cpp integration/paypal_notifications_test.cpp
          integration/paypal_checkout_suite.cpp integration/paypal_fake.cpp
  PROPERTIES TIMEOUT 180)
