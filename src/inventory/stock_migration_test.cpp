// Migration 0006 starts the ledger on data older than it: every variant with stock gets an opening movement.
#include <gtest/gtest.h>

#include <vector>

#include "storage/migrator.hpp"
#include "storage/testing/test_database.hpp"

namespace emporium::inventory {
namespace {
using storage::Backend;

class LedgerMigration : public ::testing::TestWithParam<Backend> {
 protected:
  storage::TestDatabase test_db_{GetParam(), {.migrate = false, .pool = {}}};
  ManualClock clock_{from_unix_millis(1'800'000'000'000)};
};

TEST_P(LedgerMigration, OpensTheLedgerWithTheStockEveryVariantHolds) {
  auto& db = test_db_.database();
  const auto all = storage::migrations_for(GetParam());
  std::vector<EmbeddedFile> older;  // 0001 … 0005
  for (const auto& file : all)
    if (file.path.substr(file.path.rfind('/') + 1) < "0006") older.push_back(file);
  storage::Migrator(db, older, clock_).migrate();
  db.with_connection([](storage::Connection& c) {
    c.execute(
        "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
        "VALUES ('usr_01J00000000000000000000000', 'v@example.com', 'V', 'vendor', 'x', 1, 1)");
    c.execute(
        "INSERT INTO products (id, vendor_id, slug, name, sort_name, status, currency, price, in_stock, created_at, "
        "updated_at) VALUES ('prod_01J00000000000000000000000', 'usr_01J00000000000000000000000', 'p', 'P', 'p', "
        "'active', 'USD', 1, TRUE, 1, 1)");
    const auto variant = [&](std::string_view id, std::string_view sku, std::int64_t stock, bool deleted) {
      c.execute(
          "INSERT INTO product_variants (id, product_id, sku, sku_key, price, stock, created_at, updated_at, "
          "deleted_at) VALUES ($1, 'prod_01J00000000000000000000000', $2, $2, 1, $3, 1, 1, $4)",
          {id, sku, stock, deleted ? storage::Param(std::int64_t{2}) : storage::Param(nullptr)});
    };
    variant("var_01J00000000000000000000001", "a", 7, false);
    variant("var_01J00000000000000000000002", "b", 0, false);
    variant("var_01J00000000000000000000003", "c", 3, true);
  });
  storage::Migrator(db, all, clock_).migrate();
  const auto rows = storage::with_connection(db, [](storage::Connection& c) {
    return c.query(
        "SELECT m.id, m.variant_id, m.delta, m.level, m.reason FROM stock_movements m ORDER BY m.variant_id");
  });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].text(0), "mov_01J00000000000000000000001");
  EXPECT_EQ(rows[0].integer(2), 7);
  EXPECT_EQ(rows[0].integer(3), 7);
  EXPECT_EQ(rows[0].text(4), "opening");
  EXPECT_EQ(rows[1].text(1), "var_01J00000000000000000000003") << "deleted variants keep their stock too";
  EXPECT_EQ(rows[1].integer(2), 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, LedgerMigration, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::inventory
