# Pricing: lines priced from the catalog, shipping and tax rules, totals. Paths are relative to src/.
add_library(emporium_pricing STATIC pricing/pricing.cpp)
target_link_libraries(emporium_pricing PUBLIC emporium_storage PRIVATE emporium_catalog)
emporium_warnings(emporium_pricing)
