# Tests of webhooks that need no server: the Standard Webhooks signature (its published test vector), the
# address classification of the SSRF guard, URL rules, retry schedule and jitter, event filters, and the
# planner and delivery worker against a scripted receiver on SQLite and PostgreSQL (EMPORIUM_TEST_POSTGRES_URL).
emporium_unit_tests(emporium_webhooks_tests
  SOURCES webhooks/webhook_signature_test.cpp webhooks/address_policy_test.cpp webhooks/retry_policy_test.cpp
          webhooks/event_filter_test.cpp webhooks/delivery_worker_test.cpp
  LIBS emporium_webhooks emporium_storage_testing Boost::json)
