# Inventory over HTTP, on SQLite and PostgreSQL: manual stock changes, the movements of a product, the
# low-stock list, their unhappy paths and races. Every test ends by checking the ledger's invariant.
target_sources(emporium_test_support PRIVATE support/inventory_api.cpp)
target_link_libraries(emporium_test_support PUBLIC GTest::gtest)
emporium_integration_tests(emporium_inventory_it
  SOURCES integration/inventory_stock_test.cpp integration/inventory_validation_test.cpp
          integration/inventory_movements_test.cpp integration/inventory_low_stock_test.cpp
          integration/inventory_concurrency_test.cpp)
