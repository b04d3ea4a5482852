# Tests of reviews that need no server: the input rules, and the store with the rating it keeps (on SQLite and
# PostgreSQL: EMPORIUM_TEST_POSTGRES_URL, from scripts/with-services).
emporium_unit_tests(emporium_reviews_tests
  SOURCES reviews/review_rules_test.cpp reviews/review_store_test.cpp reviews/review_service_test.cpp
  LIBS emporium_reviews emporium_storage_testing)
