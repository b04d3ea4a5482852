# Webhooks over HTTP, on SQLite and PostgreSQL: endpoints (roles, validation, the URL policy of a production
# configuration), live deliveries to tests/fakes/webhook_receiver.py, which checks every signature, and
# recovery from a receiver that was down and from a server killed mid-delivery.
target_sources(emporium_test_support PRIVATE support/webhooks_api.cpp)
emporium_integration_tests(emporium_webhooks_it
  SOURCES integration/webhooks_endpoints_test.cpp integration/webhooks_validation_test.cpp
          integration/webhooks_delivery_test.cpp integration/webhooks_recovery_test.cpp
  PROPERTIES TIMEOUT 300)
