// The same query matrix on SQLite and on PostgreSQL: the same ids, order, totals, cursors and facets.
#include "catalog/product_search_fixture.hpp"

namespace emporium::catalog::search_testing {
// ---- The same answers on both backends --------------------------------------------------------------------

// A deterministic catalog of 300 products with many ties (prices, ratings, dates and words repeat).
void add_generated_catalog(TestCatalog& catalog) {
  static constexpr std::array<std::string_view, 24> kWords = {
      "wireless", "wired",  "headphones", "speaker", "portable", "leather", "cotton",  "running",
      "shoes",    "jacket", "waterproof", "compact", "studio",   "classic", "premium", "bluetooth",
      "kitchen",  "knife",  "ceramic",    "mug",     "garden",   "hose",    "café",    "crème"};
  static constexpr std::array<std::string_view, 4> kColors = {"black", "white", "red", "blue"};
  static constexpr std::array<std::string_view, 3> kStatuses = {"active", "draft", "archived"};
  catalog.user("usr_v1", "vendor");
  catalog.user("usr_v2", "vendor");
  catalog.user("usr_v3", "vendor");
  catalog.category("cat_r1", "", "home", "Home");
  catalog.category("cat_r2", "", "outdoor", "Outdoor");
  catalog.category("cat_c1", "cat_r1", "kitchen", "Kitchen");
  catalog.category("cat_c2", "cat_r1", "audio", "Audio");
  catalog.category("cat_c3", "cat_r2", "garden", "Garden");
  static constexpr std::array<std::string_view, 5> kCategories = {"cat_r1", "cat_r2", "cat_c1", "cat_c2", "cat_c3"};
  std::uint32_t seed = 12345;
  const auto next = [&seed](std::uint32_t bound) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % bound;
  };
  for (int i = 0; i < 300; ++i) {
    ProductRow row;
    row.id = "prod_" + std::to_string(1000 + i);
    row.name = std::string(kWords[next(24)]) + " " + std::string(kWords[next(24)]);
    for (int w = 0; w < 6; ++w) row.description += std::string(kWords[next(24)]) + " ";
    row.category = next(6) == 0 ? "" : std::string(kCategories[next(5)]);
    row.vendor = "usr_v" + std::to_string(1 + next(3));
    row.status = next(8) == 0 ? std::string(kStatuses[1 + next(2)]) : "active";
    row.price = 500 * static_cast<std::int64_t>(1 + next(20));
    row.in_stock = next(4) != 0;
    row.rating = 50 * static_cast<std::int64_t>(next(11));
    row.created_at = 1000 * static_cast<std::int64_t>(next(100));
    row.attributes = {{"color", std::string(kColors[next(4)])}, {"size", std::to_string(next(5))}};
    if (next(3) == 0) row.attributes.emplace_back("material", next(2) == 0 ? "steel" : "wood");
    row.sort_name = to_lower_ascii(row.name);
    catalog.product(std::move(row));
  }
}

std::vector<ProductQuery> query_matrix() {
  std::vector<ProductQuery> queries(20);
  queries[1].sort = {SortField::Price, false};
  queries[2].sort = {SortField::Price, true};
  queries[2].limit = 50;
  queries[2].page = 2;
  queries[3].sort = {SortField::Name, false};
  queries[4].sort = {SortField::Rating, true};
  queries[4].in_stock_only = true;
  queries[5].category_path = "/cat_r1/";
  queries[5].sort = {SortField::CreatedAt, false};
  queries[6].min_price = 2000;
  queries[6].max_price = 6000;
  queries[6].sort = {SortField::Name, true};
  queries[7].attributes = {{"color", "red"}};
  queries[8].attributes = {{"color", "blue"}, {"size", "3"}};
  queries[8].limit = 100;
  queries[9] = search("headphones");
  queries[10] = search("wireless speaker");
  queries[11] = search("head");
  queries[12] = search("ceramc mgu");
  queries[13] = search("garden");
  queries[13].category_path = "/cat_r2/";
  queries[13].sort = {SortField::Price, false};
  queries[14] = search("cafe");
  queries[14].facets = true;
  queries[15].facets = true;
  queries[15].min_rating_x100 = 200;
  queries[15].attributes = {{"material", "steel"}};
  queries[16].visibility = {
      .statuses = {ProductStatus::Active, ProductStatus::Draft}, .all_owners = false, .owner_id = "usr_v2"};
  queries[17].visibility = {.statuses = {ProductStatus::Active, ProductStatus::Draft, ProductStatus::Archived},
                            .all_owners = true,
                            .owner_id = {}};
  queries[17].sort = {SortField::Rating, false};
  queries[18].vendor_id = "usr_v3";
  queries[18].min_rating_x100 = 300;
  queries[19] = search("premium leather");
  queries[19].facets = true;
  queries[19].in_stock_only = true;
  return queries;
}

// Everything a page says, as text, so that a difference shows where it is.
std::string describe(const ProductPage& page) {
  std::string text = "total " + std::to_string(page.total) + " next " + page.next_cursor.value_or("-") + " ids";
  for (const auto& id : page.ids) text += " " + id;
  if (!page.facets) return text;
  text += "\ncategories";
  for (const auto& category : page.facets->categories)
    text += " " + category.id + "/" + category.slug + "/" + category.name + "=" + std::to_string(category.count);
  text += "\nprice " + std::to_string(page.facets->price_min.value_or(-1)) + ".." +
          std::to_string(page.facets->price_max.value_or(-1));
  for (const auto& [name, values] : page.facets->attributes) {
    text += "\n" + name + ":";
    for (const auto& value : values) text += " " + value.value + "=" + std::to_string(value.count);
  }
  return text;
}

TEST(ProductSearchBackends, AnswerTheQueryMatrixIdentically) {
  storage::TestDatabase sqlite(Backend::Sqlite);
  storage::TestDatabase postgres(Backend::Postgres);
  TestCatalog on_sqlite(sqlite.database());
  TestCatalog on_postgres(postgres.database());
  add_generated_catalog(on_sqlite);
  add_generated_catalog(on_postgres);
  int non_empty = 0;
  const auto queries = query_matrix();
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const auto answer = describe(on_sqlite.run(queries[i]));
    EXPECT_EQ(answer, describe(on_postgres.run(queries[i]))) << "query " << i;
    if (on_sqlite.run(queries[i]).total > 1) ++non_empty;
  }
  EXPECT_GE(non_empty, 18);  // the matrix compares real answers, not empty ones
  auto walk = search("wireless");
  walk.limit = 7;
  EXPECT_EQ(on_sqlite.walk(walk, true), on_postgres.walk(walk, true));
  walk.sort = {SortField::Name, true};
  EXPECT_EQ(on_sqlite.walk(walk, true), on_postgres.walk(walk, true));
}

}  // namespace emporium::catalog::search_testing
