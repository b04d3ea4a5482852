// The proof that orders never oversell, on both backends: many orders at once for little stock, orders that
// take several variants in different orders (no deadlock, no partial reservation).
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <map>

#include "inventory_api.hpp"
#include "orders_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class OrderRaces : public OrdersSuite<OrderRaces> {};

TEST_F(OrderRaces, TwoHundredOrdersForFiftyInStockSellExactlyFifty) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto gold = stocked_product(client, seller, 50, 10'000);
  const auto body = order_body({item(gold, 1)});
  const auto responses = at_once(200, [&](HttpClient& racer, int i) {
    return place_order(racer, i % 2 == 0 ? customer() : other_customer(), body);
  });
  EXPECT_EQ(count_status(responses, 201), 50) << statuses(responses);
  EXPECT_EQ(count_status(responses, 409), 150) << statuses(responses);
  for (const auto& response : responses) {
    if (response.status == 409) {
      ASSERT_TRUE(is_problem(response, 409, "insufficient_stock"));
    }
  }
  EXPECT_EQ(stock_level(client, seller, gold), 0);
  EXPECT_EQ(product_json(client, gold.product_id).at("inStock"), json::value(false));
  const auto sold = list_json(client, "/api/orders?limit=100", &seller);
  int units = 0;
  for (const auto& order : sold.at("data").as_array()) {
    for (const auto& line : order.at("items").as_array()) {
      if (line.at("variantId") == json::value(gold.variant_id)) units += line.at("quantity").to_number<int>();
    }
  }
  EXPECT_EQ(units, 50) << "the orders hold exactly what left the shelf";
  expect_ledger_balances(client, seller, gold.product_id);
}

TEST_F(OrderRaces, OrdersTakingSeveralVariantsInAnyOrderReserveAllOrNothing) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto variants = stocked_variants(client, seller, 3, 20, 100);
  const auto other = stocked_product(client, seller, 20, 100);
  std::vector<StockedVariant> all = variants;
  all.push_back(other);
  // Order i takes quantity 1 + (i + k) % 3 of variant (i + k) % 4, for k = 0..2: every rotation, so two orders
  // often lock the same rows in opposite line orders.
  const auto lines_of = [&](int i) {
    std::vector<std::pair<int, int>> lines;
    for (int k = 0; k < 3; ++k) lines.emplace_back((i + k) % 4, 1 + (i + k) % 3);
    if (i % 2 == 1) std::reverse(lines.begin(), lines.end());
    return lines;
  };
  const int n = 40;
  const auto responses = at_once(n, [&](HttpClient& racer, int i) {
    std::vector<json::object> items;
    for (const auto& [index, quantity] : lines_of(i))
      items.push_back(item(all[static_cast<std::size_t>(index)], quantity));
    return place_order(racer, i % 2 == 0 ? customer() : other_customer(), order_body(items));
  });
  std::map<int, int> taken;
  for (int i = 0; i < n; ++i) {
    const auto& response = responses[static_cast<std::size_t>(i)];
    ASSERT_TRUE(response.status == 201 || is_problem(response, 409, "insufficient_stock")) << response.describe();
    if (response.status != 201) continue;
    for (const auto& [index, quantity] : lines_of(i)) taken[index] += quantity;
  }
  EXPECT_GT(count_status(responses, 201), 0) << statuses(responses);
  EXPECT_GT(count_status(responses, 409), 0) << statuses(responses);
  for (int index = 0; index < 4; ++index) {
    EXPECT_EQ(stock_level(client, seller, all[static_cast<std::size_t>(index)]), 20 - taken[index])
        << "variant " << index << ": the refused orders took nothing";
    EXPECT_GE(20 - taken[index], 0);
  }
  expect_ledger_balances(client, seller, variants.front().product_id);
  expect_ledger_balances(client, seller, other.product_id);
}

TEST_F(OrderRaces, CancelsAndNewOrdersInterleaveWithoutLosingStock) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto salt = stocked_product(client, seller, 30, 100);
  std::vector<std::string> first_wave;
  for (int i = 0; i < 10; ++i)
    first_wave.push_back(str(placed_order(client, customer(), order_body({item(salt, 3)})).at("id")));
  EXPECT_EQ(stock_level(client, seller, salt), 0);
  const auto responses = at_once(20, [&](HttpClient& racer, int i) {
    if (i % 2 == 0) return cancel_order(racer, customer(), first_wave[static_cast<std::size_t>(i / 2)]);
    return place_order(racer, other_customer(), order_body({item(salt, 3)}));
  });
  int cancelled = 0;
  int placed = 0;
  for (int i = 0; i < 20; ++i) {
    const auto status = responses[static_cast<std::size_t>(i)].status;
    if (i % 2 == 0) {
      EXPECT_EQ(status, 200) << responses[static_cast<std::size_t>(i)].describe();
      cancelled += status == 200 ? 1 : 0;
    } else {
      EXPECT_TRUE(status == 201 || status == 409) << responses[static_cast<std::size_t>(i)].describe();
      placed += status == 201 ? 1 : 0;
    }
  }
  EXPECT_EQ(stock_level(client, seller, salt), 3 * (cancelled - placed));
  expect_ledger_balances(client, seller, salt.product_id);
}

// Orders lock a product's row only when one of its variants ran out, and then recompute its summary from what
// has committed: two orders emptying its last two variants at the same moment leave it out of stock.
TEST_F(OrderRaces, OrdersEmptyingTheLastVariantsAtOnceLeaveTheProductOutOfStock) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  for (int round = 0; round < 8; ++round) {
    const auto variants = stocked_variants(client, seller, 2, 1, 100);
    EXPECT_EQ(product_json(client, variants[0].product_id).at("inStock"), json::value(true));
    const auto responses = at_once(2, [&](HttpClient& racer, int i) {
      return place_order(racer, i == 0 ? customer() : other_customer(),
                         order_body({item(variants[static_cast<std::size_t>(i)], 1)}));
    });
    EXPECT_EQ(count_status(responses, 201), 2) << statuses(responses);
    EXPECT_EQ(product_json(client, variants[0].product_id).at("inStock"), json::value(false)) << "round " << round;
    EXPECT_EQ(list_json(client, "/api/products?inStock=true&vendor=" + seller.id).at("pagination").at("total"),
              json::value(0))
        << "round " << round;
    expect_ledger_balances(client, seller, variants[0].product_id);
  }
}

}  // namespace
}  // namespace emporium::testing
