# Reviews over HTTP, on SQLite and PostgreSQL: writing, editing, hiding and deleting reviews, who may do what,
# input rules, races, verified purchases and the product rating the catalog filters and sorts by.
target_sources(emporium_test_support PRIVATE support/reviews_api.cpp)
emporium_integration_tests(emporium_reviews_it
  SOURCES integration/reviews_write_test.cpp integration/reviews_access_test.cpp
          integration/reviews_rating_test.cpp
  PROPERTIES TIMEOUT 300)
