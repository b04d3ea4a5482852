#include "inventory_api.hpp"

#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "catalog_api.hpp"

namespace emporium::testing {
namespace {

std::string text(const boost::json::value& value) { return std::string(value.as_string()); }

// Every `data` entry of a paginated list at `target` (which has no query string yet).
std::vector<boost::json::object> all_pages(HttpClient& client, const Account& viewer, const std::string& target) {
  std::vector<boost::json::object> rows;
  for (std::int64_t page = 1;; ++page) {
    const auto response = client.get(target + "?limit=100&page=" + std::to_string(page), bearer(viewer.access_token));
    if (response.status != 200) throw std::runtime_error("GET " + target + " failed:\n" + response.describe());
    const auto body = response.json_object();
    for (const auto& row : body.at("data").as_array()) rows.push_back(row.as_object());
    if (page >= body.at("pagination").at("totalPages").as_int64()) return rows;
  }
}

}  // namespace

HttpResponse change_stock(HttpClient& client, const Account& actor, const std::string& product_id,
                          const std::string& variant_id, const boost::json::value& body, Headers extra) {
  return send_json(client, "POST", "/api/products/" + product_id + "/variants/" + variant_id + "/stock", body,
                   bearer(actor.access_token, std::move(extra)));
}

boost::json::object stock_delta(std::int64_t delta, const std::string& reason) {
  return {{"delta", delta}, {"reason", reason}};
}

boost::json::object stock_set(std::int64_t level, const std::string& reason) {
  return {{"set", level}, {"reason", reason}};
}

std::vector<boost::json::object> all_movements(HttpClient& client, const Account& viewer,
                                               const std::string& product_id) {
  return all_pages(client, viewer, "/api/products/" + product_id + "/stock-movements");
}

std::vector<boost::json::object> all_low_stock(HttpClient& client, const Account& viewer) {
  return all_pages(client, viewer, "/api/inventory/low-stock");
}

void expect_ledger_balances(HttpClient& client, const Account& owner_or_admin, const std::string& product_id) {
  const auto product = product_json(client, product_id, &owner_or_admin);
  auto movements = all_movements(client, owner_or_admin, product_id);
  std::reverse(movements.begin(), movements.end());  // oldest first
  std::map<std::string, std::int64_t> sums;
  for (const auto& movement : movements) {
    auto& sum = sums[text(movement.at("variantId"))];
    sum += movement.at("delta").as_int64();
    const auto level = movement.at("level").as_int64();
    if (level != sum || level < 0)
      ADD_FAILURE() << "product " << product_id << ": movement " << boost::json::serialize(movement) << " has level "
                    << level << " where its deltas sum to " << sum;
  }
  for (const auto& value : product.at("variants").as_array()) {
    const auto& variant = value.as_object();
    const auto id = text(variant.at("id"));
    const auto stock = variant.at("stock").as_int64();
    const auto found = sums.find(id);
    const auto sum = found == sums.end() ? 0 : found->second;
    if (sum != stock)
      ADD_FAILURE() << "product " << product_id << ": variant " << id << " shows stock " << stock
                    << " but its movements sum to " << sum;
  }
}

}  // namespace emporium::testing
