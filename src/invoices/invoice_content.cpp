#include "invoices/invoice_content.hpp"

#include "support/currency.hpp"

namespace emporium::invoices {
namespace {
using orders::Order;
using orders::OrderLine;

std::string options_text(const std::map<std::string, std::string>& options) {
  std::string out;
  for (const auto& [name, value] : options) {
    if (!out.empty()) out += ", ";
    out += name + ": " + value;
  }
  return out;
}

InvoiceRow row_of(const OrderLine& line, const std::string& currency) {
  return {.sku = line.sku,
          .name = line.product_name,
          .options = options_text(line.options),
          .quantity = std::to_string(line.quantity),
          .unit_price = format_money(line.unit_price, currency),
          .line_total = format_money(line.line_total, currency)};
}

std::vector<LabelledValue> facts_of(const Order& order) {
  const auto paid = order.paid_at.value_or(order.created_at);
  return {{"Invoice number", order.invoice_number.value_or("")},
          {"Invoice date", format_date(paid)},
          {"Order date", format_date(order.created_at)},
          {"Order", order.id},
          {"Payment method", payment_method_label(order.payment_provider)},
          {"Currency", order.currency}};
}

std::vector<LabelledValue> totals_of(const Order& order) {
  std::vector<LabelledValue> out{{"Subtotal", format_money(order.subtotal, order.currency)}};
  if (order.discount != 0 || order.coupon_code) {
    auto label = order.coupon_code ? "Discount (" + *order.coupon_code + ")" : std::string("Discount");
    out.push_back({std::move(label), format_money(-order.discount, order.currency)});
  }
  out.push_back({"Shipping", format_money(order.shipping, order.currency)});
  out.push_back({"Tax", format_money(order.tax, order.currency)});
  out.push_back({"Total", format_money(order.total, order.currency)});
  return out;
}
}  // namespace

InvoiceContent invoice_content(const Order& order, const StoreDetails& store) {
  InvoiceContent content{.invoice_number = order.invoice_number.value_or(""),
                         .store_name = store.name,
                         .store_lines = store_lines(store),
                         .facts = facts_of(order),
                         .bill_to = address_lines(order.billing_address),
                         .ship_to = address_lines(order.shipping_address),
                         .totals = totals_of(order),
                         .issued_at = to_iso8601(order.paid_at.value_or(order.created_at))};
  content.rows.reserve(order.lines.size());
  for (const auto& line : order.lines) content.rows.push_back(row_of(line, order.currency));
  return content;
}

std::vector<std::string> address_lines(const orders::AddressSnapshot& address) {
  std::vector<std::string> out;
  const auto add = [&](const std::string& text) {
    if (!text.empty()) out.push_back(text);
  };
  add(address.full_name);
  add(address.line1);
  add(address.line2.value_or(""));
  auto city = address.postal_code.value_or("");
  if (!city.empty() && !address.city.empty()) city += ' ';
  add(city + address.city);
  add(address.region.value_or(""));
  add(address.country);
  return out;
}

std::vector<std::string> store_lines(const StoreDetails& store) {
  std::vector<std::string> out;
  for (const auto& line : store.address)
    if (!line.empty()) out.push_back(line);
  if (!store.tax_id.empty()) out.push_back("Tax ID: " + store.tax_id);
  if (!store.email.empty()) out.push_back(store.email);
  return out;
}

std::string format_date(Timestamp at) { return to_iso8601(at).substr(0, 10); }

std::string payment_method_label(std::string_view provider) {
  if (provider == "manual") return "Bank transfer / cash on delivery";
  if (provider == "stripe") return "Card (Stripe)";
  if (provider == "paypal") return "PayPal";
  return std::string(provider);
}

}  // namespace emporium::invoices
