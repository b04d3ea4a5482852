# Payments over HTTP, on SQLite and PostgreSQL, against the fake Stripe (tests/fakes/fake_stripe.py): intents,
# signed webhooks applied once, refunds and their rules, cancellation refunds, provider outages and failed
# payments. One server (and one fake) per suite.
target_sources(emporium_test_support PRIVATE support/payments_api.cpp)
emporium_integration_tests(emporium_payments_it
  SOURCES integration/payments_webhooks_test.cpp integration/payments_refunds_test.cpp
          integration/payments_refund_events_test.cpp integration/payments_failures_test.cpp
  PROPERTIES TIMEOUT 300)
