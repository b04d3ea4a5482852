// Product lists and search against real databases: every TEST_P runs on SQLite and on PostgreSQL (from
// EMPORIUM_TEST_POSTGRES_URL; run under scripts/with-services), and one test runs a query matrix on both and
// compares the answers.
#include "catalog/product_search.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "catalog/search_index.hpp"
#include "storage/testing/test_database.hpp"
#include "support/strings.hpp"

namespace emporium::catalog {
namespace {
using storage::Backend;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct ProductRow {
  std::string id{};
  std::string name{};
  std::string description{};
  std::string category{};  // id, or empty for none
  std::string vendor = "usr_v1";
  std::string status = "active";
  std::int64_t price = 1000;
  bool in_stock = true;
  std::int64_t rating = 0;
  std::int64_t created_at = 0;
  std::vector<std::pair<std::string, std::string>> attributes{};
  std::string sort_name{};  // default: the name in lower-case ASCII
};

// Writes catalog rows with plain SQL and indexes them, as the product service will.
class TestCatalog {
 public:
  explicit TestCatalog(storage::Database& database) : database_(database) {}

  void user(std::string_view id, std::string_view role) {
    execute(
        "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
        "VALUES ($1, $2, 'Test', $3, 'unused', 0, 0)",
        {id, std::string_view(std::string(id) + "@example.com"), role});
  }

  // A category under `parent` (empty: a root); its path is the parent's path and its own id.
  void category(std::string_view id, std::string_view parent, std::string_view slug, std::string_view name) {
    const auto path = (parent.empty() ? std::string("/") : paths_.at(std::string(parent))) + std::string(id) + "/";
    execute(
        "INSERT INTO categories (id, parent_id, slug, name, path, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, 0, 0)",
        {id, parent.empty() ? storage::Param(nullptr) : storage::Param(parent), slug, name, std::string_view(path)});
    paths_[std::string(id)] = path;
    names_[std::string(id)] = std::string(name);
  }

  void product(ProductRow row) {
    if (row.sort_name.empty()) row.sort_name = to_lower_ascii(row.name);
    const auto slug = row.id + "-slug";
    database_.transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
      connection.execute(
          "INSERT INTO products (id, vendor_id, category_id, slug, name, sort_name, description, status, currency, "
          "price, in_stock, rating_average_x100, created_at, updated_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'USD', $9, $10, $11, $12, $12)",
          {std::string_view(row.id), std::string_view(row.vendor),
           row.category.empty() ? storage::Param(nullptr) : storage::Param(std::string_view(row.category)),
           std::string_view(slug), std::string_view(row.name), std::string_view(row.sort_name),
           std::string_view(row.description), std::string_view(row.status), row.price, row.in_stock, row.rating,
           row.created_at});
      SearchDocument document{.product_id = row.id, .name = row.name, .keywords = {}, .description = row.description};
      for (const auto& [name, value] : row.attributes) {
        connection.execute("INSERT INTO product_attributes (product_id, name, value) VALUES ($1, $2, $3)",
                           {std::string_view(row.id), std::string_view(name), std::string_view(value)});
        document.keywords.push_back(value);
      }
      if (!row.category.empty()) document.keywords.push_back(names_[row.category]);
      SearchIndex::index(connection, document);
      return true;
    });
    rows_.push_back(std::move(row));
  }

  Result<ProductPage> try_run(const ProductQuery& query) {
    return storage::with_connection(
        database_, [&](storage::Connection& connection) { return ProductSearch::run(connection, query); });
  }

  ProductPage run(const ProductQuery& query) {
    auto page = try_run(query);
    if (!page) throw std::runtime_error("search failed: " + page.error().code + " " + page.error().detail);
    return std::move(*page);
  }

  std::vector<std::string> ids(const ProductQuery& query) { return run(query).ids; }

  // Every page of a query, walked by offset (cursor = false) or by cursor.
  std::vector<std::string> walk(ProductQuery query, bool by_cursor) {
    std::vector<std::string> all;
    for (int pages = 0; pages < 100; ++pages) {
      const auto page = run(query);
      all.insert(all.end(), page.ids.begin(), page.ids.end());
      if (!page.next_cursor) return all;
      if (by_cursor) {
        query.cursor = page.next_cursor;
      } else {
        ++query.page;
      }
    }
    throw std::runtime_error("the walk does not end");
  }

