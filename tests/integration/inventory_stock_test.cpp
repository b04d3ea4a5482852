// Manual stock changes over HTTP: delta and set, the answer, versions, If-Match, archived products, going
// below zero, the catalog's own stock writes in the ledger, and the public product page right after.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "inventory_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class StockChanges : public CatalogSuite<StockChanges> {};

std::int64_t product_version(HttpClient& client, const Account& viewer, const std::string& product_id) {
  return product_json(client, product_id, &viewer).at("version").as_int64();
}

TEST_F(StockChanges, ADeltaMovesTheStockAndAnswersTheMovementAndTheVariant) {
  auto client = this->client();
  const auto made = stocked(client, vendor(), 5);
  const auto version_before = product_version(client, vendor(), made.product);

  const auto added = change_stock(client, vendor(), made.product, made.variant, stock_delta(7, "delivery 42"));
  ASSERT_EQ(added.status, 201) << added.describe();
  const auto body = added.json_object();
  const auto& movement = body.at("movement").as_object();
  std::set<std::string> keys;
  for (const auto& [key, value] : movement) keys.insert(std::string(key));
  EXPECT_EQ(keys, (std::set<std::string>{"id", "variantId", "delta", "level", "reason", "note", "actorId", "orderId",
                                         "createdAt"}));
  EXPECT_TRUE(str(movement.at("id")).starts_with("mov_"));
  EXPECT_EQ(str(movement.at("variantId")), made.variant);
  EXPECT_EQ(movement.at("delta"), json::value(7));
  EXPECT_EQ(movement.at("level"), json::value(12));
  EXPECT_EQ(str(movement.at("reason")), "adjustment");
  EXPECT_EQ(str(movement.at("note")), "delivery 42");
  EXPECT_EQ(str(movement.at("actorId")), vendor().id);
  EXPECT_TRUE(movement.at("orderId").is_null());
  EXPECT_TRUE(str(movement.at("createdAt")).ends_with("Z"));
  const auto& variant = body.at("variant").as_object();
  EXPECT_EQ(str(variant.at("id")), made.variant);
  EXPECT_EQ(str(variant.at("sku")), made.sku);
  EXPECT_EQ(variant.at("stock"), json::value(12));
  EXPECT_EQ(variant.at("lowStockThreshold"), json::value(0));
  EXPECT_EQ(variant.at("inStock"), json::value(true));
  EXPECT_EQ(variant.at("version"), json::value(2)) << "the variant's version moves on";
  EXPECT_EQ(body.at("productVersion"), json::value(version_before + 1));
  EXPECT_EQ(product_version(client, vendor(), made.product), version_before + 1) << "so does the product's";
  EXPECT_EQ(stock_of(client, vendor(), made), 12);

  const auto set = change_stock(client, vendor(), made.product, made.variant, stock_set(3, "counted"));
  ASSERT_EQ(set.status, 201) << set.describe();
  EXPECT_EQ(set.json_object().at("movement").at("delta"), json::value(-9)) << "set is recorded as the difference";
  EXPECT_EQ(set.json_object().at("movement").at("level"), json::value(3));
  EXPECT_EQ(set.json_object().at("variant").at("version"), json::value(3));
  EXPECT_EQ(stock_of(client, vendor(), made), 3);
  expect_ledger_balances(client, vendor(), made.product);
}

TEST_F(StockChanges, SettingTheCurrentLevelRecordsACountWithoutChange) {
  auto client = this->client();
  const auto made = stocked(client, vendor(), 4);
  const auto counted = change_stock(client, vendor(), made.product, made.variant, stock_set(4, "yearly count"));
  ASSERT_EQ(counted.status, 201) << counted.describe();
  EXPECT_EQ(counted.json_object().at("movement").at("delta"), json::value(0));
  EXPECT_EQ(all_movements(client, vendor(), made.product).size(), 2u) << "opening and the count";
  expect_ledger_balances(client, vendor(), made.product);
}

TEST_F(StockChanges, AnAdminMayChangeAnyVendorsStock) {
  auto client = this->client();
  const auto made = stocked(client, vendor(), 1);
  const auto changed = change_stock(client, admin(), made.product, made.variant, stock_delta(2, "found a box"));
  ASSERT_EQ(changed.status, 201) << changed.describe();
  EXPECT_EQ(str(changed.json_object().at("movement").at("actorId")), admin().id);
  EXPECT_EQ(stock_of(client, vendor(), made), 3);
  expect_ledger_balances(client, admin(), made.product);
}

TEST_F(StockChanges, GoingBelowZeroIsAConflictAndChangesNothing) {
  auto client = this->client();
  const auto made = stocked(client, vendor(), 2);
  const auto version_before = product_version(client, vendor(), made.product);
  const auto refused = change_stock(client, vendor(), made.product, made.variant, stock_delta(-3));
  EXPECT_TRUE(is_problem(refused, 409, "insufficient_stock"));
  EXPECT_EQ(stock_of(client, vendor(), made), 2);
  EXPECT_EQ(all_movements(client, vendor(), made.product).size(), 1u) << "only the opening";
  EXPECT_EQ(product_version(client, vendor(), made.product), version_before);

  const auto emptied = change_stock(client, vendor(), made.product, made.variant, stock_delta(-2, "broken"));
  ASSERT_EQ(emptied.status, 201) << emptied.describe();
  EXPECT_EQ(emptied.json_object().at("variant").at("inStock"), json::value(false));
  EXPECT_TRUE(is_problem(change_stock(client, vendor(), made.product, made.variant, stock_delta(-1)), 409,
                         "insufficient_stock"));
  expect_ledger_balances(client, vendor(), made.product);
}

