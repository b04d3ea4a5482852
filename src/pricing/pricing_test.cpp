#include "pricing/pricing.hpp"

#include <gtest/gtest.h>

#include "catalog/category_store.hpp"
#include "catalog/product_store.hpp"
#include "storage/testing/test_database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::pricing {
namespace {

PricedLine line(std::int64_t unit_price, std::int64_t quantity, std::string currency = "EUR") {
  return {.currency = std::move(currency),
          .unit_price = unit_price,
          .quantity = quantity,
          .line_total = unit_price * quantity};
}

TEST(FlatRateShipping, ChargesTheRateBelowTheThresholdAndNothingFromIt) {
  const FlatRateShipping shipping(500, 5000);
  EXPECT_EQ(shipping.shipping(4999, "EUR", std::nullopt), 500);
  EXPECT_EQ(shipping.shipping(5000, "EUR", std::nullopt), 0);
  EXPECT_EQ(shipping.shipping(0, "EUR", std::nullopt), 500);  // goods discounted to nothing still travel
  EXPECT_EQ(FlatRateShipping(500, std::nullopt).shipping(1'000'000, "EUR", "DE"), 500);
}

TEST(CountryTaxRates, RoundsHalfUpToTheMinorUnitAndTaxesOnlyKnownCountries) {
  const CountryTaxRates rates({{"DE", 1900}, {"CH", 810}});
  EXPECT_EQ(rates.tax(1000, "EUR", "DE"), 190);
  EXPECT_EQ(rates.tax(1, "EUR", "DE"), 0);    // 0.19 → 0
  EXPECT_EQ(rates.tax(50, "CHF", "CH"), 4);   // 4.05 → 4
  EXPECT_EQ(rates.tax(100, "CHF", "CH"), 8);  // 8.1 → 8
  EXPECT_EQ(rates.tax(1000, "CHF", "CH"), 81);
  EXPECT_EQ(rates.tax(10, "EUR", "DE"), 2);  // 1.9 → 2
  EXPECT_EQ(rates.tax(1000, "USD", "US"), 0);
  EXPECT_EQ(rates.tax(1000, "USD", std::nullopt), 0);
  // The largest basket an order can hold (500 lines × 10,000 units × 999,999,999.99) does not overflow.
  EXPECT_EQ(rates.tax(500'000'000'000'000'000, "EUR", "DE"), 95'000'000'000'000'000);
  EXPECT_EQ(rates.tax(500'000'000'000'000'003, "EUR", "DE"), 95'000'000'000'000'001);  // 0.57 → 1
}

TEST(ComputeTotals, SubtractsTheDiscountBeforeShippingAndTax) {
  const FlatRateShipping shipping(500, 5000);
  const CountryTaxRates tax({{"DE", 1000}});
  const PricingRules rules{.shipping = shipping, .tax = tax};
  const std::vector lines{line(1999, 2), line(1000, 1)};  // 4998
  const auto totals = compute_totals(lines, {.amount = 998, .free_shipping = false}, rules, "DE");
  EXPECT_EQ(totals.subtotal, 4998);
  EXPECT_EQ(totals.discount, 998);
  EXPECT_EQ(totals.shipping, 500);  // 4000 after discount: under the threshold
  EXPECT_EQ(totals.tax, 400);
  EXPECT_EQ(totals.total, 4000 + 500 + 400);
  EXPECT_EQ(totals.currency, "EUR");
}

TEST(ComputeTotals, NeverDiscountsMoreThanTheSubtotalAndFreeShippingWaivesTheRate) {
  const FlatRateShipping shipping(500, std::nullopt);
  const CountryTaxRates tax({});
  const PricingRules rules{.shipping = shipping, .tax = tax};
  const std::vector lines{line(300, 1)};
  const auto over = compute_totals(lines, {.amount = 1000, .free_shipping = false}, rules, std::nullopt);
  EXPECT_EQ(over.discount, 300);
  EXPECT_EQ(over.total, 0 + 500);
  const auto free = compute_totals(lines, {.amount = 0, .free_shipping = true}, rules, std::nullopt);
  EXPECT_EQ(free.shipping, 0);
  EXPECT_EQ(free.total, 300);
  const auto empty = compute_totals(std::vector<PricedLine>{}, {}, rules, std::nullopt);
  EXPECT_EQ(empty.total, 0);
  EXPECT_EQ(empty.shipping, 0);
}

// price_lines against the catalog tables, on both backends.
class PriceLines : public ::testing::TestWithParam<storage::Backend> {
 protected:
  void SetUp() override {
    vendor_ = ids_.next("usr");
    category_ = {.id = ids_.next("cat"), .slug = "shoes", .name = "Shoes", .created_at = now(), .updated_at = now()};
    category_.path = "/" + category_.id + "/";
    write([&](storage::Connection& connection) {
      connection.execute(
          "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
          "VALUES ($1, $2, 'Vendor', 'vendor', 'unused', $3, $3)",
          {std::string_view(vendor_), std::string_view(vendor_ + "@example.com"), to_unix_millis(now())});
      catalog::CategoryStore::insert(connection, category_);
    });
  }

  Timestamp now() const { return clock_.now(); }

  template <class Work>
  void write(Work&& work) {
    test_db_.database().transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
      work(connection);
      return true;
    });
  }

  // A product with one variant per (price, stock) pair.
  std::pair<catalog::Product, std::vector<catalog::Variant>> product(
      catalog::ProductStatus status, std::vector<std::pair<std::int64_t, std::int64_t>> variants) {
    catalog::Product product;
    product.id = ids_.next("prod");
    product.vendor_id = vendor_;
    product.category_id = category_.id;
    product.slug = ids_.next("slug");
    product.name = "Runner";
    product.status = status;
    product.currency = "EUR";
    product.created_at = product.updated_at = now();
    std::vector<catalog::Variant> made;
    for (std::size_t i = 0; i < variants.size(); ++i) {
      made.push_back({.id = ids_.next("var"),
                      .product_id = product.id,
                      .sku = ids_.next("SKU"),
                      .options = variants.size() == 1 ? catalog::StringMap{}
                                                      : catalog::StringMap{{"size", std::to_string(40 + i)}},
                      .price = variants[i].first,
                      .stock = variants[i].second,
                      .is_default = variants.size() == 1,
                      .created_at = now(),
                      .updated_at = now()});
    }
    write([&](storage::Connection& connection) {
      catalog::ProductStore::insert(connection, product);
      for (const auto& variant : made) catalog::ProductStore::insert_variant(connection, variant);
    });
    return {product, made};
  }

  std::vector<PricedLine> price(std::vector<LineRequest> requests) {
    return storage::with_connection(test_db_.database(),
                                    [&](storage::Connection& connection) { return price_lines(connection, requests); });
  }

  storage::TestDatabase test_db_{GetParam()};
  SystemClock clock_;
  IdGenerator ids_{clock_};
  std::string vendor_;
  catalog::Category category_;
};

TEST_P(PriceLines, PricesEachRequestFromItsVariantInTheOrderGiven) {
  const auto [simple, simple_variants] = product(catalog::ProductStatus::Active, {{1999, 5}});
  const auto [sized, sized_variants] = product(catalog::ProductStatus::Active, {{2500, 1}, {2700, 9}});
  const auto lines = price({{.product_id = sized.id, .variant_id = sized_variants[1].id, .quantity = 3},
                            {.product_id = simple.id, .quantity = 2}});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].issue, LineIssue::None);
  EXPECT_EQ(lines[0].variant_id, sized_variants[1].id);
  EXPECT_EQ(lines[0].unit_price, 2700);
  EXPECT_EQ(lines[0].line_total, 8100);
  EXPECT_EQ(lines[0].options.at("size"), "41");
  EXPECT_EQ(lines[0].vendor_id, vendor_);
  EXPECT_EQ(lines[0].category_path, category_.path);
  EXPECT_EQ(lines[1].variant_id, simple_variants[0].id);
  EXPECT_EQ(lines[1].sku, simple_variants[0].sku);
  EXPECT_EQ(lines[1].line_total, 3998);
  EXPECT_EQ(lines[1].currency, "EUR");
}

