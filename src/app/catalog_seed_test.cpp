// `emporium seed --products`: what is planned (deterministic, well formed, in the intended proportions), and
// what is written, on both backends: every row, the search index, and a second run that adds without conflicts.
#include "app/catalog_seed.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include <fmt/format.h>

#include "app/application.hpp"
#include "catalog/catalog_module.hpp"
#include "catalog/slug.hpp"
#include "storage/testing/test_database.hpp"
#include "support/random.hpp"
#include "users/users_module.hpp"

namespace emporium::app {
namespace {
using catalog::ProductStatus;

bool same(const SeedProduct& a, const SeedProduct& b) {
  if (a.variants.size() != b.variants.size()) return false;
  for (std::size_t i = 0; i < a.variants.size(); ++i) {
    const auto &x = a.variants[i], &y = b.variants[i];
    if (x.options != y.options || x.price != y.price || x.stock != y.stock) return false;
  }
  return a.category == b.category && a.vendor == b.vendor && a.name == b.name && a.description == b.description &&
         a.sku_code == b.sku_code && a.attributes == b.attributes && a.status == b.status &&
         a.rating_average_x100 == b.rating_average_x100 && a.rating_count == b.rating_count;
}

TEST(CatalogSeedPlan, TheSameSeedAndIndexGiveTheSameProduct) {
  for (std::int64_t index = 0; index < 500; ++index)
    EXPECT_TRUE(same(plan_seed_product(7, index), plan_seed_product(7, index))) << index;
}

TEST(CatalogSeedPlan, AnotherSeedGivesAnotherCatalog) {
  int differ = 0;
  for (std::int64_t index = 0; index < 200; ++index)
    differ += plan_seed_product(1, index).name != plan_seed_product(2, index).name ? 1 : 0;
  EXPECT_GT(differ, 180);
}

TEST(CatalogSeedPlan, CategoriesAreEightDepartmentsOfFourCategories) {
  const auto categories = seed_categories();
  ASSERT_EQ(categories.size(), 40u);
  std::set<std::string_view> slugs;
  std::size_t departments = 0;
  for (std::size_t i = 0; i < categories.size(); ++i) {
    const auto& category = categories[i];
    EXPECT_TRUE(catalog::is_valid_slug(category.slug)) << category.slug;
    EXPECT_TRUE(slugs.insert(category.slug).second) << category.slug;
    EXPECT_FALSE(category.description.empty());
    if (!category.parent) {
      ++departments;
      continue;
    }
    ASSERT_LT(*category.parent, i) << "a parent comes first";
    EXPECT_FALSE(categories[*category.parent].parent) << category.slug << " is two levels down";
  }
  EXPECT_EQ(departments, 8u);
}

void expect_well_formed(const SeedProduct& product) {
  const auto categories = seed_categories();
  ASSERT_LT(product.category, categories.size());
  EXPECT_TRUE(categories[product.category].parent) << "products go into categories, not departments";
  EXPECT_LT(product.vendor, kSeedVendors);
  EXPECT_GE(std::count(product.name.begin(), product.name.end(), ' '), 2) << product.name;
  const auto sentences = std::count(product.description.begin(), product.description.end(), '.');
  EXPECT_TRUE(sentences >= 2 && sentences <= 4) << product.description;  // "Co." may add one
  EXPECT_EQ(product.description.find('{'), std::string::npos) << product.description;
  EXPECT_EQ(product.sku_code.size(), 3u);
  for (const auto* name : {"brand", "color", "material"}) EXPECT_TRUE(product.attributes.contains(name)) << name;
  ASSERT_TRUE(product.variants.size() >= 1 && product.variants.size() <= 3);
  std::set<catalog::StringMap> options;
  for (const auto& variant : product.variants) {
    EXPECT_TRUE(options.insert(variant.options).second) << product.name << ": options repeat";
    EXPECT_EQ(variant.options.empty(), product.variants.size() == 1) << "a single variant is the default one";
    EXPECT_GT(variant.price, 0);
    EXPECT_EQ(variant.price % 100, 99);
    EXPECT_GE(variant.stock, 0);
  }
  EXPECT_TRUE(product.rating_average_x100 >= 0 && product.rating_average_x100 <= 500);
  EXPECT_EQ(product.rating_count == 0, product.rating_average_x100 == 0);
  if (product.rating_count == 1) {
    EXPECT_EQ(product.rating_average_x100 % 100, 0) << "one rating is whole stars";
  }
}

TEST(CatalogSeedPlan, ProductsAreWellFormedAndInTheIntendedProportions) {
  constexpr int kProducts = 5000;
  int sold_out = 0, drafts = 0, unrated = 0;
  std::set<std::string> names;
  for (std::int64_t index = 0; index < kProducts; ++index) {
    const auto product = plan_seed_product(1, index);
    expect_well_formed(product);
    if (HasFatalFailure()) return;
    names.insert(product.name);
    sold_out += std::all_of(product.variants.begin(), product.variants.end(), [](auto& v) { return v.stock == 0; });
    drafts += product.status == ProductStatus::Draft ? 1 : 0;
    unrated += product.rating_count == 0 ? 1 : 0;
  }
  EXPECT_NEAR(sold_out, kProducts / 10, kProducts / 40);
  EXPECT_NEAR(drafts, kProducts / 20, kProducts / 50);
  EXPECT_NEAR(unrated, kProducts * 15 / 100, kProducts / 40);
  EXPECT_GT(names.size(), kProducts * 8 / 10) << "names vary";
}

// The application on a fresh database of the backend, with a data directory of its own.
class SeededApplication {
 public:
  explicit SeededApplication(storage::Backend backend)
      : database_(backend),
        dir_(std::filesystem::temp_directory_path() / fmt::format("emporium-seed-{:016x}", random_u64())) {
    std::filesystem::create_directories(dir_);
    Config config;
    config.data_dir = dir_.string();
    config.database_url = database_.url();
    config.password_hash_memory_kib = 8;
    config.password_hash_iterations = 1;
    application_ = std::make_unique<Application>(config);
    application_->open_and_migrate();
    application_->build_services();
  }
  ~SeededApplication() {
    application_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  SeededApplication(const SeededApplication&) = delete;
  SeededApplication& operator=(const SeededApplication&) = delete;

  CatalogSeedSummary seed(std::int64_t products, std::uint64_t seed) {
    auto& app = *application_;
    CatalogSeeder seeder(app.database(), app.ids(), app.clock(), app.users().auth(), app.catalog());
    return seeder.run({.products = products, .seed = seed, .batch_size = 300});
  }
  std::int64_t count(std::string_view sql) {
    return storage::with_connection(application_->database(),
                                    [&](storage::Connection& c) { return c.query(sql).front().integer(0); });
  }

 private:
  storage::TestDatabase database_;
  std::filesystem::path dir_;
  std::unique_ptr<Application> application_;
};

class CatalogSeedWrite : public ::testing::TestWithParam<storage::Backend> {};

TEST_P(CatalogSeedWrite, WritesEveryRowAndASecondRunAddsWithoutConflicts) {
  SeededApplication app(GetParam());
  const auto first = app.seed(700, 3);  // three batches, the last one short
  EXPECT_EQ(first.products, 700);
  EXPECT_EQ(first.categories, 40u);
  EXPECT_EQ(first.vendors_created, kSeedVendors);
  std::int64_t variants = 0;
  for (std::int64_t index = 0; index < 700; ++index) variants += std::ssize(plan_seed_product(3, index).variants);
  EXPECT_EQ(first.variants, variants);

  const auto second = app.seed(700, 3);
  EXPECT_EQ(second.vendors_created, 0u) << "vendors are reused";
  EXPECT_EQ(app.count("SELECT COUNT(*) FROM categories"), 40) << "categories are reused";
  EXPECT_EQ(app.count("SELECT COUNT(*) FROM products"), 1400);
  EXPECT_EQ(app.count("SELECT COUNT(DISTINCT slug) FROM products"), 1400);
  EXPECT_EQ(app.count("SELECT COUNT(*) FROM product_variants"), 2 * variants);
  EXPECT_EQ(app.count("SELECT COUNT(DISTINCT sku_key) FROM product_variants"), 2 * variants);
  EXPECT_EQ(app.count("SELECT COUNT(*) FROM users WHERE email LIKE 'seed-vendor-%'"), 10);
  // As ProductStore::refresh_summary computes them.
  EXPECT_EQ(app.count("SELECT COUNT(*) FROM products p WHERE price <> (SELECT MIN(v.price) FROM product_variants v "
                      "WHERE v.product_id = p.id)"),
            0);
  EXPECT_EQ(app.count("SELECT COUNT(*) FROM products p WHERE in_stock <> EXISTS (SELECT 1 FROM product_variants v "
                      "WHERE v.product_id = p.id AND v.stock > 0)"),
            0);
  EXPECT_EQ(app.count("SELECT COUNT(*) FROM product_variants v WHERE v.stock <> (SELECT COALESCE(SUM(m.delta), 0) "
                      "FROM stock_movements m WHERE m.variant_id = v.id)"),
            0)
      << "the stock ledger opens with every seeded level";
  EXPECT_EQ(app.count("SELECT COUNT(DISTINCT product_id) FROM search_terms"), 1400) << "every product is indexed";
  EXPECT_EQ(app.count("SELECT COUNT(*) FROM product_attributes"), 1400 * 4);
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogSeedWrite, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::app
