// The stock ledger against real databases: every TEST_P runs on SQLite and on PostgreSQL (the server
// EMPORIUM_TEST_POSTGRES_URL names: run under scripts/with-services).
#include "inventory/stock_ledger.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "inventory/stock_ledger_fixture.hpp"

namespace emporium::inventory {
namespace {
using storage::Backend;

class Ledger : public testing::LedgerFixture {
 protected:
  void SetUp() override {
    vendor_ = new_vendor();
    product_ = new_product(vendor_);
  }
  StockLedger::AdjustResult adjust(const std::string& variant_id, std::optional<std::int64_t> delta,
                                   std::optional<std::int64_t> set) {
    StockLedger::AdjustResult result{};
    db().transaction(storage::TxMode::Write, [&](storage::Connection& c) {
      result =
          ledger_.adjust(c, variant_id, delta, set,
                         {.actor_id = vendor_, .reason = MovementReason::Adjustment, .note = "count", .order_id = {}});
      return result.movement.has_value();
    });
    return result;
  }
  void release(std::vector<StockLine> lines, MovementReason reason = MovementReason::OrderCancelled) {
    write([&](storage::Connection& c) {
      ledger_.release(c, lines, {.actor_id = std::nullopt, .reason = reason, .note = "", .order_id = "ord_test"});
    });
  }

