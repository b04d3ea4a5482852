# Invoices: PDF rendering of paid orders with Cairo and Pango. Paths are relative to src/.
# The renderer works on order values only (orders/order.hpp, header-only) and links no domain: it is tested,
# and could be reused, without the orders module.
add_library(emporium_invoice_pdf STATIC
  invoices/invoice_content.cpp invoices/invoice_pagination.cpp invoices/pdf_canvas.cpp
  invoices/invoice_table.cpp invoices/invoice_blocks.cpp invoices/invoice_renderer.cpp)
target_link_libraries(emporium_invoice_pdf PUBLIC emporium_support PRIVATE PkgConfig::PANGOCAIRO)
emporium_warnings(emporium_invoice_pdf)

add_library(emporium_invoices STATIC
  invoices/invoices_module.cpp invoices/invoice_routes.cpp invoices/invoice_errors.cpp)
target_link_libraries(emporium_invoices
  PUBLIC emporium_http emporium_storage emporium_orders PRIVATE emporium_invoice_pdf)
emporium_warnings(emporium_invoices)
