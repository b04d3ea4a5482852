#include "cart_api.hpp"

#include <boost/json/serialize.hpp>

#include <stdexcept>

namespace emporium::testing {
namespace json = boost::json;

namespace {

std::string text(const json::value& value) { return std::string(value.as_string()); }
}  // namespace

EnvVars cart_config(const EnvVars& extra) {
  EnvVars vars{{"EMPORIUM_SHIPPING_FLAT_RATE", std::to_string(kShippingRate)},
               {"EMPORIUM_SHIPPING_FREE_FROM", std::to_string(kFreeShippingFrom)},
               {"EMPORIUM_TAX_RATES", "DE=19,FR=5.5"},
               {"EMPORIUM_CART_MAX_LINES", std::to_string(kMaxCartLines)},
               {"EMPORIUM_COUPON_WRONG_GUESSES", std::to_string(kWrongGuesses)},
               {"EMPORIUM_COUPON_GUESS_WINDOW_SECONDS", "600"}};
  vars.insert(vars.end(), extra.begin(), extra.end());
  return accounts_config(vars);
}

CartProduct cart_product(HttpClient& client, const Account& seller, const ProductSpec& spec) {
  auto body = with(product_body(unique_sku("CART"), spec.price), "stock", spec.stock);
  body["currency"] = spec.currency;
  body["status"] = spec.status;
  if (spec.category_id) body["categoryId"] = *spec.category_id;
  const auto product = create_product(client, seller, body);
  return {.product_id = text(product.at("id")),
          .variant_id = text(product.at("variants").at(0).at("id")),
          .price = spec.price};
}

json::object line(const CartProduct& product, std::int64_t quantity) {
  return {{"productId", product.product_id}, {"variantId", product.variant_id}, {"quantity", quantity}};
}

HttpResponse get_cart(HttpClient& client, const Account& customer) {
  return client.get("/api/cart", bearer(customer.access_token));
}

json::object cart_json(HttpClient& client, const Account& customer) {
  const auto response = get_cart(client, customer);
  if (response.status != 200) throw_failed("GET /api/cart", response);
  return response.json_object();
}

HttpResponse add_to_cart(HttpClient& client, const Account& customer, const json::object& body) {
  return send_json(client, "POST", "/api/cart/items", body, bearer(customer.access_token));
}

json::object added_to_cart(HttpClient& client, const Account& customer, const CartProduct& product,
                           std::int64_t quantity) {
  const auto response = add_to_cart(client, customer, line(product, quantity));
  if (response.status != 200) throw_failed("POST /api/cart/items", response);
  return response.json_object();
}

std::string item_id(const json::object& cart, const std::string& variant_id) {
  for (const auto& entry : cart.at("items").as_array()) {
    if (entry.at("variantId") == json::value(variant_id)) return text(entry.at("id"));
  }
  throw std::runtime_error("no cart line for " + variant_id + " in " + json::serialize(cart));
}

HttpResponse apply_coupon(HttpClient& client, const Account& customer, const std::string& code) {
  return send_json(client, "POST", "/api/cart/coupon", {{"code", code}}, bearer(customer.access_token));
}

json::object coupon_body(const std::string& code, const std::string& type, std::int64_t value) {
  json::object body{{"code", code}, {"type", type}, {"value", value}};
  if (type == "fixed") body["currency"] = "USD";
  return body;
}

json::object create_coupon(HttpClient& client, const Account& admin, const json::object& body) {
  const auto response = send_json(client, "POST", "/api/coupons", body, bearer(admin.access_token));
  if (response.status != 201) throw_failed("POST /api/coupons", response);
  return response.json_object();
}

std::string unique_code(std::string_view prefix) { return unique_sku(prefix); }

}  // namespace emporium::testing
