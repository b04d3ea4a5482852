# Product search: text rules, the portable search index, list queries with facets, cursors and the list's
# query string. Included from catalog/catalog.cmake, so paths are relative to src/. The tests run on SQLite and
# PostgreSQL (EMPORIUM_TEST_POSTGRES_URL, from scripts/with-services).
target_sources(emporium_catalog PRIVATE
  catalog/search_text.cpp catalog/search_index.cpp catalog/product_search.cpp catalog/product_cursor.cpp
  catalog/product_list_params.cpp)

emporium_unit_tests(emporium_catalog_search_tests
  SOURCES catalog/search_text_test.cpp catalog/product_cursor_test.cpp catalog/product_list_params_test.cpp
          catalog/search_index_test.cpp catalog/product_search_test.cpp catalog/product_search_text_test.cpp
          catalog/product_search_parity_test.cpp
  LIBS emporium_catalog emporium_storage_testing)
