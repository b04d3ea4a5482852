// The catalog's stock writes go through the ledger: openings on create, adjustments on PUT/PATCH, and no
// reservation lost to a concurrent variant write. Every TEST_P runs on SQLite and on PostgreSQL.
#include "catalog/product_stock.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "audit/audit_log.hpp"
#include "catalog/product_service.hpp"
#include "catalog/testing/counting_cache.hpp"
#include "events/event_log.hpp"
#include "inventory/stock_ledger.hpp"
#include "storage/testing/test_database.hpp"

namespace emporium::catalog {
namespace {
using http::Principal;
using http::Role;
using storage::Backend;

class ProductStock : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    vendor_ = {.user_id = ids_.next("usr"), .role = Role::Vendor, .session_id = "", .api_key_id = ""};
    const auto email = vendor_.user_id + "@example.com";
    test_db_.database().with_connection([&](storage::Connection& c) {
      c.execute(
          "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
          "VALUES ($1, $2, 'V', 'vendor', 'unused', 1, 1)",
          {std::string_view(vendor_.user_id), std::string_view(email)});
    });
  }

  ProductView create(std::int64_t stock, std::int64_t threshold = 0) {
    ProductFields fields;
    fields.name = "Desk Lamp";
    fields.currency = "USD";
    fields.status = ProductStatus::Active;
    fields.single.sku = ids_.next("SKU");
    fields.single.price = 1000;
    fields.single.stock = stock;
    fields.single.low_stock_threshold = threshold;
    auto created = service_.create(vendor_, std::move(fields));
    EXPECT_TRUE(created) << (created ? "" : created.error().detail);
    return created ? std::move(*created) : ProductView{};
  }

  VariantFields stock_patch(std::int64_t stock) {
    VariantFields fields;
    fields.stock = stock;
    return fields;
  }

  std::int64_t integer(std::string_view sql, std::string_view param) {
    return storage::with_connection(test_db_.database(),
                                    [&](storage::Connection& c) { return c.query(sql, {param}).front().integer(0); });
  }
  std::int64_t movements(std::string_view variant_id) {
    return integer("SELECT COUNT(*) FROM stock_movements WHERE variant_id = $1", variant_id);
  }
  std::int64_t stock(std::string_view variant_id) {
    return integer("SELECT stock FROM product_variants WHERE id = $1", variant_id);
  }
  // Σ movements == stock for every variant of the product.
  void expect_balanced(std::string_view product_id) {
    EXPECT_EQ(integer("SELECT COUNT(*) FROM product_variants v WHERE v.product_id = $1 AND v.stock <> "
                      "(SELECT COALESCE(SUM(m.delta), 0) FROM stock_movements m WHERE m.variant_id = v.id)",
                      product_id),
              0);
  }

  storage::TestDatabase test_db_{GetParam()};
  ManualClock clock_{from_unix_millis(1'800'000'000'000)};
  IdGenerator ids_{clock_};
  audit::AuditLog audit_{ids_, clock_};
  events::EventLog events_{ids_, clock_};
  inventory::StockLedger ledger_{ids_, clock_, events_};
  testing::CountingCache cache_;
  CatalogContext context_{test_db_.database(), ids_, clock_, audit_, cache_, &ledger_};
  ProductService service_{context_};
  Principal vendor_;
};

TEST_P(ProductStock, CreatingWithStockOpensTheLedger) {
  const auto view = create(5);
  const auto& variant = view.variants.at(0);
  EXPECT_EQ(integer("SELECT COUNT(*) FROM stock_movements WHERE variant_id = $1 AND reason = 'opening' AND "
                    "delta = 5 AND level = 5",
                    variant.id),
            1);
  auto added = service_.add_variant(vendor_, view.product.id,
                                    {.sku = "LAMP-RED",
                                     .options = StringMap{{"color", "red"}},
                                     .price = 900,
                                     .stock = 3,
                                     .low_stock_threshold = std::nullopt,
                                     .position = std::nullopt});
  ASSERT_TRUE(added);
  EXPECT_EQ(movements(added->variant.id), 1);
  auto empty = service_.add_variant(vendor_, view.product.id,
                                    {.sku = "LAMP-BLUE",
                                     .options = StringMap{{"color", "blue"}},
                                     .price = 900,
                                     .stock = 0,
                                     .low_stock_threshold = std::nullopt,
                                     .position = std::nullopt});
  ASSERT_TRUE(empty);
  EXPECT_EQ(movements(empty->variant.id), 0) << "nothing to open";
  expect_balanced(view.product.id);
}

TEST_P(ProductStock, AVariantWriteThatChangesStockRecordsTheDifference) {
  const auto view = create(5);
  const auto id = view.variants.at(0).id;
  ASSERT_TRUE(service_.update_variant(vendor_, view.product.id, id, stock_patch(2), WriteMode::Patch, std::nullopt));
  EXPECT_EQ(integer("SELECT COUNT(*) FROM stock_movements WHERE variant_id = $1 AND reason = 'adjustment' AND "
                    "delta = -3 AND level = 2",
                    id),
            1);
  VariantFields price_only;
  price_only.price = 1200;
  ASSERT_TRUE(service_.update_variant(vendor_, view.product.id, id, price_only, WriteMode::Patch, std::nullopt));
  EXPECT_EQ(movements(id), 2) << "no movement when stock did not change";

  ProductFields product_level;
  product_level.single.stock = 9;
  ASSERT_TRUE(service_.update(vendor_, view.product.id, product_level, WriteMode::Patch, std::nullopt));
  EXPECT_EQ(stock(id), 9);
  EXPECT_EQ(movements(id), 3);
  expect_balanced(view.product.id);
}

TEST_P(ProductStock, LoweringStockThroughAVariantWriteCanCrossTheLowStockThreshold) {
  const auto view = create(10, 4);
  const auto id = view.variants.at(0).id;
  ASSERT_TRUE(service_.update_variant(vendor_, view.product.id, id, stock_patch(4), WriteMode::Patch, std::nullopt));
  EXPECT_EQ(integer("SELECT COUNT(*) FROM events WHERE type = 'product.low_stock' AND subject_id = $1", id), 1);
}

TEST_P(ProductStock, VariantWritesDoNotLoseConcurrentReservations) {
  const auto view = create(40);
  const auto product_id = view.product.id;
  const auto id = view.variants.at(0).id;
  std::atomic<int> reserved{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        if (t % 2 == 0) {
          VariantFields price;
          price.price = 1000 + round;
          EXPECT_TRUE(service_.update_variant(vendor_, product_id, id, price, WriteMode::Patch, std::nullopt));
          continue;
        }
        test_db_.database().transaction(storage::TxMode::Write, [&](storage::Connection& c) {
          const inventory::StockLine line{.variant_id = id, .quantity = 1};
          const bool ok = context_.stock->reserve(c, {&line, 1}, {}).empty();
          if (ok) ++reserved;
          return ok;
        });
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(reserved.load(), 15);
  EXPECT_EQ(stock(id), 25);
  expect_balanced(product_id);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProductStock, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::catalog
