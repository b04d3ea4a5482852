// GET /api/inventory/low-stock: live variants of products that are not archived, at or under a positive
// threshold; vendors see their own, admins everyone's, customers nothing.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "inventory_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class LowStock : public CatalogSuite<LowStock> {};

std::vector<std::string> variant_ids(const std::vector<json::object>& rows) {
  std::vector<std::string> ids;
  for (const auto& row : rows) ids.push_back(str(row.at("variantId")));
  return ids;
}

bool lists(const std::vector<json::object>& rows, const std::string& variant_id) {
  const auto ids = variant_ids(rows);
  return std::find(ids.begin(), ids.end(), variant_id) != ids.end();
}

TEST_F(LowStock, AVariantIsListedOnceItIsAtOrUnderItsThreshold) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto made = stocked(client, seller, 10, 3);
  EXPECT_TRUE(all_low_stock(client, seller).empty());

  ASSERT_EQ(change_stock(client, seller, made.product, made.variant, stock_delta(-6)).status, 201);
  EXPECT_TRUE(all_low_stock(client, seller).empty()) << "4 is above 3";
  ASSERT_EQ(change_stock(client, seller, made.product, made.variant, stock_delta(-1)).status, 201);
  const auto rows = all_low_stock(client, seller);
  ASSERT_EQ(rows.size(), 1u);
  const auto name = str(product_json(client, made.product, &seller).at("name"));
  EXPECT_EQ(rows[0], (json::object{{"productId", made.product},
                                   {"productName", name},
                                   {"variantId", made.variant},
                                   {"sku", made.sku},
                                   {"stock", 3},
                                   {"threshold", 3}}));
  EXPECT_TRUE(lists(all_low_stock(client, admin()), made.variant)) << "admins see every vendor's";
  EXPECT_FALSE(lists(all_low_stock(client, other_vendor()), made.variant)) << "other vendors do not";

  ASSERT_EQ(change_stock(client, seller, made.product, made.variant, stock_set(0)).status, 201);
  EXPECT_EQ(all_low_stock(client, seller).at(0).at("stock"), json::value(0)) << "sold out is low too";
  ASSERT_EQ(change_stock(client, seller, made.product, made.variant, stock_set(20, "restocked")).status, 201);
  EXPECT_TRUE(all_low_stock(client, seller).empty());
  expect_ledger_balances(client, seller, made.product);
}

TEST_F(LowStock, WithoutAThresholdOrWhenArchivedNothingIsListed) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto no_threshold = stocked(client, seller, 0, 0);
  const auto archived = stocked(client, seller, 1, 5);
  const auto draft = stocked(client, seller, 1, 5, "draft");
  ASSERT_EQ(client.request("DELETE", "/api/products/" + archived.product, bearer(seller.access_token)).status, 204);
  const auto rows = all_low_stock(client, seller);
  EXPECT_EQ(variant_ids(rows), std::vector<std::string>{draft.variant}) << "drafts are listed, archived ones not";
  EXPECT_FALSE(lists(all_low_stock(client, admin()), archived.variant));
  EXPECT_FALSE(lists(all_low_stock(client, admin()), no_threshold.variant));
  for (const auto* made : {&no_threshold, &archived, &draft}) expect_ledger_balances(client, seller, made->product);
}

TEST_F(LowStock, PagesAndRoles) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  std::vector<Stocked> made;
  for (int i = 0; i < 3; ++i) made.push_back(stocked(client, seller, 1, 2));
  const auto page = client.get("/api/inventory/low-stock?limit=2&page=2", bearer(seller.access_token));
  ASSERT_EQ(page.status, 200) << page.describe();
  EXPECT_EQ(page.json_object().at("data").as_array().size(), 1u);
  EXPECT_EQ(page.json_object().at("pagination"),
            (json::object{{"page", 2}, {"limit", 2}, {"total", 3}, {"totalPages", 2}}));
  EXPECT_EQ(variant_ids(all_low_stock(client, seller)),
            (std::vector<std::string>{made[0].variant, made[1].variant, made[2].variant}))
      << "by product, oldest first";

  EXPECT_TRUE(is_problem(client.get("/api/inventory/low-stock", bearer(customer().access_token)), 403, "forbidden"));
  EXPECT_TRUE(is_problem(client.get("/api/inventory/low-stock"), 401, "unauthorized"));
  for (const auto* query : {"?limit=0", "?page=-1", "?vendor=x", "?cursor=abc"})
    EXPECT_TRUE(is_problem(client.get(std::string("/api/inventory/low-stock") + query, bearer(seller.access_token)),
                           400, "invalid_query"))
        << query;
  for (const auto& one : made) expect_ledger_balances(client, seller, one.product);
}

}  // namespace
}  // namespace emporium::testing