  // What a correct search answers without q: the active rows that `keep` accepts, in the sort's order.
  std::vector<std::string> expected(const std::function<bool(const ProductRow&)>& keep, ProductSort sort) const {
    std::vector<const ProductRow*> selected;
    for (const auto& row : rows_) {
      if (row.status == "active" && keep(row)) selected.push_back(&row);
    }
    const auto before = [&](const ProductRow* a, const ProductRow* b) {
      const auto compare = [&](const auto& x, const auto& y) {
        if (x != y) return sort.descending ? x > y : x < y;
        return a->id < b->id;
      };
      switch (sort.field) {
        case SortField::Price:
          return compare(a->price, b->price);
        case SortField::Name:
          return compare(a->sort_name, b->sort_name);
        case SortField::Rating:
          return compare(a->rating, b->rating);
        default:
          return compare(a->created_at, b->created_at);
      }
    };
    std::sort(selected.begin(), selected.end(), before);
    std::vector<std::string> ids;
    for (const auto* row : selected) ids.push_back(row->id);
    return ids;
  }

 private:
  void execute(std::string_view sql, std::initializer_list<storage::Param> params) {
    database_.with_connection([&](storage::Connection& connection) { connection.execute(sql, params); });
  }

  storage::Database& database_;
  std::map<std::string, std::string> paths_;
  std::map<std::string, std::string> names_;
  std::vector<ProductRow> rows_;
};

// Twelve products in a small tree: Electronics > Audio > Headphones, and Clothing.
void add_sample_catalog(TestCatalog& catalog) {
  catalog.user("usr_v1", "vendor");
  catalog.user("usr_v2", "vendor");
  catalog.category("cat_a", "", "electronics", "Electronics");
  catalog.category("cat_b", "cat_a", "audio", "Audio");
  catalog.category("cat_c", "cat_b", "headphones", "Headphones");
  catalog.category("cat_d", "", "clothing", "Clothing");
  catalog.product({.id = "p01",
                   .name = "Wireless Headphones",
                   .description = "Noise cancelling, over-ear",
                   .category = "cat_c",
                   .price = 19999,
                   .rating = 450,
                   .created_at = 1000,
                   .attributes = {{"color", "black"}, {"connectivity", "bluetooth"}}});
  catalog.product({.id = "p02",
                   .name = "Wired Earbuds",
                   .description = "Compact, lighter than headphones",
                   .category = "cat_b",
                   .price = 2999,
                   .rating = 380,
                   .created_at = 2000,
                   .attributes = {{"color", "white"}}});
  catalog.product({.id = "p03",
                   .name = "Bluetooth Speaker",
                   .description = "Portable speaker",
                   .category = "cat_b",
                   .vendor = "usr_v2",
                   .price = 4999,
                   .in_stock = false,
                   .rating = 420,
                   .created_at = 3000,
                   .attributes = {{"color", "black"}, {"connectivity", "bluetooth"}}});
  catalog.product({.id = "p04",
                   .name = "Laptop Stand",
                   .description = "Aluminium stand",
                   .category = "cat_a",
                   .vendor = "usr_v2",
                   .price = 2999,
                   .created_at = 4000,
                   .attributes = {{"color", "silver"}}});
  catalog.product({.id = "p05",
                   .name = "Running Shoes",
                   .description = "Lightweight trainers",
                   .category = "cat_d",
                   .price = 8999,
                   .rating = 470,
                   .created_at = 5000,
                   .attributes = {{"color", "red"}, {"size", "42"}}});
  catalog.product({.id = "p06",
                   .name = "Café Crème T-Shirt",
                   .description = "Organic cotton",
                   .category = "cat_d",
                   .vendor = "usr_v2",
                   .price = 1999,
                   .rating = 450,
                   .created_at = 5000,
                   .attributes = {{"color", "white"}, {"size", "M"}},
                   .sort_name = "cafe creme t-shirt"});
  catalog.product({.id = "p07",
                   .name = "Studio Headphones",
                   .description = "Closed-back monitoring headphones",
                   .category = "cat_c",
                   .vendor = "usr_v2",
                   .price = 14999,
                   .rating = 450,
                   .created_at = 7000,
                   .attributes = {{"color", "black"}}});
  catalog.product({.id = "p08",
                   .name = "Draft Headphones",
                   .category = "cat_c",
                   .status = "draft",
                   .price = 9999,
                   .created_at = 8000});
  catalog.product({.id = "p09",
                   .name = "Archived Speaker",
                   .category = "cat_b",
                   .status = "archived",
                   .price = 999,
                   .created_at = 9000});
  catalog.product({.id = "p10",
                   .name = "Wireless Mouse",
                   .description = "Ergonomic",
                   .category = "cat_a",
                   .price = 2999,
                   .rating = 380,
                   .created_at = 10000,
                   .attributes = {{"color", "black"}, {"connectivity", "bluetooth"}}});
  catalog.product({.id = "p11",
                   .name = "Red Socks",
                   .category = "cat_d",
                   .vendor = "usr_v2",
                   .price = 999,
                   .created_at = 11000,
                   .attributes = {{"color", "red"}, {"size", "M"}}});
  catalog.product({.id = "p12", .name = "Uncategorised gadget", .vendor = "usr_v2", .price = 500, .created_at = 12000});
}

class ProductSearchTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { add_sample_catalog(catalog_); }

  storage::TestDatabase test_db_{GetParam()};
  TestCatalog catalog_{test_db_.database()};
};

ProductQuery search(std::string text) {
  ProductQuery query;
  query.text = std::move(text);
  query.sort = {SortField::Relevance, true};
  return query;
}

const auto kAll = [](const ProductRow&) { return true; };
constexpr ProductSort kNewest{SortField::CreatedAt, true};

TEST_P(ProductSearchTest, ListsActiveProductsNewestFirstWithTiesById) {
  const auto page = catalog_.run({});
  EXPECT_THAT(page.ids, ElementsAre("p12", "p11", "p10", "p07", "p05", "p06", "p04", "p03", "p02", "p01"));
  EXPECT_EQ(page.total, 10);
  EXPECT_FALSE(page.next_cursor);
  EXPECT_FALSE(page.facets);
}

TEST_P(ProductSearchTest, ShowsDraftsOnlyToTheirOwnerAndAdmins) {
  ProductQuery query;
  query.visibility = {
      .statuses = {ProductStatus::Active, ProductStatus::Draft}, .all_owners = false, .owner_id = "usr_v1"};
  EXPECT_EQ(catalog_.run(query).total, 11);
  EXPECT_EQ(catalog_.ids(query).front(), "p12");
  EXPECT_THAT(catalog_.ids(query), ::testing::Contains("p08"));
  query.visibility.owner_id = "usr_v2";
  EXPECT_EQ(catalog_.run(query).total, 10);
  query.visibility = {.statuses = {ProductStatus::Draft}, .all_owners = false, .owner_id = "usr_v1"};
  EXPECT_THAT(catalog_.ids(query), ElementsAre("p08"));
  query.visibility = {.statuses = {ProductStatus::Active, ProductStatus::Draft}, .all_owners = true, .owner_id = {}};
  EXPECT_EQ(catalog_.run(query).total, 11);
  query.visibility = {.statuses = {ProductStatus::Draft}, .all_owners = false, .owner_id = {}};
  EXPECT_THAT(catalog_.ids(query), IsEmpty());  // no owner, so active products only — and those are not asked for
}

TEST_P(ProductSearchTest, HidesArchivedProductsUnlessAsked) {
  ProductQuery query;
  query.visibility = {.statuses = {ProductStatus::Active, ProductStatus::Draft}, .all_owners = true, .owner_id = {}};
  EXPECT_THAT(catalog_.ids(query), ::testing::Not(::testing::Contains("p09")));
  query.visibility.statuses = {ProductStatus::Archived};
  EXPECT_THAT(catalog_.ids(query), ElementsAre("p09"));
  query.visibility = {
      .statuses = {ProductStatus::Active, ProductStatus::Archived}, .all_owners = false, .owner_id = "usr_v1"};
  EXPECT_EQ(catalog_.run(query).total, 11);
  query.visibility.owner_id = "usr_v2";
  EXPECT_EQ(catalog_.run(query).total, 10);
  query.visibility = {
      .statuses = {ProductStatus::Active, ProductStatus::Archived}, .all_owners = false, .owner_id = {}};
  EXPECT_EQ(catalog_.run(query).total, 10);
}

