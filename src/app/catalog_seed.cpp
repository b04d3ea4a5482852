#include "app/catalog_seed.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <utility>

#include "app/catalog_seed_rows.hpp"
#include "app/catalog_seed_words.hpp"
#include "catalog/product_store.hpp"
#include "catalog/search_index.hpp"
#include "catalog/slug.hpp"
#include "support/random.hpp"
#include "support/strings.hpp"
#include "users/user_store.hpp"

namespace emporium::app {
namespace {
using catalog::Product;
using catalog::ProductStatus;
using catalog::StringMap;
using catalog::Variant;
using storage::Connection;
using storage::Param;
using namespace seed_words;  // the vocabulary: this file's own data, kept apart for length

// ---- Deterministic choices ---------------------------------------------------------------------------------

// SplitMix64, one stream per product: the same numbers on every platform and for any batch size (the standard
// library's distributions are not specified exactly).
class SeedRandom {
 public:
  SeedRandom(std::uint64_t seed, std::uint64_t stream) : state_(mix(seed) ^ mix(stream ^ 0x6A09E667F3BCC908ULL)) {}
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool percent(std::size_t p) { return below(100) < p; }
  std::string_view pick(std::string_view list) { return word_at(list, below(count_words(list))); }

 private:
  std::uint64_t next() { return mix(state_ += 0x9E3779B97F4A7C15ULL); }
  static std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t state_;
};

struct Tree {
  std::vector<SeedCategory> categories;
  std::vector<std::size_t> of_leaf;  // leaf index → index in categories
};

std::string leaf_description(const Leaf& leaf) {
  const auto brands = kDepartments[leaf.department].brands;
  return std::string(leaf.name) + " from " + std::string(word_at(brands, 0)) + ", " + std::string(word_at(brands, 1)) +
         ", " + std::string(word_at(brands, 2)) + " and more.";
}

Tree build_tree() {
  Tree tree;
  tree.of_leaf.resize(std::size(kLeaves));
  for (std::size_t d = 0; d < std::size(kDepartments); ++d) {
    const auto& department = kDepartments[d];
    const auto parent = tree.categories.size();
    tree.categories.push_back({department.slug, department.name, std::string(department.description), std::nullopt});
    for (std::size_t l = 0; l < std::size(kLeaves); ++l) {
      if (kLeaves[l].department != d) continue;
      tree.of_leaf[l] = tree.categories.size();
      tree.categories.push_back({kLeaves[l].slug, kLeaves[l].name, leaf_description(kLeaves[l]), parent});
    }
  }
  return tree;
}

const Tree& tree() {
  static const Tree built = build_tree();
  return built;
}

// The words a description template may use.
struct ProductWords {
  std::string name, brand, adjective, material, color, noun, category;
  const std::string* find(std::string_view key) const {
    if (key == "name") return &name;
    if (key == "brand") return &brand;
    if (key == "adjective") return &adjective;
    if (key == "material") return &material;
    if (key == "color") return &color;
    if (key == "noun") return &noun;
    if (key == "category") return &category;
    return nullptr;
  }
};

std::string fill(std::string_view text, const ProductWords& words) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto end = text[i] == '{' ? text.find('}', i) : std::string_view::npos;
    const auto* word = end == std::string_view::npos ? nullptr : words.find(text.substr(i + 1, end - i - 1));
    if (!word) {
      out += text[i];
      continue;
    }
    out += *word;
    i = end;
  }
  return out;
}

std::string describe(SeedRandom& random, const Department& department, const ProductWords& words) {
  auto text = fill(random.pick(kOpenings), words);
  text += ' ';
  text += random.pick(department.benefits);
  if (random.percent(60)) {
    text += ' ';
    text += fill(random.pick(kClosings), words);
  }
  return text;
}

// Skewed towards the cheap end of the category's range, as real catalogs are; every price ends in .99.
std::int64_t base_price(SeedRandom& random, const Leaf& leaf) {
  const auto r = static_cast<std::int64_t>(random.below(1000));
  return (leaf.min_price + (leaf.max_price - leaf.min_price) * r * r / 1'000'000) / 100 * 100 + 99;
}

