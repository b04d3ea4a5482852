# Invoices: PDF rendering of paid orders with Cairo and Pango. Paths are relative to src/.
add_library(emporium_invoices STATIC invoices/invoices_module.cpp)
target_link_libraries(emporium_invoices PUBLIC emporium_http emporium_storage emporium_orders PRIVATE PkgConfig::PANGOCAIRO)
emporium_warnings(emporium_invoices)
