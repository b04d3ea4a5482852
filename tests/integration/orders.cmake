# Orders over HTTP, on SQLite and PostgreSQL: placing, validation, idempotency keys, the status machine,
# cancelling, reading, races and expiry. One server per suite (the expiry suite's orders wait one second).
target_sources(emporium_test_support PRIVATE support/orders_api.cpp)
emporium_integration_tests(emporium_orders_it
  SOURCES integration/orders_place_test.cpp integration/orders_validation_test.cpp
          integration/orders_idempotency_test.cpp integration/orders_status_test.cpp
          integration/orders_cancel_test.cpp integration/orders_read_test.cpp
          integration/orders_races_test.cpp integration/orders_expiry_test.cpp
          integration/orders_checkout_test.cpp
  PROPERTIES TIMEOUT 300)
