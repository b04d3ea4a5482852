# The category tree of the catalog: slugs (shared with products), the tree's store, service, JSON and routes.
# Included from catalog/catalog.cmake, so paths are relative to src/. The service and route tests run on SQLite
# and PostgreSQL (EMPORIUM_TEST_POSTGRES_URL, from scripts/with-services).
target_sources(emporium_catalog PRIVATE
  catalog/slug.cpp catalog/category_store.cpp catalog/category_service.cpp catalog/category_json.cpp
  catalog/category_routes.cpp)

emporium_unit_tests(emporium_catalog_category_tests
  SOURCES catalog/slug_test.cpp catalog/category_store_test.cpp catalog/category_service_test.cpp catalog/category_writes_test.cpp
          catalog/category_routes_test.cpp
  LIBS emporium_catalog emporium_storage_testing Boost::json)
