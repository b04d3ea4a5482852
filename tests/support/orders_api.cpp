#include "orders_api.hpp"

#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace emporium::testing {
namespace json = boost::json;

namespace {

std::string text(const json::value& value) { return std::string(value.as_string()); }
}  // namespace

StockedVariant stocked_product(HttpClient& client, const Account& seller, std::int64_t stock, std::int64_t price,
                               const std::string& currency) {
  auto body = with(product_body(unique_sku("ORD"), price), "stock", stock);
  body["currency"] = currency;
  const auto product = create_product(client, seller, body);
  return {.product_id = text(product.at("id")),
          .variant_id = text(product.at("variants").at(0).at("id")),
          .vendor_id = seller.id,
          .price = price};
}

std::vector<StockedVariant> stocked_variants(HttpClient& client, const Account& seller, int count, std::int64_t stock,
                                             std::int64_t price) {
  std::vector<StockedVariant> out{stocked_product(client, seller, stock, price)};
  for (int i = 2; i <= count; ++i) {
    const auto variant = add_variant(client, seller, out.front().product_id,
                                     {{"sku", unique_sku("VAR")},
                                      {"options", {{"size", "S" + std::to_string(i)}}},
                                      {"price", price},
                                      {"stock", stock}});
    out.push_back({.product_id = out.front().product_id,
                   .variant_id = text(variant.at("id")),
                   .vendor_id = seller.id,
                   .price = price});
  }
  return out;
}

json::object address_body(const std::string& country) {
  return {{"fullName", "Ada Lovelace"}, {"line1", "1 Analytical Way"}, {"city", "Berlin"},
          {"postalCode", "10115"},      {"country", country},          {"phone", "+49 30 1234567"}};
}

json::object item(const StockedVariant& variant, std::int64_t quantity) {
  return {{"productId", variant.product_id}, {"variantId", variant.variant_id}, {"quantity", quantity}};
}

json::object order_body(const std::vector<json::object>& items) {
  json::array list;
  for (const auto& entry : items) list.push_back(entry);
  return {{"items", std::move(list)}, {"shippingAddress", address_body()}, {"paymentMethod", "manual"}};
}

HttpResponse place_order(HttpClient& client, const Account& customer, const json::value& body, Headers headers) {
  return send_json(client, "POST", "/api/orders", body, bearer(customer.access_token, std::move(headers)));
}

json::object placed_order(HttpClient& client, const Account& customer, const json::value& body) {
  const auto response = place_order(client, customer, body);
  if (response.status != 201) throw_failed("placing an order as " + customer.email, response);
  return response.json_object();
}

HttpResponse get_order(HttpClient& client, const Account& viewer, const std::string& order_id) {
  return client.get("/api/orders/" + order_id, bearer(viewer.access_token));
}

json::object order_json(HttpClient& client, const Account& viewer, const std::string& order_id) {
  const auto response = get_order(client, viewer, order_id);
  if (response.status != 200) throw_failed("reading order " + order_id, response);
  return response.json_object();
}

json::array order_events(HttpClient& client, const Account& viewer, const std::string& order_id) {
  const auto response = client.get("/api/orders/" + order_id + "/events", bearer(viewer.access_token));
  if (response.status != 200) throw_failed("reading the events of order " + order_id, response);
  return response.json_object().at("data").as_array();
}

HttpResponse set_status(HttpClient& client, const Account& actor, const std::string& order_id,
                        const json::object& body) {
  return send_json(client, "PUT", "/api/orders/" + order_id + "/status", body, bearer(actor.access_token));
}

json::object moved_to(HttpClient& client, const Account& actor, const std::string& order_id,
                      const std::string& status) {
  const auto response = set_status(client, actor, order_id, {{"status", status}});
  if (response.status != 200) throw_failed("moving order " + order_id + " to " + status, response);
  return response.json_object();
}

HttpResponse cancel_order(HttpClient& client, const Account& actor, const std::string& order_id) {
  return client.request("POST", "/api/orders/" + order_id + "/cancel", bearer(actor.access_token));
}

std::int64_t stock_level(HttpClient& client, const Account& seller, const StockedVariant& variant) {
  const auto product = product_json(client, variant.product_id, &seller);
  for (const auto& entry : product.at("variants").as_array()) {
    if (entry.at("id").as_string() == variant.variant_id) return entry.at("stock").to_number<std::int64_t>();
  }
  throw std::runtime_error("variant " + variant.variant_id + " not on its product");
}

std::int64_t parse_time(const std::string& iso) {
  std::tm tm{};
  int millis = 0;
  char rest[8] = {};
  const int read = std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%7s", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                               &tm.tm_hour, &tm.tm_min, &tm.tm_sec, rest);
  if (read != 7) throw std::runtime_error("not an API timestamp: " + iso);
  const std::string tail(rest);
  if (tail != "Z" && !(tail.size() == 5 && tail[0] == '.' && tail[4] == 'Z'))
    throw std::runtime_error("not an API timestamp: " + iso);
  if (tail != "Z") millis = std::stoi(tail.substr(1, 3));
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000 + millis;
}

std::size_t data_size(const json::object& list) { return list.at("data").as_array().size(); }

}  // namespace emporium::testing
