#pragma once
// One server per inventory suite, with the catalog's cast (admin, two vendors, a customer), and products made
// with the stock a test needs. Every test ends with expect_ledger_balances for the products it touched.

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>

#include "catalog_suite.hpp"
#include "inventory_api.hpp"

namespace emporium::testing {

// A product and its default variant.
struct Stocked {
  std::string product;
  std::string variant;
  std::string sku;
};

// An active product of `seller` with one default variant holding `stock`, with `threshold` as its low-stock
// threshold (price 1000 USD). Throws unless it was made.
inline Stocked stocked(HttpClient& client, const Account& seller, std::int64_t stock, std::int64_t threshold = 0,
                       const std::string& status = "active") {
  const auto sku = unique_sku("INV");
  auto body = with(with(product_body(sku, 1000), "stock", stock), "lowStockThreshold", threshold);
  body = with(body, "status", boost::json::string(status));
  const auto made = create_product(client, seller, body);
  return {.product = str(made.at("id")), .variant = str(made.at("variants").at(0).at("id")), .sku = sku};
}

// The variant's stock as `viewer` (its owner or an admin) sees it on the product; -1 when it is not there.
inline std::int64_t stock_of(HttpClient& client, const Account& viewer, const Stocked& made) {
  const auto product = product_json(client, made.product, &viewer);
  for (const auto& variant : product.at("variants").as_array())
    if (str(variant.at("id")) == made.variant) return variant.at("stock").as_int64();
  return -1;
}

inline std::string stock_url(const Stocked& made) {
  return "/api/products/" + made.product + "/variants/" + made.variant + "/stock";
}
inline std::string movements_url(const std::string& product_id) {
  return "/api/products/" + product_id + "/stock-movements";
}

}  // namespace emporium::testing
