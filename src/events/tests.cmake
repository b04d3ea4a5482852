# Tests of the event stream, on SQLite and PostgreSQL (EMPORIUM_TEST_POSTGRES_URL, from scripts/with-services).
emporium_unit_tests(emporium_events_tests
  SOURCES events/event_dispatcher_test.cpp
  LIBS emporium_events emporium_storage_testing)
