# The storage contract, run on SQLite and PostgreSQL alike (PostgreSQL from EMPORIUM_TEST_POSTGRES_URL,
# which scripts/with-services provides), and the PostgreSQL backend's own cases. Included from
# src/CMakeLists.txt, so paths are relative to src/.
emporium_unit_tests(emporium_storage_tests
  SOURCES storage/storage_contract_test.cpp storage/migrator_test.cpp storage/postgres/postgres_database_test.cpp
          storage/sqlite/sqlite_write_gate_test.cpp
  LIBS emporium_storage emporium_storage_testing)
