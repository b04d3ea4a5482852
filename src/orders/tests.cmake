# Tests of orders that need no server: the status machine, input rules, line checks, the store (on SQLite and
# PostgreSQL: EMPORIUM_TEST_POSTGRES_URL, from scripts/with-services) and the expiry job's thread.
emporium_unit_tests(emporium_orders_tests
  SOURCES orders/order_status_test.cpp orders/order_input_test.cpp orders/order_basket_test.cpp
          orders/order_store_test.cpp
  LIBS emporium_orders emporium_storage_testing)
