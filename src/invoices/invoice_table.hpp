#pragma once
// The lines table: SKU, product (name and options), quantity, unit price, line total. Long texts wrap inside
// their column and make the row taller.

#include "invoices/invoice_content.hpp"
#include "invoices/pdf_canvas.hpp"

namespace emporium::invoices {

// The height of the header row ("SKU", "Product", …).
double table_header_height(const PdfCanvas& canvas);
// Draws the header row with its top at y; returns the y under it.
double draw_table_header(PdfCanvas& canvas, double y);
// The height of one row with its padding.
double table_row_height(const PdfCanvas& canvas, const InvoiceRow& row);
// Draws the row with its top at y, `height` as measured; returns the y under it.
double draw_table_row(PdfCanvas& canvas, const InvoiceRow& row, double y, double height);

}  // namespace emporium::invoices
