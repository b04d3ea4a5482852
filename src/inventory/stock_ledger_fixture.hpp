#pragma once

// A migrated test database on either backend with users, products and variants written as plain rows, and a
// StockLedger over it: what the ledger's unit tests share.

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "events/event_log.hpp"
#include "inventory/stock_ledger.hpp"
#include "storage/testing/test_database.hpp"

namespace emporium::inventory::testing {

class LedgerFixture : public ::testing::TestWithParam<storage::Backend> {
 protected:
  storage::Database& db() { return test_db_.database(); }

  std::string new_vendor() {
    auto id = ids_.next("usr");
    const auto email = id + "@example.com";
    run("INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
        "VALUES ($1, $2, 'Vendor', 'vendor', 'unused', $3, $3)",
        {std::string_view(id), std::string_view(email), now()});
    return id;
  }

  std::string new_product(const std::string& vendor_id) {
    auto id = ids_.next("prod");
    run("INSERT INTO products (id, vendor_id, slug, name, sort_name, description, status, currency, price, in_stock, "
        "attributes, created_at, updated_at) VALUES ($1, $2, $1, 'Lamp', 'lamp', '', 'active', 'USD', 100, TRUE, '{}', "
        "$3, $3)",
        {std::string_view(id), std::string_view(vendor_id), now()});
    return id;
  }

  // A variant and its opening movement, as the catalog writes them.
  std::string new_variant(const std::string& product_id, std::int64_t stock, std::int64_t threshold = 0) {
    auto id = ids_.next("var");
    const auto sku = "SKU-" + id;
    run("INSERT INTO product_variants (id, product_id, sku, sku_key, options, price, stock, low_stock_threshold, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, '{}', 100, $5, $6, $7, $7)",
        {std::string_view(id), std::string_view(product_id), std::string_view(sku), std::string_view(sku), stock,
         threshold, now()});
    write([&](storage::Connection& c) { ledger_.open(c, id, product_id, stock, {}); });
    return id;
  }

  std::int64_t stock(const std::string& variant_id) {
    return integer("SELECT stock FROM product_variants WHERE id = $1", variant_id);
  }
  std::int64_t movement_sum(const std::string& variant_id) {
    return integer("SELECT CAST(COALESCE(SUM(delta), 0) AS BIGINT) FROM stock_movements WHERE variant_id = $1",
                   variant_id);
  }
  std::int64_t movement_count(const std::string& variant_id) {
    return integer("SELECT COUNT(*) FROM stock_movements WHERE variant_id = $1", variant_id);
  }
  std::int64_t low_stock_events(const std::string& variant_id) {
    return integer("SELECT COUNT(*) FROM events WHERE type = 'product.low_stock' AND subject_id = $1", variant_id);
  }
  // Σ movements == stock, for one variant.
  void expect_balanced(const std::string& variant_id) {
    EXPECT_EQ(movement_sum(variant_id), stock(variant_id)) << "ledger of " << variant_id;
  }

  std::int64_t integer(std::string_view sql, const std::string& param) {
    return storage::with_connection(
        db(), [&](storage::Connection& c) { return c.query(sql, {std::string_view(param)}).front().integer(0); });
  }
  void run(std::string_view sql, std::initializer_list<storage::Param> params) {
    db().with_connection([&](storage::Connection& c) { c.execute(sql, params); });
  }
  // Runs `body` in a write transaction that commits.
  void write(const std::function<void(storage::Connection&)>& body) {
    db().transaction(storage::TxMode::Write, [&](storage::Connection& c) {
      body(c);
      return true;
    });
  }
  // Reserves in a transaction committed only when every line was reserved; returns the short lines.
  std::vector<ShortLine> reserve(std::vector<StockLine> lines, std::string order_id = "ord_test") {
    std::vector<ShortLine> short_lines;
    db().transaction(storage::TxMode::Write, [&](storage::Connection& c) {
      short_lines = ledger_.reserve(
          c, lines,
          {.actor_id = std::nullopt, .reason = MovementReason::OrderReserved, .note = "", .order_id = order_id});
      return short_lines.empty();
    });
    return short_lines;
  }
  std::int64_t now() const { return to_unix_millis(clock_.now()); }

  storage::TestDatabase test_db_{GetParam()};
  ManualClock clock_{from_unix_millis(1'800'000'000'000)};
  IdGenerator ids_{clock_};
  events::EventLog events_{ids_, clock_};
  StockLedger ledger_{ids_, clock_, events_};
};

}  // namespace emporium::inventory::testing
