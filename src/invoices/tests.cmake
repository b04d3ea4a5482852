# Tests of invoices that need no server: money and address formatting, pagination, and whole invoices rendered
# to PDF and read back with pdftotext (poppler-utils).
if(EMPORIUM_TESTS)
  # Reading PDFs back as text, for these tests and the invoice integration tests.
  add_library(emporium_invoice_pdf_testing STATIC invoices/pdf_text.cpp)
  target_include_directories(emporium_invoice_pdf_testing PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
  emporium_warnings(emporium_invoice_pdf_testing)
endif()
emporium_unit_tests(emporium_invoices_tests
  SOURCES invoices/invoice_content_test.cpp invoices/invoice_pagination_test.cpp
          invoices/invoice_renderer_test.cpp
  LIBS emporium_invoice_pdf emporium_invoice_pdf_testing)
