# Invoices over HTTP, on SQLite and PostgreSQL: the PDF of a paid order read back with pdftotext (numbers,
# names, addresses, store details, pages), who may fetch it, and gap-free invoice numbers under concurrent
# payments. One server per suite (the numbering suite needs a fresh database: its numbers start at 000001).
target_sources(emporium_test_support PRIVATE support/invoices_api.cpp)
target_link_libraries(emporium_test_support PRIVATE emporium_invoice_pdf_testing)
emporium_integration_tests(emporium_invoices_it
  SOURCES integration/invoices_content_test.cpp integration/invoices_access_test.cpp
          integration/invoices_numbers_test.cpp
  PROPERTIES TIMEOUT 300)
target_link_libraries(emporium_invoices_it PRIVATE emporium_invoice_pdf_testing)