TEST_P(ProductSearchTest, FiltersByCategoryWithDescendants) {
  ProductQuery query;
  query.category_path = "/cat_a/";
  EXPECT_THAT(catalog_.ids(query), ElementsAre("p10", "p07", "p04", "p03", "p02", "p01"));
  query.category_path = "/cat_a/cat_b/";
  EXPECT_THAT(catalog_.ids(query), ElementsAre("p07", "p03", "p02", "p01"));
  query.category_path = "/cat_a/cat_b/cat_c/";
  EXPECT_THAT(catalog_.ids(query), ElementsAre("p07", "p01"));
  query.category_path = "/cat_x/";
  EXPECT_THAT(catalog_.ids(query), IsEmpty());
}

TEST_P(ProductSearchTest, FiltersByEachFilterAlone) {
  ProductQuery query;
  query.min_price = 2999;
  query.max_price = 8999;
  EXPECT_EQ(catalog_.ids(query),
            catalog_.expected([](auto& r) { return r.price >= 2999 && r.price <= 8999; }, kNewest));
  query = {};
  query.vendor_id = "usr_v2";
  EXPECT_EQ(catalog_.ids(query), catalog_.expected([](auto& r) { return r.vendor == "usr_v2"; }, kNewest));
  query = {};
  query.in_stock_only = true;
  EXPECT_EQ(catalog_.ids(query), catalog_.expected([](auto& r) { return r.in_stock; }, kNewest));
  query = {};
  query.min_rating_x100 = 450;
  EXPECT_THAT(catalog_.ids(query), ElementsAre("p07", "p05", "p06", "p01"));
  query = {};
  query.attributes = {{"color", "black"}};
  EXPECT_THAT(catalog_.ids(query), ElementsAre("p10", "p07", "p03", "p01"));
  query.attributes.emplace_back("connectivity", "bluetooth");
  EXPECT_THAT(catalog_.ids(query), ElementsAre("p10", "p03", "p01"));
  query.attributes = {{"color", "Black"}};  // values compare exactly
  EXPECT_THAT(catalog_.ids(query), IsEmpty());
}

TEST_P(ProductSearchTest, CombinesFilters) {
  ProductQuery query;
  query.category_path = "/cat_a/";
  query.max_price = 15000;
  query.in_stock_only = true;
  query.attributes = {{"color", "black"}};
  EXPECT_THAT(catalog_.ids(query), ElementsAre("p10", "p07"));
  query.vendor_id = "usr_v2";
  query.min_rating_x100 = 400;
  EXPECT_THAT(catalog_.ids(query), ElementsAre("p07"));
  query.min_price = 15000;
  EXPECT_THAT(catalog_.ids(query), IsEmpty());
}

TEST_P(ProductSearchTest, SortsEveryWayWithTiesBrokenById) {
  for (const auto field : {SortField::CreatedAt, SortField::Price, SortField::Name, SortField::Rating}) {
    for (const bool descending : {false, true}) {
      ProductQuery query;
      query.sort = {field, descending};
      EXPECT_EQ(catalog_.ids(query), catalog_.expected(kAll, query.sort)) << static_cast<int>(field) << descending;
    }
  }
  ProductQuery query;
  query.sort = {SortField::Price, true};
  EXPECT_THAT(catalog_.ids(query), ElementsAre("p01", "p07", "p05", "p03", "p02", "p04", "p10", "p06", "p11", "p12"));
}

TEST_P(ProductSearchTest, PagesWithTotals) {
  ProductQuery query;
  query.sort = {SortField::Price, false};
  query.limit = 4;
  query.page = 2;
  const auto page = catalog_.run(query);
  EXPECT_THAT(page.ids, ElementsAre("p04", "p10", "p03", "p05"));
  EXPECT_EQ(page.total, 10);
  EXPECT_TRUE(page.next_cursor);
  query.page = 3;
  const auto last = catalog_.run(query);
  EXPECT_THAT(last.ids, ElementsAre("p07", "p01"));
  EXPECT_EQ(last.total, 10);
  EXPECT_FALSE(last.next_cursor);
  query.page = 9;
  const auto beyond = catalog_.run(query);
  EXPECT_THAT(beyond.ids, IsEmpty());
  EXPECT_EQ(beyond.total, 10);
}

