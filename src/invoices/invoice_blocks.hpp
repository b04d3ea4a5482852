#pragma once
// The blocks around the lines table: the first page's header (seller, facts, addresses), the short header of
// later pages, the totals and the footer. Each block is measured and drawn by the same code (Pass), so the
// heights pagination works with are the heights that get drawn.

#include "invoices/invoice_content.hpp"
#include "invoices/pdf_canvas.hpp"

namespace emporium::invoices {

enum class Pass { Measure, Draw };

// Seller, "INVOICE" with the facts, then billing and shipping addresses, from the top margin. Returns the y
// where the table starts.
double first_page_header(PdfCanvas& canvas, const InvoiceContent& content, Pass pass);
// The store's name and the invoice number, on the pages after the first. Returns the y where the table starts.
double continuation_header(PdfCanvas& canvas, const InvoiceContent& content, Pass pass);
// Subtotal, discount, shipping, tax and the total, right-aligned, from y. Returns the y under them.
double totals_block(PdfCanvas& canvas, const InvoiceContent& content, double y, Pass pass);
// "Page n of m" (and the invoice number) at the bottom of the page.
void draw_footer(PdfCanvas& canvas, const InvoiceContent& content, std::size_t page, std::size_t pages);

}  // namespace emporium::invoices
