#pragma once
// Orders as the integration tests use them: stocked products to order, order bodies, placing, reading and
// moving orders over HTTP, and the stock level a vendor sees.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts_api.hpp"
#include "catalog_api.hpp"
#include "http_client.hpp"

namespace emporium::testing {

// One variant of a product someone sells.
struct StockedVariant {
  std::string product_id;
  std::string variant_id;
  std::string vendor_id;
  std::int64_t price = 0;
};

// An active product of `seller` (currency `currency`) with one default variant holding `stock` at `price`.
StockedVariant stocked_product(HttpClient& client, const Account& seller, std::int64_t stock, std::int64_t price = 1000,
                               const std::string& currency = "USD");
// An active product of `seller` with `count` variants (sizes S1, S2…), each holding `stock` at `price`.
std::vector<StockedVariant> stocked_variants(HttpClient& client, const Account& seller, int count, std::int64_t stock,
                                             std::int64_t price = 1000);

// A valid address (country DE unless told otherwise).
boost::json::object address_body(const std::string& country = "DE");
// {"productId", "variantId", "quantity"}.
boost::json::object item(const StockedVariant& variant, std::int64_t quantity);
// {"items": [...], "shippingAddress": address_body(), "paymentMethod": "manual"}.
boost::json::object order_body(const std::vector<boost::json::object>& items);

// POST /api/orders as `customer`, with `headers` (e.g. Idempotency-Key) added.
HttpResponse place_order(HttpClient& client, const Account& customer, const boost::json::value& body,
                         Headers headers = {});
// POST /api/orders that must answer 201: the order. Throws, quoting the response, otherwise.
boost::json::object placed_order(HttpClient& client, const Account& customer, const boost::json::value& body);

HttpResponse get_order(HttpClient& client, const Account& viewer, const std::string& order_id);
boost::json::object order_json(HttpClient& client, const Account& viewer, const std::string& order_id);
// GET /api/orders/:id/events that must answer 200: the entries of `data`.
boost::json::array order_events(HttpClient& client, const Account& viewer, const std::string& order_id);
// PUT /api/orders/:id/status.
HttpResponse set_status(HttpClient& client, const Account& actor, const std::string& order_id,
                        const boost::json::object& body);
// PUT /api/orders/:id/status that must answer 200.
boost::json::object moved_to(HttpClient& client, const Account& actor, const std::string& order_id,
                             const std::string& status);
// POST /api/orders/:id/cancel (without a body).
HttpResponse cancel_order(HttpClient& client, const Account& actor, const std::string& order_id);

// The variant's stock level as its seller (or an admin) sees it on the product.
std::int64_t stock_level(HttpClient& client, const Account& seller, const StockedVariant& variant);
// Milliseconds since the epoch of an API timestamp ("2026-11-27T10:00:00Z", "…:00.250Z"); throws otherwise.
std::int64_t parse_time(const std::string& iso);
// The number of entries in a list's `data`.
std::size_t data_size(const boost::json::object& list);

}  // namespace emporium::testing