// 1–3 variants with distinct options (colours from the product's own, sizes in their order); 10% of the products
// are sold out, and some variants of the others too.
std::vector<SeedVariant> plan_variants(SeedRandom& random, const Leaf& leaf, std::size_t color) {
  const std::size_t count = leaf.option.empty() ? 1 : 1 + random.below(3);
  const auto first_value = random.below(4 - count + 1);
  const auto price = base_price(random, leaf);
  const bool sold_out = random.percent(10);
  std::vector<SeedVariant> variants(count);
  for (std::size_t i = 0; i < count; ++i) {
    auto& variant = variants[i];
    if (count > 1) {
      const auto value = leaf.option == "color" ? word_at(kColors, (color + 5 * i) % count_words(kColors))
                                                : word_at(leaf.option_values, first_value + i);
      variant.options.emplace(std::string(leaf.option), std::string(value));
    }
    variant.price = (price + price * static_cast<std::int64_t>(i) / 10) / 100 * 100 + 99;
    variant.stock = sold_out || (i > 0 && random.percent(15)) ? 0 : 1 + static_cast<std::int64_t>(random.below(150));
  }
  return variants;
}

// 15% unrated; the others have one to a few hundred ratings, mostly good, and an average their count allows
// (one rating of 3 averages 3.00, not 3.03).
void rate(SeedRandom& random, SeedProduct& product) {
  if (random.percent(15)) return;
  const auto r = static_cast<std::int64_t>(random.below(1000));
  const auto s = static_cast<std::int64_t>(random.below(251));
  const auto count = 1 + r * r / 2000;
  const auto typical = 500 - s * s / 250;  // × 100
  const auto stars = std::clamp((typical * count + 50) / 100, count, 5 * count);
  product.rating_count = count;
  product.rating_average_x100 = (stars * 100 + count / 2) / count;
}

// ---- Accounts and categories ---------------------------------------------------------------------------------

std::string vendor_email(std::size_t n) { return "seed-vendor-" + std::to_string(n + 1) + "@catalog.emporium.test"; }

std::optional<std::string> user_id_by_email(storage::Database& database, const std::string& email) {
  return storage::with_connection(database, [&](Connection& connection) -> std::optional<std::string> {
    auto found = users::UserStore::find_by_email(connection, email);
    if (!found) return std::nullopt;
    return found->user.id;
  });
}

std::string find_or_create(catalog::CategoryService& service, const SeedCategory& seed,
                           const std::vector<std::string>& made, std::int64_t position) {
  const std::string slug(seed.slug);
  if (auto found = service.get(slug)) return found->category.id;
  catalog::CategoryInput input{.name = std::string(seed.name),
                               .slug = slug,
                               .description = seed.description,
                               .parent_id = seed.parent ? std::optional(made[*seed.parent]) : std::nullopt,
                               .position = position};
  // No account made it: the audit entry names no actor.
  auto created = service.create(catalog::CategoryActor{.user_id = "", .client_ip = ""}, std::move(input));
  if (created) return created->category.id;
  if (auto found = service.get(slug)) return found->category.id;  // a concurrent seeder made it
  throw std::runtime_error("seed category " + slug + " not created: " + created.error().detail);
}

// The last characters of an id (its random part): unique among the products of one run, as ids are, and all but
// certainly among runs, so that slugs and SKUs made from them never collide.
std::string_view id_tail(std::string_view id) { return id.substr(id.size() - 10); }

catalog::SearchDocument search_document(const Product& product, const std::vector<Variant>& variants,
                                        std::string_view category_name) {
  // The same words ProductService indexes a product under: attribute values, SKUs and option values, and the
  // name of its category.
  catalog::SearchDocument document{
      .product_id = product.id, .name = product.name, .keywords = {}, .description = product.description};
  for (const auto& [name, value] : product.attributes) document.keywords.push_back(value);
  for (const auto& variant : variants) {
    document.keywords.push_back(variant.sku);
    for (const auto& [name, value] : variant.options) document.keywords.push_back(value);
  }
  document.keywords.emplace_back(category_name);
  return document;
}

