# Tests of idempotency keys, on SQLite and PostgreSQL (EMPORIUM_TEST_POSTGRES_URL, from scripts/with-services).
emporium_unit_tests(emporium_idempotency_tests
  SOURCES idempotency/idempotency_keys_test.cpp idempotency/idempotency_http_test.cpp
  LIBS emporium_idempotency emporium_storage_testing)
