#pragma once
// The cart, the wishlist and coupons as the integration tests use them: a server configured for them, products
// to put in carts, coupons made by an admin, and the cart's routes over HTTP.

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "accounts_api.hpp"
#include "catalog_api.hpp"
#include "http_client.hpp"

namespace emporium::testing {

// Shipping and tax the cart tests compute with, and the limits they reach.
inline constexpr std::int64_t kShippingRate = 500;         // EMPORIUM_SHIPPING_FLAT_RATE
inline constexpr std::int64_t kFreeShippingFrom = 10'000;  // EMPORIUM_SHIPPING_FREE_FROM
inline constexpr std::int64_t kMaxCartLines = 4;           // EMPORIUM_CART_MAX_LINES
inline constexpr std::int64_t kWrongGuesses = 5;           // EMPORIUM_COUPON_WRONG_GUESSES (per customer and per IP)
// EMPORIUM_TAX_RATES: DE pays 19 %, FR 5.5 %.

// accounts_config() with the settings above, `extra` on top.
EnvVars cart_config(const EnvVars& extra = {});

// One variant of a product someone sells.
struct CartProduct {
  std::string product_id;
  std::string variant_id;
  std::int64_t price = 0;
};

struct ProductSpec {
  std::int64_t price = 1000;
  std::int64_t stock = 5;
  std::string currency = "USD";
  std::optional<std::string> category_id = std::nullopt;
  std::string status = "active";
};
// A product of `seller` with one default variant; throws unless created.
CartProduct cart_product(HttpClient& client, const Account& seller, const ProductSpec& spec = {});

// {"productId", "variantId", "quantity"}.
boost::json::object line(const CartProduct& product, std::int64_t quantity);

HttpResponse get_cart(HttpClient& client, const Account& customer);
// GET /api/cart that must answer 200: the cart.
boost::json::object cart_json(HttpClient& client, const Account& customer);
HttpResponse add_to_cart(HttpClient& client, const Account& customer, const boost::json::object& body);
// POST /api/cart/items that must answer 200: the cart.
boost::json::object added_to_cart(HttpClient& client, const Account& customer, const CartProduct& product,
                                  std::int64_t quantity);
// The id of the cart line of `variant_id`; throws when there is none.
std::string item_id(const boost::json::object& cart, const std::string& variant_id);
HttpResponse apply_coupon(HttpClient& client, const Account& customer, const std::string& code);

// {"code", "type", "value"} (and "currency": "USD" for fixed coupons).
boost::json::object coupon_body(const std::string& code, const std::string& type = "percentage",
                                std::int64_t value = 10);
// POST /api/coupons as `admin` that must answer 201: the coupon.
boost::json::object create_coupon(HttpClient& client, const Account& admin, const boost::json::object& body);
// A code found in no other test's data: letters, digits and '-'.
std::string unique_code(std::string_view prefix = "C");

}  // namespace emporium::testing
