# The catalog domain: categories, products and variants, search, images. Included from src/CMakeLists.txt,
# so paths are relative to src/. The category and search parts keep their own lists.
add_library(emporium_catalog STATIC)
target_link_libraries(emporium_catalog PUBLIC emporium_http emporium_storage emporium_audit emporium_media emporium_stock PRIVATE Boost::json)
target_precompile_headers(emporium_catalog PRIVATE <boost/json.hpp>)
emporium_warnings(emporium_catalog)

include(catalog/search.cmake OPTIONAL)
include(catalog/categories.cmake OPTIONAL)

target_sources(emporium_catalog PRIVATE
  catalog/memory_catalog_cache.cpp catalog/product_input.cpp catalog/product_json.cpp catalog/product_routes.cpp
    catalog/product_rules.cpp catalog/product_service.cpp catalog/product_variants.cpp catalog/product_stock.cpp catalog/product_store.cpp catalog/product_image_store.cpp catalog/product_images.cpp catalog/product_indexing.cpp catalog/catalog_module.cpp)

emporium_unit_tests(emporium_catalog_product_tests
  SOURCES catalog/product_service_test.cpp catalog/memory_catalog_cache_test.cpp catalog/product_json_test.cpp
          catalog/product_stock_test.cpp
  LIBS emporium_catalog emporium_storage_testing)
