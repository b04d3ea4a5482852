// GET /api/products/:id/stock-movements: newest first, paginated, filtered by variant, for the product's
// owner and admins only; bad query parameters are refused.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>

#include "inventory_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class Movements : public CatalogSuite<Movements> {};

json::object list(HttpClient& client, const Account& viewer, const std::string& target) {
  const auto response = client.get(target, bearer(viewer.access_token));
  if (response.status != 200) throw std::runtime_error("GET " + target + ":\n" + response.describe());
  return response.json_object();
}

TEST_F(Movements, NewestFirstInPages) {
  auto client = this->client();
  const auto made = stocked(client, vendor(), 5);
  for (const auto delta : {1, 2, 3})
    ASSERT_EQ(change_stock(client, vendor(), made.product, made.variant, stock_delta(delta, "step")).status, 201);

  const auto first = list(client, vendor(), movements_url(made.product) + "?limit=3");
  const auto& rows = first.at("data").as_array();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].at("delta"), json::value(3));
  EXPECT_EQ(rows[0].at("level"), json::value(11));
  EXPECT_EQ(rows[1].at("delta"), json::value(2));
  EXPECT_EQ(rows[2].at("delta"), json::value(1));
  EXPECT_EQ(first.at("pagination"), (json::object{{"page", 1}, {"limit", 3}, {"total", 4}, {"totalPages", 2}}));
  const auto second = list(client, vendor(), movements_url(made.product) + "?limit=3&page=2");
  ASSERT_EQ(second.at("data").as_array().size(), 1u);
  const auto& opening = second.at("data").at(0);
  EXPECT_EQ(str(opening.at("reason")), "opening");
  EXPECT_EQ(opening.at("delta"), json::value(5));
  EXPECT_EQ(str(opening.at("actorId")), vendor().id);
  EXPECT_TRUE(list(client, vendor(), movements_url(made.product) + "?page=9").at("data").as_array().empty());
  expect_ledger_balances(client, vendor(), made.product);
}

TEST_F(Movements, FilteredByVariant) {
  auto client = this->client();
  const auto made = stocked(client, vendor(), 2);
  const auto added =
      add_variant(client, vendor(), made.product,
                  {{"sku", unique_sku("INV")}, {"options", {{"size", "s"}}}, {"price", 10}, {"stock", 3}});
  const auto added_id = str(added.at("id"));
  ASSERT_EQ(change_stock(client, vendor(), made.product, added_id, stock_delta(-1, "damaged")).status, 201);

  const auto all = list(client, vendor(), movements_url(made.product));
  EXPECT_EQ(all.at("pagination").at("total"), json::value(3));
  const auto only = list(client, vendor(), movements_url(made.product) + "?variantId=" + added_id);
  ASSERT_EQ(only.at("data").as_array().size(), 2u);
  for (const auto& row : only.at("data").as_array()) EXPECT_EQ(str(row.at("variantId")), added_id);
  EXPECT_EQ(only.at("pagination").at("total"), json::value(2));
  const auto none = list(client, vendor(), movements_url(made.product) + "?variantId=var_01JZZZZZZZZZZZZZZZZZZZZZZZ");
  EXPECT_TRUE(none.at("data").as_array().empty());
  expect_ledger_balances(client, vendor(), made.product);
}

TEST_F(Movements, OnlyTheOwnerAndAdminsSeeThem) {
  auto client = this->client();
  const auto made = stocked(client, vendor(), 2);
  EXPECT_EQ(list(client, admin(), movements_url(made.product)).at("data").as_array().size(), 1u);
  EXPECT_TRUE(is_problem(client.get(movements_url(made.product), bearer(other_vendor().access_token)), 404,
                         "product_not_found"));
  EXPECT_TRUE(is_problem(client.get(movements_url(made.product), bearer(customer().access_token)), 403, "forbidden"));
  EXPECT_TRUE(is_problem(client.get(movements_url(made.product)), 401, "unauthorized"));
  EXPECT_TRUE(is_problem(client.get(movements_url("prod_01JZZZZZZZZZZZZZZZZZZZZZZZ"), bearer(vendor().access_token)),
                         404, "product_not_found"));
  EXPECT_TRUE(is_problem(client.get(movements_url("bogus"), bearer(vendor().access_token)), 404, "product_not_found"));
  expect_ledger_balances(client, admin(), made.product);
}

TEST_F(Movements, BadQueryParametersAreRefused) {
  auto client = this->client();
  const auto made = stocked(client, vendor(), 2);
  for (const auto* query :
       {"?limit=0", "?limit=101", "?page=0", "?page=x", "?variantId=nope", "?sort=delta:asc", "?cursor=abc"}) {
    EXPECT_TRUE(is_problem(client.get(movements_url(made.product) + query, bearer(vendor().access_token)), 400,
                           "invalid_query"))
        << query;
  }
  expect_ledger_balances(client, vendor(), made.product);
}

}  // namespace
}  // namespace emporium::testing