  std::string vendor_, product_;
};

TEST_P(Ledger, ReservesEveryLineOrNone) {
  const auto a = new_variant(product_, 5);
  const auto b = new_variant(product_, 1);
  const auto short_lines = reserve({{a, 3}, {b, 2}});
  ASSERT_EQ(short_lines.size(), 1u);
  EXPECT_EQ(short_lines[0].variant_id, b);
  EXPECT_EQ(short_lines[0].requested, 2);
  EXPECT_EQ(short_lines[0].available, 1);
  EXPECT_EQ(stock(a), 5) << "the line that fitted was rolled back with the rest";
  EXPECT_EQ(stock(b), 1);
  EXPECT_EQ(movement_count(a), 1) << "only the opening movement";

  EXPECT_TRUE(reserve({{a, 3}, {b, 1}}).empty());
  EXPECT_EQ(stock(a), 2);
  EXPECT_EQ(stock(b), 0);
  expect_balanced(a);
  expect_balanced(b);
}

TEST_P(Ledger, SumsTheLinesOfOneVariant) {
  const auto a = new_variant(product_, 5);
  const auto too_much = reserve({{a, 3}, {a, 3}});
  ASSERT_EQ(too_much.size(), 1u);
  EXPECT_EQ(too_much[0].requested, 6);
  EXPECT_EQ(too_much[0].available, 5);
  EXPECT_EQ(stock(a), 5);

  EXPECT_TRUE(reserve({{a, 2}, {a, 3}}).empty());
  EXPECT_EQ(stock(a), 0);
  EXPECT_EQ(movement_count(a), 2) << "one movement for the summed lines";
  EXPECT_EQ(integer("SELECT delta FROM stock_movements WHERE variant_id = $1 AND reason = 'order_reserved'", a), -5);
  EXPECT_EQ(integer("SELECT level FROM stock_movements WHERE variant_id = $1 AND reason = 'order_reserved'", a), 0);
  expect_balanced(a);
}

TEST_P(Ledger, NamesEveryShortLineNotJustTheFirst) {
  const auto a = new_variant(product_, 1);
  const auto b = new_variant(product_, 10);
  const auto c = new_variant(product_, 0);
  const auto short_lines = reserve({{c, 1}, {b, 4}, {a, 2}});
  ASSERT_EQ(short_lines.size(), 2u);
  // In variant-id order, as the rows were touched.
  EXPECT_EQ(short_lines[0].variant_id, a);
  EXPECT_EQ(short_lines[0].available, 1);
  EXPECT_EQ(short_lines[1].variant_id, c);
  EXPECT_EQ(short_lines[1].requested, 1);
  EXPECT_EQ(short_lines[1].available, 0);
  EXPECT_EQ(stock(b), 10);
}

TEST_P(Ledger, AnUnknownOrDeletedVariantIsShortWithNothingAvailable) {
  const auto a = new_variant(product_, 3);
  run("UPDATE product_variants SET deleted_at = 1 WHERE id = $1", {std::string_view(a)});
  const auto short_lines = reserve({{a, 1}, {"var_01JZZZZZZZZZZZZZZZZZZZZZZZ", 1}});
  ASSERT_EQ(short_lines.size(), 2u);
  EXPECT_EQ(short_lines[0].available, 0);
  EXPECT_EQ(short_lines[1].available, 0);
  EXPECT_EQ(stock(a), 3);
}

TEST_P(Ledger, ReleaseGivesStockBackWithTheOrderAndReason) {
  const auto a = new_variant(product_, 4);
  ASSERT_TRUE(reserve({{a, 3}}, "ord_one").empty());
  release({{a, 1}, {a, 2}}, MovementReason::OrderExpired);
  EXPECT_EQ(stock(a), 4);
  EXPECT_EQ(integer("SELECT COUNT(*) FROM stock_movements WHERE variant_id = $1 AND reason = 'order_expired' AND "
                    "delta = 3 AND level = 4 AND order_id = 'ord_test' AND actor_id IS NULL",
                    a),
            1);
  EXPECT_EQ(integer("SELECT COUNT(*) FROM stock_movements WHERE order_id = $1", "ord_one"), 1);
  // A deleted variant keeps its stock for the ledger, so a late cancel still balances.
  run("UPDATE product_variants SET deleted_at = 1 WHERE id = $1", {std::string_view(a)});
  release({{a, 2}});
  EXPECT_EQ(stock(a), 6);
  expect_balanced(a);
}

TEST_P(Ledger, AdjustTakesADeltaOrALevelAndNeverGoesNegative) {
  const auto a = new_variant(product_, 5);
  auto added = adjust(a, 7, std::nullopt);
  ASSERT_TRUE(added.movement);
  EXPECT_EQ(added.movement->delta, 7);
  EXPECT_EQ(added.movement->level, 12);
  EXPECT_EQ(added.movement->reason, MovementReason::Adjustment);
  EXPECT_EQ(added.movement->note, "count");
  EXPECT_EQ(added.movement->actor_id, vendor_);
  EXPECT_EQ(added.movement->product_id, product_);
  EXPECT_TRUE(added.movement->id.starts_with("mov_"));

  auto set = adjust(a, std::nullopt, 2);
  ASSERT_TRUE(set.movement);
  EXPECT_EQ(set.movement->delta, -10);
  EXPECT_EQ(set.movement->level, 2);

  const auto before = movement_count(a);
  EXPECT_EQ(adjust(a, -3, std::nullopt).error, StockLedger::AdjustError::WouldGoNegative);
  EXPECT_EQ(adjust(a, std::nullopt, -1).error, StockLedger::AdjustError::WouldGoNegative);
  EXPECT_EQ(adjust("var_01JZZZZZZZZZZZZZZZZZZZZZZZ", 1, std::nullopt).error, StockLedger::AdjustError::NotFound);
  EXPECT_EQ(adjust("var_01JZZZZZZZZZZZZZZZZZZZZZZZ", std::nullopt, 1).error, StockLedger::AdjustError::NotFound);
  EXPECT_EQ(stock(a), 2);
  EXPECT_EQ(movement_count(a), before) << "a refused change writes nothing";

  auto to_zero = adjust(a, -2, std::nullopt);
  ASSERT_TRUE(to_zero.movement);
  EXPECT_EQ(to_zero.movement->level, 0);
  expect_balanced(a);
}

TEST_P(Ledger, CrossingTheLowStockThresholdDownwardRecordsOneEvent) {
  const auto a = new_variant(product_, 10, 3);
  ASSERT_TRUE(reserve({{a, 6}}).empty());  // 4: above
  EXPECT_EQ(low_stock_events(a), 0);
  ASSERT_TRUE(reserve({{a, 1}}).empty());  // 3: at the threshold, crossed
  EXPECT_EQ(low_stock_events(a), 1);
  ASSERT_TRUE(reserve({{a, 2}}).empty());  // 1: still under, no new event
  ASSERT_TRUE(adjust(a, -1, std::nullopt).movement);
  EXPECT_EQ(low_stock_events(a), 1);
  release({{a, 2}});  // back to 2: upward, nothing
  EXPECT_EQ(low_stock_events(a), 1);
  ASSERT_TRUE(adjust(a, std::nullopt, 9).movement);  // restocked above
  ASSERT_TRUE(adjust(a, std::nullopt, 0).movement);  // and down again: a second crossing
  EXPECT_EQ(low_stock_events(a), 2);

  const auto data = storage::with_connection(db(), [&](storage::Connection& c) {
    const auto rows =
        c.query("SELECT owner_id, data FROM events WHERE type = 'product.low_stock' AND subject_id = $1 ORDER BY id",
                {std::string_view(a)});
    EXPECT_EQ(rows.front().text(0), vendor_);
    return boost::json::parse(rows.front().text_view(1)).as_object();
  });
  EXPECT_EQ(data.at("productId").as_string(), product_);
  EXPECT_EQ(data.at("variantId").as_string(), a);
  EXPECT_EQ(data.at("sku").as_string(), "SKU-" + a);
  EXPECT_EQ(data.at("stock").as_int64(), 3);
  EXPECT_EQ(data.at("threshold").as_int64(), 3);
  expect_balanced(a);
}

TEST_P(Ledger, NoThresholdNoEvent) {
  const auto a = new_variant(product_, 2, 0);
  ASSERT_TRUE(reserve({{a, 2}}).empty());
  EXPECT_EQ(low_stock_events(a), 0);
}

TEST_P(Ledger, OpeningWritesNothingForAnEmptyVariant) {
  const auto a = new_variant(product_, 0);
  EXPECT_EQ(movement_count(a), 0);
  const auto b = new_variant(product_, 8);
  EXPECT_EQ(integer("SELECT COUNT(*) FROM stock_movements WHERE variant_id = $1 AND reason = 'opening' AND delta = 8 "
                    "AND level = 8",
                    b),
            1);
}

TEST_P(Ledger, ParallelReservationsNeverOversellAndTheLedgerBalances) {
  const auto a = new_variant(product_, 10);
  const auto b = new_variant(product_, 25);
  std::atomic<int> reserved{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      for (int round = 0; round < 5; ++round) {
        // Lines in both orders: rows are touched in id order anyway, so nothing deadlocks.
        auto lines = i % 2 ? std::vector<StockLine>{{a, 1}, {b, 1}} : std::vector<StockLine>{{b, 1}, {a, 1}};
        if (reserve(lines).empty()) ++reserved;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(reserved.load(), 10);
  EXPECT_EQ(stock(a), 0);
  EXPECT_EQ(stock(b), 15);
  expect_balanced(a);
  expect_balanced(b);
}

TEST_P(Ledger, ReasonsRoundTripThroughTheirNames) {
  for (auto reason : {MovementReason::Opening, MovementReason::Adjustment, MovementReason::OrderReserved,
                      MovementReason::OrderCancelled, MovementReason::OrderExpired, MovementReason::Restock})
    EXPECT_EQ(movement_reason_from_string(to_string(reason)), reason);
  EXPECT_FALSE(movement_reason_from_string("stolen"));
}

INSTANTIATE_TEST_SUITE_P(Backends, Ledger, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::inventory
