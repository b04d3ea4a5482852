#pragma once
// Inventory as the integration tests use it: manual stock changes, a product's stock movements, the low-stock
// list, and the ledger's invariant checked over HTTP (every inventory and order test ends with it).

#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "accounts_api.hpp"
#include "http_client.hpp"

namespace emporium::testing {

// POST /api/products/:id/variants/:variantId/stock as `actor` with `body` ({delta | set, reason}).
HttpResponse change_stock(HttpClient& client, const Account& actor, const std::string& product_id,
                          const std::string& variant_id, const boost::json::value& body, Headers extra = {});
// {"delta": delta, "reason": reason} / {"set": level, "reason": reason}.
boost::json::object stock_delta(std::int64_t delta, const std::string& reason = "stock count");
boost::json::object stock_set(std::int64_t level, const std::string& reason = "stock count");

// Every movement of the product (all pages of GET /api/products/:id/stock-movements), newest first, as `viewer`.
// Throws, quoting the response, unless every page answers 200.
std::vector<boost::json::object> all_movements(HttpClient& client, const Account& viewer,
                                               const std::string& product_id);
// GET /api/inventory/low-stock, every page, as `viewer`: the rows. Throws unless 200.
std::vector<boost::json::object> all_low_stock(HttpClient& client, const Account& viewer);

// The ledger's invariant for one product, as its owner (or an admin) sees it over HTTP: for every variant,
// each movement's level is the running sum of the deltas up to it (never below zero), and the sum of all its
// movements is the stock the product shows for it. Reports failures with gtest's ADD_FAILURE (the test goes on).
void expect_ledger_balances(HttpClient& client, const Account& owner_or_admin, const std::string& product_id);

}  // namespace emporium::testing
