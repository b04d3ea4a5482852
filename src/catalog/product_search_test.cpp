// Product lists and search against real databases: every TEST_P runs on SQLite and on PostgreSQL (from
// EMPORIUM_TEST_POSTGRES_URL; run under scripts/with-services), and one test runs a query matrix on both and
// compares the answers.
#include "catalog/product_search_fixture.hpp"

namespace emporium::catalog::search_testing {
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

INSTANTIATE_TEST_SUITE_P(Backends, ProductSearchTest, storage::all_backends(), storage::backend_name);

}  // namespace emporium::catalog::search_testing