TEST_P(ProductSearchTest, WalksTheSameRowsByCursorAsByOffset) {
  for (const auto field : {SortField::CreatedAt, SortField::Price, SortField::Name, SortField::Rating}) {
    for (const bool descending : {false, true}) {
      ProductQuery query;
      query.sort = {field, descending};
      query.limit = 3;
      const auto by_offset = catalog_.walk(query, false);
      EXPECT_EQ(by_offset, catalog_.expected(kAll, query.sort));
      EXPECT_EQ(catalog_.walk(query, true), by_offset) << static_cast<int>(field) << descending;
    }
  }
  auto query = search("headphones");
  query.limit = 1;
  EXPECT_EQ(catalog_.walk(query, true), catalog_.walk(query, false));
  query.sort = {SortField::Name, false};
  EXPECT_EQ(catalog_.walk(query, true), catalog_.walk(query, false));
}

TEST_P(ProductSearchTest, RefusesACursorOfAnotherSortOrFilter) {
  ProductQuery query;
  query.sort = {SortField::Price, false};
  query.limit = 3;
  const auto cursor = catalog_.run(query).next_cursor;
  ASSERT_TRUE(cursor);
  query.cursor = cursor;
  const auto next = catalog_.run(query);
  EXPECT_EQ(next.total, 10);
  EXPECT_THAT(next.ids, ElementsAre("p02", "p04", "p10"));
  query.sort = {SortField::Price, true};
  auto refused = catalog_.try_run(query);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 400);
  EXPECT_EQ(refused.error().code, "invalid_cursor");
  query.sort = {SortField::Price, false};
  query.in_stock_only = true;
  EXPECT_EQ(catalog_.try_run(query).error().code, "invalid_cursor");
  query.in_stock_only = false;
  query.cursor = "not-a-cursor";
  EXPECT_EQ(catalog_.try_run(query).error().code, "invalid_cursor");
}

TEST_P(ProductSearchTest, RanksNameMatchesAboveDescriptionMatches) {
  const auto page = catalog_.run(search("headphones"));
  EXPECT_THAT(page.ids, ElementsAre("p01", "p07", "p02"));  // p01 and p07 tie on the name: by id
  EXPECT_EQ(page.total, 3);
  EXPECT_THAT(catalog_.ids(search("HEADPHONES!")), ElementsAre("p01", "p07", "p02"));
}

TEST_P(ProductSearchTest, RequiresEveryWord) {
  EXPECT_THAT(catalog_.ids(search("wireless headphones")), ElementsAre("p01"));
  EXPECT_THAT(catalog_.ids(search("wireless")), ElementsAre("p01", "p10"));
  EXPECT_THAT(catalog_.ids(search("wireless speaker")), IsEmpty());
}

TEST_P(ProductSearchTest, MatchesPrefixes) {
  EXPECT_THAT(catalog_.ids(search("headph")), ElementsAre("p01", "p07", "p02"));
  EXPECT_THAT(catalog_.ids(search("blue")), ElementsAre("p03", "p01", "p10"));  // name beats keyword
}

TEST_P(ProductSearchTest, ForgivesTypos) {
  EXPECT_THAT(catalog_.ids(search("hedphones")), ElementsAre("p01", "p07", "p02"));
  EXPECT_THAT(catalog_.ids(search("wirelss")), ElementsAre("p01", "p10"));
  EXPECT_THAT(catalog_.ids(search("wireles")), ElementsAre("p01", "p10"));
  EXPECT_THAT(catalog_.ids(search("wirless mosue")), ElementsAre("p10"));
  EXPECT_THAT(catalog_.ids(search("sok")), IsEmpty());  // too short to correct
}

TEST_P(ProductSearchTest, CorrectsOnlyWordsThatAreNotIndexed) {
  catalog_.product({.id = "p13", .name = "Sock Drawer", .created_at = 13000});
  catalog_.product({.id = "p14", .name = "Sack Truck", .created_at = 14000});
  // "sock" is indexed: it matches exactly (p13) and as a prefix of "socks" (p11), and "sack" is not tried.
  EXPECT_THAT(catalog_.ids(search("sock")), ElementsAre("p13", "p11"));
  // "sacks" is not: "socks" and "sack" are one edit away, and score alike.
  EXPECT_THAT(catalog_.ids(search("sacks")), ElementsAre("p11", "p14"));
}

