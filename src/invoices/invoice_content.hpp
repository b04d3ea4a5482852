#pragma once
// What an invoice says, as text: everything the PDF shows, formatted from the order and the store details,
// without any layout. The renderer only places these strings.

#include <string>
#include <vector>

#include "invoices/store_details.hpp"
#include "orders/order.hpp"

namespace emporium::invoices {

struct LabelledValue {
  std::string label = {};
  std::string value = {};
};

// One line of the table; amounts already formatted with their currency.
struct InvoiceRow {
  std::string sku = {};
  std::string name = {};
  std::string options = {};  // "color: red, size: M"; empty when the variant has none
  std::string quantity = {};
  std::string unit_price = {};
  std::string line_total = {};
};

struct InvoiceContent {
  std::string invoice_number = {};
  std::string store_name = {};
  std::vector<std::string> store_lines = {};  // address lines, tax id, email
  std::vector<LabelledValue> facts = {};      // invoice number, dates, order id, payment method, currency
  std::vector<std::string> bill_to = {};
  std::vector<std::string> ship_to = {};
  std::vector<InvoiceRow> rows = {};
  std::vector<LabelledValue> totals = {};  // subtotal … ; the last one is the total due
  std::string issued_at = {};              // ISO 8601, the PDF's creation date: when the order was paid
};

// The invoice of a paid order (one with an invoice number). Dates are the order's own (paid, placed): the
// same order always gives the same content.
InvoiceContent invoice_content(const orders::Order& order, const StoreDetails& store);

// The lines of an address block: name, street lines, "postal code city", region, country.
std::vector<std::string> address_lines(const orders::AddressSnapshot& address);
// The seller block under the store's name: address lines, "Tax ID: …", email (each only when configured).
std::vector<std::string> store_lines(const StoreDetails& store);
// "2026-03-01": the UTC date.
std::string format_date(Timestamp at);
// How the payment method reads on an invoice ("PayPal", "Card (Stripe)", "Bank transfer / cash on delivery").
std::string payment_method_label(std::string_view provider);

}  // namespace emporium::invoices
