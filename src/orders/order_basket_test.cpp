#include "orders/order_basket.hpp"

#include <gtest/gtest.h>

namespace emporium::orders {
namespace {
using pricing::LineIssue;
using pricing::PricedLine;

PricedLine priced(std::string variant, std::int64_t quantity, std::int64_t available, std::string currency = "USD") {
  return PricedLine{.product_id = "prod_" + variant,
                    .product_name = "Thing " + variant,
                    .vendor_id = "usr_v",
                    .currency = std::move(currency),
                    .variant_id = "var_" + variant,
                    .sku = "SKU-" + variant,
                    .unit_price = 250,
                    .available = available,
                    .quantity = quantity,
                    .line_total = 250 * quantity};
}

std::vector<std::string> fields_of(const Problem& problem) {
  std::vector<std::string> fields;
  for (const auto& error : problem.errors) fields.push_back(error.field + ": " + error.message);
  return fields;
}

TEST(OrderBasket, UnavailableItemsAreNamedByIndexAndField) {
  std::vector<PricedLine> lines{priced("a", 1, 5), priced("b", 1, 5), priced("c", 1, 5), priced("d", 1, 0)};
  lines[1].issue = LineIssue::ProductUnavailable;
  lines[2].issue = LineIssue::VariantRequired;
  lines[3].issue = LineIssue::InsufficientStock;  // stock is judged separately
  const auto problem = unavailable_items(lines);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->status, 422);
  EXPECT_EQ(problem->code, "item_unavailable");
  ASSERT_EQ(problem->errors.size(), 2u);
  EXPECT_EQ(problem->errors[0].field, "items[1].productId");
  EXPECT_EQ(problem->errors[1].field, "items[2].variantId");
  EXPECT_FALSE(unavailable_items(std::vector<PricedLine>{priced("a", 1, 5)}));
}

TEST(OrderBasket, EveryItemMustShareTheFirstItemsCurrency) {
  const std::vector<PricedLine> lines{priced("a", 1, 5), priced("b", 1, 5, "EUR"), priced("c", 1, 5)};
  const auto problem = mixed_currencies(lines);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->code, "currency_mismatch");
  EXPECT_EQ(fields_of(*problem), (std::vector<std::string>{"items[1]: is sold in EUR, not USD"}));
}

TEST(OrderBasket, StockIsNeededPerVariantSummedInIdOrder) {
  const std::vector<PricedLine> lines{priced("b", 2, 5), priced("a", 1, 5), priced("b", 3, 5)};
  const auto needed = stock_needed(lines);
  ASSERT_EQ(needed.size(), 2u);
  EXPECT_EQ(needed[0].variant_id, "var_a");
  EXPECT_EQ(needed[0].quantity, 1);
  EXPECT_EQ(needed[1].variant_id, "var_b");
  EXPECT_EQ(needed[1].quantity, 5);
  EXPECT_FALSE(short_items(lines)) << "5 of b fit 5 in stock";
}

TEST(OrderBasket, ShortItemsNameEveryLineOfAShortVariant) {
  const std::vector<PricedLine> lines{priced("b", 2, 4), priced("a", 1, 5), priced("b", 3, 4), priced("c", 1, 0)};
  const auto problem = short_items(lines);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->status, 409);
  EXPECT_EQ(problem->code, "insufficient_stock");
  EXPECT_EQ(fields_of(*problem),
            (std::vector<std::string>{"items[0]: only 4 left", "items[2]: only 4 left", "items[3]: is out of stock"}));
  const std::vector<inventory::ShortLine> from_ledger{{.variant_id = "var_a", .requested = 1, .available = 0}};
  EXPECT_EQ(fields_of(short_items(lines, from_ledger)), (std::vector<std::string>{"items[1]: is out of stock"}));
}

TEST(OrderBasket, SnapshotsFreezeEachItemInOrder) {
  const std::vector<PricedLine> lines{priced("b", 2, 5), priced("a", 1, 5)};
  int next = 0;
  const auto snapshots = line_snapshots(lines, "ord_1", [&] { return "oli_" + std::to_string(++next); });
  ASSERT_EQ(snapshots.size(), 2u);
  EXPECT_EQ(snapshots[0].id, "oli_1");
  EXPECT_EQ(snapshots[0].order_id, "ord_1");
  EXPECT_EQ(snapshots[0].position, 0);
  EXPECT_EQ(snapshots[0].product_name, "Thing b");
  EXPECT_EQ(snapshots[0].line_total, 500);
  EXPECT_EQ(snapshots[1].position, 1);
  EXPECT_EQ(snapshots[1].fulfillment, FulfillmentStatus::Unfulfilled);
}

TEST(OrderBasket, AnOrderHoldsItsLinesStockPerVariant) {
  Order order;
  order.lines = {OrderLine{.product_id = "prod_x", .variant_id = "var_2", .quantity = 2},
                 OrderLine{.product_id = "prod_x", .variant_id = "var_1", .quantity = 1},
                 OrderLine{.product_id = "prod_w", .variant_id = "var_2", .quantity = 4}};
  const auto held = stock_held(order);
  ASSERT_EQ(held.size(), 2u);
  EXPECT_EQ(held[0].variant_id, "var_1");
  EXPECT_EQ(held[1].quantity, 6);
  EXPECT_EQ(product_ids(order), (std::vector<std::string>{"prod_w", "prod_x"}));
}

}  // namespace
}  // namespace emporium::orders