TEST_P(ProductSearchTest, FoldsAccentsInQueriesAndProducts) {
  EXPECT_THAT(catalog_.ids(search("cafe creme")), ElementsAre("p06"));
  EXPECT_THAT(catalog_.ids(search("CAFÉ")), ElementsAre("p06"));
}

TEST_P(ProductSearchTest, FindsNothingForNonsense) {
  const auto page = catalog_.run(search("xyzzyqqq"));
  EXPECT_THAT(page.ids, IsEmpty());
  EXPECT_EQ(page.total, 0);
  EXPECT_FALSE(page.next_cursor);
  auto with_facets = search("the !!");  // no searchable word at all
  with_facets.facets = true;
  const auto empty = catalog_.run(with_facets);
  EXPECT_THAT(empty.ids, IsEmpty());
  ASSERT_TRUE(empty.facets);
  EXPECT_THAT(empty.facets->categories, IsEmpty());
  EXPECT_FALSE(empty.facets->price_min);
}

TEST_P(ProductSearchTest, SearchesWithinFiltersAndOtherSorts) {
  auto query = search("headphones");
  query.max_price = 15000;
  EXPECT_THAT(catalog_.ids(query), ElementsAre("p07", "p02"));
  query = search("headphones");
  query.sort = {SortField::Price, false};
  EXPECT_THAT(catalog_.ids(query), ElementsAre("p02", "p07", "p01"));
}

TEST_P(ProductSearchTest, RefusesRelevanceWithoutText) {
  ProductQuery query;
  query.sort = {SortField::Relevance, true};
  const auto refused = catalog_.try_run(query);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 400);
}

TEST_P(ProductSearchTest, CountsFacetsOverTheFilteredSet) {
  ProductQuery query;
  query.category_path = "/cat_a/";
  query.facets = true;
  query.limit = 1;
  const auto page = catalog_.run(query);
  EXPECT_EQ(page.total, 6);
  ASSERT_TRUE(page.facets);
  const auto& facets = *page.facets;
  std::vector<std::pair<std::string, std::int64_t>> categories;
  for (const auto& category : facets.categories) categories.emplace_back(category.slug, category.count);
  EXPECT_THAT(categories, ElementsAre(std::pair<std::string, std::int64_t>{"audio", 2},
                                      std::pair<std::string, std::int64_t>{"electronics", 2},
                                      std::pair<std::string, std::int64_t>{"headphones", 2}));
  EXPECT_EQ(facets.categories[0].name, "Audio");
  EXPECT_EQ(facets.categories[0].id, "cat_b");
  EXPECT_EQ(facets.price_min, 2999);
  EXPECT_EQ(facets.price_max, 19999);
  ASSERT_EQ(facets.attributes.size(), 2u);
  const auto& colors = facets.attributes.at("color");
  ASSERT_EQ(colors.size(), 3u);
  EXPECT_EQ(colors[0].value, "black");
  EXPECT_EQ(colors[0].count, 4);
  EXPECT_EQ(colors[1].value, "silver");
  EXPECT_EQ(colors[2].value, "white");
  EXPECT_EQ(facets.attributes.at("connectivity").at(0).count, 3);
}

TEST_P(ProductSearchTest, CountsFacetsOfASearch) {
  auto query = search("headphones");
  query.facets = true;
  const auto facets = catalog_.run(query).facets.value();
  ASSERT_EQ(facets.categories.size(), 2u);
  EXPECT_EQ(facets.categories[0].slug, "headphones");
  EXPECT_EQ(facets.categories[0].count, 2);
  EXPECT_EQ(facets.categories[1].slug, "audio");
  EXPECT_EQ(facets.price_min, 2999);
  EXPECT_EQ(facets.price_max, 19999);
  EXPECT_EQ(facets.attributes.at("color").at(0).value, "black");
  EXPECT_EQ(facets.attributes.at("color").at(0).count, 2);
}

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

INSTANTIATE_TEST_SUITE_P(Backends, ProductSearchTest, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::catalog
