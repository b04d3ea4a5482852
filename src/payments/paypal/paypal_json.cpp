#include "payments/paypal/paypal_json.hpp"

#include "payments/paypal/paypal_money.hpp"
#include "support/currency.hpp"

namespace emporium::payments::paypal {

const boost::json::object* object_at(const boost::json::object* parent, std::string_view key) {
  const auto* member = parent ? parent->if_contains(key) : nullptr;
  return member ? member->if_object() : nullptr;
}

std::optional<std::string> string_at(const boost::json::object* parent, std::string_view key) {
  const auto* member = parent ? parent->if_contains(key) : nullptr;
  if (!member || !member->is_string() || member->get_string().empty()) return std::nullopt;
  return std::string(member->get_string());
}

const boost::json::array* array_at(const boost::json::object* parent, std::string_view key) {
  const auto* member = parent ? parent->if_contains(key) : nullptr;
  return member ? member->if_array() : nullptr;
}

std::optional<std::string> link_href(const boost::json::object* parent, std::string_view rel) {
  const auto* links = array_at(parent, "links");
  if (!links) return std::nullopt;
  for (const auto& link : *links)
    if (string_at(link.if_object(), "rel") == rel) return string_at(link.if_object(), "href");
  return std::nullopt;
}

std::optional<std::string> linked_id(const boost::json::object* parent, std::string_view rel,
                                     std::string_view collection) {
  const auto href = link_href(parent, rel);
  if (!href) return std::nullopt;
  const auto marker = "/" + std::string(collection) + "/";
  const auto at = href->rfind(marker);
  if (at == std::string::npos) return std::nullopt;
  auto id = href->substr(at + marker.size());
  id = id.substr(0, id.find_first_of("/?#"));
  if (!is_paypal_id(id)) return std::nullopt;
  return id;
}

std::optional<Money> read_money(const boost::json::object* amount) {
  const auto currency = string_at(amount, "currency_code");
  const auto value = string_at(amount, "value");
  if (!currency || !value || !is_currency_code(*currency)) return std::nullopt;
  const auto minor = parse_amount(*value, *currency);
  if (!minor) return std::nullopt;
  return Money{.amount = *minor, .currency = *currency};
}

bool is_paypal_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  return true;
}

}  // namespace emporium::payments::paypal
