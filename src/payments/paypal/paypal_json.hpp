#pragma once
// Small readers for PayPal's JSON: optional members, HATEOAS links, money objects.

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace emporium::payments::paypal {

// The member if it is an object / a non-empty string / an array; null or nullopt otherwise.
const boost::json::object* object_at(const boost::json::object* parent, std::string_view key);
std::optional<std::string> string_at(const boost::json::object* parent, std::string_view key);
const boost::json::array* array_at(const boost::json::object* parent, std::string_view key);

// The href of the first link with this rel in `links` ([{href, rel, method}]).
std::optional<std::string> link_href(const boost::json::object* parent, std::string_view rel);
// The last path segment of the link with this rel: the "up" link of a refund names its capture
// (".../v2/payments/captures/{id}").
std::optional<std::string> linked_id(const boost::json::object* parent, std::string_view rel,
                                     std::string_view collection);

struct Money {
  std::int64_t amount = 0;  // minor units
  std::string currency = {};
};
// {"currency_code": "USD", "value": "10.00"}, read strictly; nullopt if anything is off.
std::optional<Money> read_money(const boost::json::object* amount);

// PayPal's ids (orders, captures, refunds) are letters and digits ("5O190127TN364715T"); anything beyond
// those, "-" and "_" is refused before it goes into a URL path.
bool is_paypal_id(std::string_view id);

}  // namespace emporium::payments::paypal
