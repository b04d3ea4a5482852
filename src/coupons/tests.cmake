# Tests of coupons. Included from src/CMakeLists.txt, so paths are relative to src/. The service runs on SQLite
# and PostgreSQL (EMPORIUM_TEST_POSTGRES_URL, from scripts/with-services).
emporium_unit_tests(emporium_coupons_tests
  SOURCES coupons/coupon_rules_test.cpp coupons/coupon_service_test.cpp
  LIBS emporium_coupons emporium_storage_testing)