// The product's row, its slug ending with the id's tail. Price and stock are summarised from its variants later.
Product to_product(SeedProduct& seed, std::string id, const std::string& vendor, const std::string& category,
                   Timestamp now) {
  auto slug = catalog::slugify(seed.name) + "-" + to_lower_ascii(id_tail(id));
  return Product{.id = std::move(id),
                 .vendor_id = vendor,
                 .category_id = category,
                 .slug = std::move(slug),
                 .name = std::move(seed.name),
                 .description = std::move(seed.description),
                 .status = seed.status,
                 .currency = "USD",
                 .price = 0,
                 .in_stock = false,
                 .attributes = std::move(seed.attributes),
                 .rating_average_x100 = seed.rating_average_x100,
                 .rating_count = seed.rating_count,
                 .version = 1,
                 .created_at = now,
                 .updated_at = now,
                 .archived_at = std::nullopt};
}

// Its variants, SKU "<code>-<id tail>-<position + 1>"; a single one is the product's default variant.
std::vector<Variant> to_variants(SeedProduct& seed, const Product& product, IdGenerator& ids, Timestamp now) {
  const std::string tail(id_tail(product.id));
  std::vector<Variant> variants;
  for (std::size_t i = 0; i < seed.variants.size(); ++i) {
    auto& planned = seed.variants[i];
    variants.push_back(Variant{.id = ids.next("var"),
                               .product_id = product.id,
                               .sku = seed.sku_code + "-" + tail + "-" + std::to_string(i + 1),
                               .options = std::move(planned.options),
                               .price = planned.price,
                               .stock = planned.stock,
                               .low_stock_threshold = 5,
                               .is_default = seed.variants.size() == 1,
                               .position = static_cast<std::int64_t>(i),
                               .version = 1,
                               .created_at = now,
                               .updated_at = now});
  }
  return variants;
}

// What ProductStore::refresh_summary computes: the lowest price, and whether any variant has stock.
void summarise(Product& product, const std::vector<Variant>& variants) {
  product.price = std::min_element(variants.begin(), variants.end(), [](const auto& a, const auto& b) {
                    return a.price < b.price;
                  })->price;
  product.in_stock = std::any_of(variants.begin(), variants.end(), [](const auto& v) { return v.stock > 0; });
}

}  // namespace

std::span<const SeedCategory> seed_categories() { return tree().categories; }

SeedProduct plan_seed_product(std::uint64_t seed, std::int64_t index) {
  SeedRandom random(seed, static_cast<std::uint64_t>(index));
  const auto leaf_index = random.below(std::size(kLeaves));
  const auto& leaf = kLeaves[leaf_index];
  const auto& department = kDepartments[leaf.department];
  SeedProduct product;
  product.category = tree().of_leaf[leaf_index];
  product.vendor = random.below(kSeedVendors);
  product.sku_code = std::string(leaf.code);
  const auto color = random.below(count_words(kColors));
  ProductWords words{.name = "",
                     .brand = std::string(random.pick(department.brands)),
                     .adjective = std::string(random.pick(department.adjectives)),
                     .material = std::string(random.pick(leaf.materials)),
                     .color = std::string(word_at(kColors, color)),
                     .noun = std::string(random.pick(leaf.nouns)),
                     .category = to_lower_ascii(leaf.name)};
  product.name = words.adjective + " " + (random.percent(35) ? words.color : words.material) + " " + words.noun;
  words.name = product.name;
  product.attributes = {{"brand", words.brand},
                        {"color", words.color},
                        {"material", words.material},
                        {std::string(department.extra_attribute), std::string(random.pick(department.extra_values))}};
  for (auto* word : {&words.adjective, &words.material, &words.color, &words.noun}) *word = to_lower_ascii(*word);
  product.description = describe(random, department, words);
  product.variants = plan_variants(random, leaf, color);
  product.status = random.percent(5) ? ProductStatus::Draft : ProductStatus::Active;
  rate(random, product);
  return product;
}

