#include "notifications/order_mails.hpp"

#include <array>
#include <cstdio>
#include <ctime>
#include <map>
#include <utility>

#include "support/currency.hpp"

namespace emporium::notifications {
namespace {
namespace json = boost::json;

std::int64_t integer_field(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_int64() ? value->as_int64() : 0;
}

std::string text_field(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

std::string cancellation_reason(std::string_view reason) {
  if (reason == "customer") return "you cancelled it";
  if (reason == "expired") return "it was not paid in time";
  return "the store cancelled it";
}

std::vector<TemplateValues> line_values(const OrderForMail& order) {
  std::vector<TemplateValues> lines;
  for (const auto& line : order.lines) {
    lines.push_back({{"product", line.product_name},
                     {"options", line.options},
                     {"sku", line.sku},
                     {"quantity", std::to_string(line.quantity)},
                     {"unit_price", format_money(line.unit_price, order.currency)},
                     {"line_total", format_money(line.line_total, order.currency)}});
  }
  return lines;
}

// Lines that went out together (same carrier and tracking number), in order of their first line.
std::vector<TemplateValues> shipment_values(const OrderForMail& order) {
  using Key = std::pair<std::string, std::string>;
  std::vector<Key> keys;
  std::map<Key, std::string> products;
  for (const auto& line : order.lines) {
    const Key key{line.carrier.value_or(""), line.tracking_number.value_or("")};
    auto& text = products[key];
    if (text.empty()) keys.push_back(key);
    if (!text.empty()) text += ", ";
    text += std::to_string(line.quantity) + " x " + line.product_name;
  }
  std::vector<TemplateValues> shipments;
  for (const auto& key : keys)
    shipments.push_back({{"products", products[key]}, {"carrier", key.first}, {"tracking_number", key.second}});
  return shipments;
}

std::vector<TemplateValues> address_values(const OrderForMail& order) {
  std::vector<TemplateValues> lines;
  for (const auto& line : order.address) lines.push_back({{"line", line}});
  return lines;
}

std::string money_or_empty(std::int64_t amount, std::string_view currency) {
  return amount > 0 ? format_money(amount, currency) : std::string();
}

}  // namespace

std::string format_mail_date(Timestamp at) {
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = to_unix_millis(at) / 1000;
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[48];
  const auto size = std::snprintf(text, sizeof text, "%d %s %04d, %02d:%02d UTC", parts.tm_mday,
                                  kMonths.at(static_cast<std::size_t>(parts.tm_mon)), parts.tm_year + 1900,
                                  parts.tm_hour, parts.tm_min);
  return std::string(text, static_cast<std::size_t>(size));
}

TemplateData order_mail_data(const OrderForMail& order, const json::object& event_data, const MailBranding& branding) {
  const auto& currency = order.currency;
  TemplateData data;
  data.values = {{"order_id", order.id},
                 {"placed_at", format_mail_date(order.created_at)},
                 {"subtotal", format_money(order.subtotal, currency)},
                 {"discount", money_or_empty(order.discount, currency)},
                 {"coupon_code", order.coupon_code.value_or("")},
                 {"shipping", format_money(order.shipping, currency)},
                 {"tax", format_money(order.tax, currency)},
                 {"total", format_money(order.total, currency)},
                 {"invoice_number", order.invoice_number.value_or("")},
                 {"reason", cancellation_reason(text_field(event_data, "reason"))},
                 {"refund", money_or_empty(integer_field(event_data, "refundDue"), currency)},
                 {"amount", format_money(integer_field(event_data, "amount"), currency)},
                 {"total_refunded", format_money(integer_field(event_data, "totalRefunded"), currency)},
                 {"order_url", branding.storefront_url.empty() ? "" : branding.storefront_url + "/orders/" + order.id}};
  data.lists = {
      {"lines", line_values(order)}, {"shipments", shipment_values(order)}, {"address", address_values(order)}};
  return data;
}

TemplateData low_stock_mail_data(const json::object& event_data, const std::string& product_name,
                                 const MailBranding& branding) {
  const auto product_id = text_field(event_data, "productId");
  TemplateData data;
  data.values = {{"product", product_name},
                 {"sku", text_field(event_data, "sku")},
                 {"stock", std::to_string(integer_field(event_data, "stock"))},
                 {"threshold", std::to_string(integer_field(event_data, "threshold"))},
                 {"product_url", branding.storefront_url.empty() || product_id.empty()
                                     ? ""
                                     : branding.storefront_url + "/products/" + product_id}};
  return data;
}

}  // namespace emporium::notifications
