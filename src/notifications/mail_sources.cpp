#include "notifications/mail_sources.hpp"

#include <boost/json/parse.hpp>

namespace emporium::notifications {
namespace {
namespace json = boost::json;
using storage::Connection;

constexpr std::string_view kRecipient =
    "SELECT email, name, email_order_updates, disabled, deleted_at FROM users WHERE id = $1";
constexpr std::string_view kOrder =
    "SELECT id, customer_id, currency, subtotal, discount, shipping, tax, total, coupon_code, shipping_address, "
    "invoice_number, created_at FROM orders WHERE id = $1";
constexpr std::string_view kLines =
    "SELECT product_name, sku, options, unit_price, quantity, line_total, carrier, tracking_number "
    "FROM order_lines WHERE order_id = $1 ORDER BY position";
constexpr std::string_view kProductName = "SELECT name FROM products WHERE id = $1";

std::string text_field(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

// {"color": "red", "size": "M"} → "color: red, size: M".
std::string options_text(std::string_view options_json) {
  std::string out;
  boost::system::error_code error;
  const auto value = json::parse(options_json, error);
  if (error || !value.is_object()) return out;
  for (const auto& [name, option] : value.as_object()) {
    if (!option.is_string()) continue;
    if (!out.empty()) out += ", ";
    out += std::string(name) + ": " + std::string(option.as_string());
  }
  return out;
}

// The address snapshot as the lines of an envelope.
std::vector<std::string> address_lines(std::string_view address_json) {
  boost::system::error_code error;
  const auto value = json::parse(address_json, error);
  if (error || !value.is_object()) return {};
  const auto& address = value.as_object();
  std::vector<std::string> lines;
  for (const auto* key : {"fullName", "line1", "line2"}) {
    if (auto line = text_field(address, key); !line.empty()) lines.push_back(std::move(line));
  }
  auto city = text_field(address, "postalCode");
  if (!city.empty()) city += " ";
  city += text_field(address, "city");
  if (const auto region = text_field(address, "region"); !region.empty()) city += ", " + region;
  lines.push_back(std::move(city));
  lines.push_back(text_field(address, "country"));
  return lines;
}

std::vector<OrderLineForMail> lines_of(Connection& connection, std::string_view order_id) {
  std::vector<OrderLineForMail> lines;
  for (const auto row : connection.query(kLines, {order_id})) {
    lines.push_back({.product_name = row.text(0),
                     .sku = row.text(1),
                     .options = options_text(row.text_view(2)),
                     .unit_price = row.integer(3),
                     .quantity = row.integer(4),
                     .line_total = row.integer(5),
                     .carrier = row.optional_text(6),
                     .tracking_number = row.optional_text(7)});
  }
  return lines;
}

}  // namespace

std::optional<Recipient> MailSources::recipient(Connection& connection, std::string_view user_id) {
  const auto rows = connection.query(kRecipient, {user_id});
  if (rows.empty()) return std::nullopt;
  const auto row = rows.front();
  return Recipient{.email = row.text(0),
                   .name = row.text(1),
                   .order_updates = row.boolean(2),
                   .active = !row.boolean(3) && row.is_null(4)};
}

std::optional<OrderForMail> MailSources::order(Connection& connection, std::string_view order_id) {
  const auto rows = connection.query(kOrder, {order_id});
  if (rows.empty()) return std::nullopt;
  const auto row = rows.front();
  OrderForMail order{.id = row.text(0),
                     .customer_id = row.text(1),
                     .currency = row.text(2),
                     .subtotal = row.integer(3),
                     .discount = row.integer(4),
                     .shipping = row.integer(5),
                     .tax = row.integer(6),
                     .total = row.integer(7),
                     .coupon_code = row.optional_text(8),
                     .address = address_lines(row.text_view(9)),
                     .invoice_number = row.optional_text(10),
                     .created_at = from_unix_millis(row.integer(11)),
                     .lines = {}};
  order.lines = lines_of(connection, order_id);
  return order;
}

std::optional<std::string> MailSources::product_name(Connection& connection, std::string_view product_id) {
  const auto rows = connection.query(kProductName, {product_id});
  if (rows.empty()) return std::nullopt;
  return rows.front().text(0);
}

}  // namespace emporium::notifications
