#pragma once
// An invoice as a PDF (A4): Cairo draws, Pango lays out the text. Pure computation on its input (no clock, no
// I/O): the same invoice gives the same bytes.

#include <string>

#include "invoices/invoice_content.hpp"
#include "invoices/store_details.hpp"
#include "orders/order.hpp"

namespace emporium::invoices {

// The PDF of `content`: the first page carries the seller, the facts and the addresses; the rows follow on as
// many pages as they need, each with the table's header row and "Page n of m"; the totals end the last page.
// Throws std::runtime_error when Cairo fails (an outage, e.g. out of memory).
std::string render_invoice(const InvoiceContent& content);
// render_invoice(invoice_content(order, store)).
std::string render_invoice_pdf(const orders::Order& order, const StoreDetails& store);

}  // namespace emporium::invoices