TEST_P(PriceLines, NamesWhatIsWrongWithALine) {
  const auto [sized, sized_variants] = product(catalog::ProductStatus::Active, {{2500, 1}, {2700, 9}});
  const auto [draft, draft_variants] = product(catalog::ProductStatus::Draft, {{100, 100}});
  const auto lines = price({{.product_id = sized.id, .quantity = 1},
                            {.product_id = sized.id, .variant_id = std::string("var_missing"), .quantity = 1},
                            {.product_id = sized.id, .variant_id = sized_variants[0].id, .quantity = 2},
                            {.product_id = draft.id, .quantity = 1},
                            {.product_id = "prod_missing", .quantity = 1}});
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0].issue, LineIssue::VariantRequired);
  EXPECT_EQ(lines[1].issue, LineIssue::VariantNotFound);
  EXPECT_EQ(lines[2].issue, LineIssue::InsufficientStock);
  EXPECT_EQ(lines[2].available, 1);
  EXPECT_EQ(lines[3].issue, LineIssue::ProductUnavailable);
  EXPECT_EQ(lines[4].issue, LineIssue::ProductUnavailable);
  EXPECT_TRUE(lines[4].product_id.empty());
  EXPECT_EQ(to_string(lines[2].issue), "insufficient_stock");
}

INSTANTIATE_TEST_SUITE_P(Backends, PriceLines, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::pricing
