#include "orders/order_codec.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace emporium::orders {
namespace {

void put(boost::json::object& out, std::string_view key, const std::optional<std::string>& value) {
  if (value) out[key] = *value;
}

std::optional<std::string> get(const boost::json::object& in, std::string_view key) {
  const auto* value = in.if_contains(key);
  if (!value || !value->is_string()) return std::nullopt;
  return std::string(value->as_string());
}

}  // namespace

std::string encode_address(const AddressSnapshot& address) {
  boost::json::object out{{"fullName", address.full_name}, {"line1", address.line1}};
  put(out, "line2", address.line2);
  out["city"] = address.city;
  put(out, "region", address.region);
  put(out, "postalCode", address.postal_code);
  out["country"] = address.country;
  put(out, "phone", address.phone);
  return boost::json::serialize(out);
}

AddressSnapshot decode_address(std::string_view text) {
  const auto value = boost::json::parse(text);
  const auto& in = value.as_object();
  return AddressSnapshot{.full_name = get(in, "fullName").value_or(""),
                         .line1 = get(in, "line1").value_or(""),
                         .line2 = get(in, "line2"),
                         .city = get(in, "city").value_or(""),
                         .region = get(in, "region"),
                         .postal_code = get(in, "postalCode"),
                         .country = get(in, "country").value_or(""),
                         .phone = get(in, "phone")};
}

std::string encode_options(const std::map<std::string, std::string>& options) {
  boost::json::object out;
  for (const auto& [name, value] : options) out[name] = value;
  return boost::json::serialize(out);
}

std::map<std::string, std::string> decode_options(std::string_view text) {
  std::map<std::string, std::string> options;
  const auto value = boost::json::parse(text);
  for (const auto& [name, option] : value.as_object()) {
    if (option.is_string()) options.emplace(std::string(name), std::string(option.as_string()));
  }
  return options;
}

}  // namespace emporium::orders
