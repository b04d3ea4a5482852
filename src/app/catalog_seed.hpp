#pragma once

// `emporium seed --products N [--seed S]`: a catalog for development and benchmarks, made fast enough that
// 100,000 products take well under a minute. What is made is a pure function of (S, product index), so that
// the same N and S give the same categories, names, descriptions, prices, attributes, variants, stock, ratings
// and statuses on every run and on both backends; only ids, timestamps, and the slugs and SKUs derived from
// the ids differ.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_module.hpp"
#include "catalog/product.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"
#include "users/auth_service.hpp"

namespace emporium::app {

inline constexpr std::int64_t kMaxSeedProducts = 1'000'000;
inline constexpr std::size_t kSeedVendors = 10;

struct CatalogSeedOptions {
  std::int64_t products = 0;  // 1 … kMaxSeedProducts
  std::uint64_t seed = 1;
  std::size_t batch_size = 2000;  // products per transaction
};

struct CatalogSeedSummary {
  std::int64_t products = 0;
  std::int64_t variants = 0;
  std::size_t categories = 0;       // in the seeded tree, made now or found by slug
  std::size_t vendors_created = 0;  // of kSeedVendors; the others existed
  double seconds = 0;
};

// A node of the seeded category tree: 8 departments, 4 categories under each.
struct SeedCategory {
  std::string_view slug;
  std::string_view name;
  std::string description;
  std::optional<std::size_t> parent;  // index in seed_categories(); none for a department
};

struct SeedVariant {
  catalog::StringMap options;  // {} for a product's single default variant
  std::int64_t price = 0;      // minor units (USD)
  std::int64_t stock = 0;
};

// One product before it has ids.
struct SeedProduct {
  std::size_t category = 0;  // index in seed_categories(), always a category under a department
  std::size_t vendor = 0;    // 0 … kSeedVendors - 1
  std::string name;
  std::string description;
  std::string sku_code;  // three capitals naming the category, the start of each SKU
  catalog::StringMap attributes;
  std::vector<SeedVariant> variants;  // 1–3, distinct options
  catalog::ProductStatus status = catalog::ProductStatus::Active;
  std::int64_t rating_average_x100 = 0;  // 0 when unrated, else 250 … 500
  std::int64_t rating_count = 0;
};

// Departments first-then-their-categories order; a parent always comes before its children.
std::span<const SeedCategory> seed_categories();

// The index-th product of the catalog seeded with `seed` (no I/O).
SeedProduct plan_seed_product(std::uint64_t seed, std::int64_t index);

// Writes a seeded catalog: the vendors `seed-vendor-<n>@catalog.emporium.test` (created through AuthService with
// a random password nobody is told, or reused), the category tree (through CategoryService, or reused by slug),
// then the products in batches of multi-row INSERTs, one transaction per batch, each batch indexed for search.
// Slugs and SKUs end with characters of the product id, so that running it again adds products without
// conflicts. Throws std::runtime_error when a vendor or category cannot be made.
class CatalogSeeder {
 public:
  CatalogSeeder(storage::Database& database, IdGenerator& ids, const Clock& clock, users::AuthService& auth,
                catalog::CatalogModule& catalog)
      : database_(database), ids_(ids), clock_(clock), auth_(auth), catalog_(catalog) {}

  CatalogSeedSummary run(const CatalogSeedOptions& options);

 private:
  struct Batch;
  std::vector<std::string> ensure_vendors(std::size_t& created);
  std::vector<std::string> ensure_categories();
  Batch plan_batch(const CatalogSeedOptions& options, std::int64_t first, std::int64_t count,
                   const std::vector<std::string>& vendors, const std::vector<std::string>& categories);
  void write_batch(const Batch& batch);

  storage::Database& database_;
  IdGenerator& ids_;
  const Clock& clock_;
  users::AuthService& auth_;
  catalog::CatalogModule& catalog_;
};

}  // namespace emporium::app