struct CatalogSeeder::Batch {
  std::vector<Product> products;
  std::vector<Variant> variants;
  std::vector<catalog::SearchDocument> documents;
};

std::vector<std::string> CatalogSeeder::ensure_vendors(std::size_t& created) {
  std::vector<std::string> ids;
  for (std::size_t n = 0; n < kSeedVendors; ++n) {
    const auto email = vendor_email(n);
    if (auto id = user_id_by_email(database_, email)) {
      ids.push_back(std::move(*id));
      continue;
    }
    // A password nobody is told: a seeded vendor signs in only after a password reset.
    auto user = auth_.create_account(
        {.email = email, .password = random_token(24), .name = std::string(word_at(kVendorNames, n))},
        http::Role::Vendor);
    if (user) {
      ids.push_back(user->id);
      ++created;
      continue;
    }
    auto raced = user.error().code == "email_taken" ? user_id_by_email(database_, email) : std::nullopt;
    if (!raced) throw std::runtime_error("seed vendor " + email + " not created: " + user.error().detail);
    ids.push_back(std::move(*raced));
  }
  return ids;
}

std::vector<std::string> CatalogSeeder::ensure_categories() {
  std::vector<std::string> ids;
  for (const auto& seed : seed_categories())
    ids.push_back(find_or_create(catalog_.categories(), seed, ids, static_cast<std::int64_t>(ids.size())));
  return ids;
}

CatalogSeeder::Batch CatalogSeeder::plan_batch(const CatalogSeedOptions& options, std::int64_t first,
                                               std::int64_t count, const std::vector<std::string>& vendors,
                                               const std::vector<std::string>& categories) {
  Batch batch;
  const auto now = clock_.now();
  for (auto index = first; index < first + count; ++index) {
    auto seed = plan_seed_product(options.seed, index);
    const auto category_name = seed_categories()[seed.category].name;
    auto& product = batch.products.emplace_back(
        to_product(seed, ids_.next("prod"), vendors[seed.vendor], categories[seed.category], now));
    auto variants = to_variants(seed, product, ids_, now);
    summarise(product, variants);
    batch.documents.push_back(search_document(product, variants, category_name));
    std::move(variants.begin(), variants.end(), std::back_inserter(batch.variants));
  }
  return batch;
}

void CatalogSeeder::write_batch(const Batch& batch) {
  database_.transaction(storage::TxMode::Write, [&](Connection& connection) {
    insert_products(connection, batch.products);
    insert_attributes(connection, batch.products);
    insert_variants(connection, batch.variants);
    insert_opening_movements(connection, batch.variants);
    catalog::SearchIndex::index(connection, batch.documents);
    return true;
  });
}

CatalogSeedSummary CatalogSeeder::run(const CatalogSeedOptions& options) {
  if (options.products < 1 || options.products > kMaxSeedProducts)
    throw std::invalid_argument("the number of products must be 1 to " + std::to_string(kMaxSeedProducts));
  const auto started = std::chrono::steady_clock::now();
  CatalogSeedSummary summary;
  const auto vendors = ensure_vendors(summary.vendors_created);
  const auto categories = ensure_categories();
  summary.categories = categories.size();
  const auto batch_size = static_cast<std::int64_t>(std::max<std::size_t>(1, options.batch_size));
  for (std::int64_t first = 0; first < options.products; first += batch_size) {
    const auto batch = plan_batch(options, first, std::min(batch_size, options.products - first), vendors, categories);
    write_batch(batch);
    summary.products += std::ssize(batch.products);
    summary.variants += std::ssize(batch.variants);
  }
  // Fresh statistics for the query planners: right after a bulk load PostgreSQL has none (an attribute filter
  // then took 0.5 s instead of 2 ms) and SQLite never gathers them by itself.
  database_.with_connection([](storage::Connection& connection) { connection.execute("ANALYZE"); });
  catalog_.cache().invalidate();  // a no-op for other processes' caches: a running server keeps its own
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace emporium::app
