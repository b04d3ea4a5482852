# Inventory. Two libraries: the stock ledger (storage only, because the catalog's variant writes and orders
# write through it) and the inventory routes (which read the catalog). Paths are relative to src/.
add_library(emporium_stock STATIC inventory/stock_ledger.cpp inventory/stock_store.cpp)
target_link_libraries(emporium_stock PUBLIC emporium_storage emporium_events PRIVATE Boost::json)
emporium_warnings(emporium_stock)

add_library(emporium_inventory STATIC
  inventory/inventory_module.cpp inventory/inventory_service.cpp inventory/inventory_store.cpp
  inventory/inventory_json.cpp inventory/inventory_routes.cpp)
target_link_libraries(emporium_inventory
  PUBLIC emporium_http emporium_storage emporium_audit emporium_catalog emporium_stock PRIVATE Boost::json)
target_precompile_headers(emporium_inventory PRIVATE <boost/json.hpp>)
emporium_warnings(emporium_inventory)
