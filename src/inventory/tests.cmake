# Tests of the inventory domain. Included from src/CMakeLists.txt, so paths are relative to src/.
# They run on SQLite and PostgreSQL (EMPORIUM_TEST_POSTGRES_URL, from scripts/with-services).
emporium_unit_tests(emporium_inventory_tests
  SOURCES inventory/stock_ledger_test.cpp inventory/stock_migration_test.cpp
  LIBS emporium_stock emporium_storage_testing Boost::json)
