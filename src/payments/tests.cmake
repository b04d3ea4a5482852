# Tests of payments that need no server: the refund store's claims, leases and owed orders (on SQLite and
# PostgreSQL: EMPORIUM_TEST_POSTGRES_URL, from scripts/with-services).
emporium_unit_tests(emporium_payments_tests
  SOURCES payments/refund_store_test.cpp
  LIBS emporium_payments emporium_storage_testing)
