#include "invoices_api.hpp"

#include <cstdlib>

#include "invoices/pdf_text.hpp"

namespace emporium::testing {

EnvVars invoices_config(const EnvVars& extra) {
  std::string address;
  for (const auto& line : kStoreAddress) address += (address.empty() ? "" : "|") + line;
  EnvVars env{{"EMPORIUM_STORE_NAME", kStoreName},
              {"EMPORIUM_STORE_ADDRESS", address},
              {"EMPORIUM_STORE_TAX_ID", kStoreTaxId},
              {"EMPORIUM_STORE_EMAIL", kStoreEmail}};
  env.insert(env.end(), extra.begin(), extra.end());
  return accounts_config(env);
}

HttpResponse get_invoice(HttpClient& client, const Account* viewer, const std::string& order_id) {
  return client.get("/api/orders/" + order_id + "/invoice", viewer ? bearer(viewer->access_token) : Headers{});
}

std::string invoice_pdf(HttpClient& client, const Account& viewer, const std::string& order_id) {
  const auto response = get_invoice(client, &viewer, order_id);
  if (response.status != 200 || response.header("Content-Type") != "application/pdf" ||
      !response.body.starts_with("%PDF-"))
    throw_failed("GET the invoice of " + order_id + " as " + viewer.email, response);
  return response.body;
}

std::string printed_money(std::int64_t minor_units, const std::string& currency) {
  const auto magnitude = std::llabs(minor_units);
  const auto cents = std::to_string(magnitude % 100);
  return (minor_units < 0 ? "-" : "") + std::to_string(magnitude / 100) + "." + (cents.size() < 2 ? "0" : "") + cents +
         " " + currency;
}

std::vector<std::string> squeezed_lines_with(const std::string& text, const std::string& part) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find_first_of("\n\f", start);
    if (end == std::string::npos) end = text.size();
    const auto line = text.substr(start, end - start);
    if (line.find(part) != std::string::npos) out.push_back(invoices::testing::squeeze_spaces(line));
    start = end + 1;
  }
  return out;
}

}  // namespace emporium::testing
