# Tests of the cart. Included from src/CMakeLists.txt, so paths are relative to src/. They run on SQLite and
# PostgreSQL (EMPORIUM_TEST_POSTGRES_URL, from scripts/with-services).
emporium_unit_tests(emporium_cart_tests
  SOURCES cart/cart_checkout_test.cpp
  LIBS emporium_cart emporium_storage_testing)
