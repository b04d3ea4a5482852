#pragma once
// Invoices as the integration tests use them: the server's store details, fetching an invoice over HTTP, and
// reading the PDF back as text (poppler-utils' pdftotext and pdfinfo).

#include <cstdint>
#include <string>
#include <vector>

#include "accounts_api.hpp"
#include "http_client.hpp"

namespace emporium::testing {

// The seller block the invoice suites configure (EMPORIUM_STORE_*): user text with markup characters and
// non-ASCII letters, which must print as they are.
inline constexpr const char* kStoreName = "Tom & Jerry's Emporium <Test>";
inline const std::vector<std::string> kStoreAddress{"Hauptstraße 1", "10115 Berlin", "Germany"};
inline constexpr const char* kStoreTaxId = "DE999999999";
inline constexpr const char* kStoreEmail = "billing@emporium.example";

// accounts_config() with the store details above, then `extra`.
EnvVars invoices_config(const EnvVars& extra = {});

// GET /api/orders/:id/invoice as `viewer` (anonymous when null).
HttpResponse get_invoice(HttpClient& client, const Account* viewer, const std::string& order_id);
// GET /api/orders/:id/invoice that must answer 200 with a PDF: its bytes. Throws, quoting the response, otherwise.
std::string invoice_pdf(HttpClient& client, const Account& viewer, const std::string& order_id);

// An amount of a two-digit currency as the invoice prints it: 1234 "USD" → "12.34 USD", -500 → "-5.00 USD".
std::string printed_money(std::int64_t minor_units, const std::string& currency);
// The lines of `text` holding `part`, with runs of white space made one space.
std::vector<std::string> squeezed_lines_with(const std::string& text, const std::string& part);

}  // namespace emporium::testing