TEST_F(StockChanges, IfMatchNamesTheVariantsVersion) {
  auto client = this->client();
  const auto made = stocked(client, vendor(), 5);
  const auto first = change_stock(client, vendor(), made.product, made.variant, stock_delta(1), if_match(1));
  ASSERT_EQ(first.status, 201) << first.describe();
  const auto stale = change_stock(client, vendor(), made.product, made.variant, stock_delta(1), if_match(1));
  EXPECT_TRUE(is_problem(stale, 412, "version_mismatch"));
  EXPECT_EQ(stock_of(client, vendor(), made), 6) << "a refused change changes nothing";
  const auto bad = change_stock(client, vendor(), made.product, made.variant, stock_delta(1), {{"If-Match", "abc"}});
  EXPECT_TRUE(is_problem(bad, 400, "invalid_if_match"));
  const auto current = change_stock(client, vendor(), made.product, made.variant, stock_delta(1), if_match(2));
  EXPECT_EQ(current.status, 201) << current.describe();
  const auto any = change_stock(client, vendor(), made.product, made.variant, stock_delta(1), {{"If-Match", "*"}});
  EXPECT_EQ(any.status, 201) << any.describe();
  EXPECT_EQ(stock_of(client, vendor(), made), 8);
  expect_ledger_balances(client, vendor(), made.product);
}

TEST_F(StockChanges, AnArchivedProductsStockStaysAsItIs) {
  auto client = this->client();
  const auto made = stocked(client, vendor(), 5);
  const auto archived = client.request("DELETE", "/api/products/" + made.product, bearer(vendor().access_token));
  ASSERT_EQ(archived.status, 204) << archived.describe();
  const auto refused = change_stock(client, vendor(), made.product, made.variant, stock_delta(1));
  EXPECT_TRUE(is_problem(refused, 409, "product_archived"));
  EXPECT_EQ(all_movements(client, vendor(), made.product).size(), 1u) << "its history stays readable";
  expect_ledger_balances(client, vendor(), made.product);
}

TEST_F(StockChanges, ThePublicProductPageShowsTheChangeAtOnce) {
  auto client = this->client();
  const auto made = stocked(client, vendor(), 1);
  const auto before = get_product(client, made.product);  // anonymous: through the catalog cache
  ASSERT_EQ(before.status, 200) << before.describe();
  EXPECT_EQ(before.json_object().at("inStock"), json::value(true));
  EXPECT_EQ(get_product(client, made.product).header("ETag"), before.header("ETag")) << "cached";

  ASSERT_EQ(change_stock(client, vendor(), made.product, made.variant, stock_set(0, "sold offline")).status, 201);
  const auto emptied = get_product(client, made.product);
  EXPECT_EQ(emptied.json_object().at("inStock"), json::value(false));
  EXPECT_EQ(emptied.json_object().at("variants").at(0).at("inStock"), json::value(false));
  EXPECT_NE(emptied.header("ETag"), before.header("ETag"));
  EXPECT_FALSE(emptied.json_object().at("variants").at(0).as_object().contains("stock")) << "levels stay private";

  ASSERT_EQ(change_stock(client, vendor(), made.product, made.variant, stock_delta(2, "returned")).status, 201);
  EXPECT_EQ(get_product(client, made.product).json_object().at("inStock"), json::value(true));
  const auto listed = list_json(client, "/api/products?inStock=true&vendor=" + vendor().id + "&limit=100");
  const auto ids = ids_of(listed);
  EXPECT_NE(std::find(ids.begin(), ids.end(), made.product), ids.end()) << "the in-stock filter follows too";
  expect_ledger_balances(client, vendor(), made.product);
}

TEST_F(StockChanges, TheCatalogsOwnStockWritesAreMovementsToo) {
  auto client = this->client();
  const auto made = stocked(client, vendor(), 5);
  const auto patched = send_json(client, "PATCH", "/api/products/" + made.product + "/variants/" + made.variant,
                                 {{"stock", 9}}, bearer(vendor().access_token));
  ASSERT_EQ(patched.status, 200) << patched.describe();
  const auto product_patch =
      send_json(client, "PATCH", "/api/products/" + made.product, {{"stock", 2}}, bearer(vendor().access_token));
  ASSERT_EQ(product_patch.status, 200) << product_patch.describe();
  const auto added =
      add_variant(client, vendor(), made.product,
                  {{"sku", unique_sku("INV")}, {"options", {{"size", "xl"}}}, {"price", 10}, {"stock", 3}});

  const auto movements = all_movements(client, vendor(), made.product);
  ASSERT_EQ(movements.size(), 4u);
  EXPECT_EQ(str(movements[0].at("reason")), "opening") << "newest first: the new variant's opening";
  EXPECT_EQ(str(movements[0].at("variantId")), str(added.at("id")));
  EXPECT_EQ(movements[0].at("delta"), json::value(3));
  EXPECT_EQ(str(movements[1].at("reason")), "adjustment");
  EXPECT_EQ(movements[1].at("delta"), json::value(-7));
  EXPECT_EQ(movements[2].at("delta"), json::value(4));
  EXPECT_EQ(str(movements[2].at("actorId")), vendor().id);
  EXPECT_EQ(str(movements[3].at("reason")), "opening");
  EXPECT_EQ(movements[3].at("delta"), json::value(5));
  expect_ledger_balances(client, vendor(), made.product);
}

}  // namespace
}  // namespace emporium::testing
