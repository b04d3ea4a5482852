# Tests of the users domain. Included from src/CMakeLists.txt, so paths are relative to src/.
# The address book runs on SQLite and PostgreSQL (EMPORIUM_TEST_POSTGRES_URL, from scripts/with-services).
emporium_unit_tests(emporium_users_tests
  SOURCES users/address_service_test.cpp users/address_rules_test.cpp users/countries_test.cpp
          users/access_tokens_test.cpp users/users_units_test.cpp
  LIBS emporium_users emporium_storage_testing PkgConfig::LIBJWT)
