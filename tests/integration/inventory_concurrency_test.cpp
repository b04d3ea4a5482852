// Manual stock changes racing each other and the catalog's own writes: stock never goes below zero, no change
// is lost, and the ledger balances afterwards.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "inventory_suite.hpp"
#include "races.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class StockRaces : public CatalogSuite<StockRaces> {};

TEST_F(StockRaces, TwentyTakingOneOfTenLeaveExactlyZero) {
  auto client = this->client();
  const auto made = stocked(client, vendor(), 10);
  const auto responses = send_at_once(server().port(), 20, [&](HttpClient& c, int) {
    return change_stock(c, vendor(), made.product, made.variant, stock_delta(-1, "race"));
  });
  EXPECT_EQ(count_status(responses, 201), 10) << statuses(responses);
  EXPECT_EQ(count_status(responses, 409), 10) << statuses(responses);
  std::vector<std::int64_t> levels;
  for (const auto& response : responses)
    if (response.status == 201) levels.push_back(response.json_object().at("movement").at("level").as_int64());
  std::sort(levels.begin(), levels.end());
  EXPECT_EQ(levels, (std::vector<std::int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})) << "each level once";
  EXPECT_EQ(stock_of(client, vendor(), made), 0);
  EXPECT_EQ(get_product(client, made.product).json_object().at("inStock"), json::value(false));
  expect_ledger_balances(client, vendor(), made.product);
}

TEST_F(StockRaces, ChangesAndVariantWritesAtOnceLoseNothing) {
  auto client = this->client();
  const auto made = stocked(client, vendor(), 50);
  const auto variant_url = "/api/products/" + made.product + "/variants/" + made.variant;
  // Ten +1, five -2 and five price changes (which rewrite the variant's row) at once: +10 - 10 = 50 at the end.
  const auto responses = send_at_once(server().port(), 20, [&](HttpClient& c, int i) {
    if (i < 10) return change_stock(c, vendor(), made.product, made.variant, stock_delta(1, "in"));
    if (i < 15) return change_stock(c, admin(), made.product, made.variant, stock_delta(-2, "out"));
    return send_json(c, "PATCH", variant_url, {{"price", 1000 + i}}, bearer(vendor().access_token));
  });
  EXPECT_EQ(count_status(responses, 201), 15) << statuses(responses);
  EXPECT_EQ(count_status(responses, 200), 5) << statuses(responses);
  EXPECT_EQ(stock_of(client, vendor(), made), 50);
  EXPECT_EQ(product_json(client, made.product, &vendor()).at("variants").at(0).at("version"), json::value(21))
      << "every write moved the variant's version once";
  expect_ledger_balances(client, vendor(), made.product);
}

}  // namespace
}  // namespace emporium::testing
