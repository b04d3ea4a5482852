// Full-text search and facets, on SQLite and on PostgreSQL.
#include "catalog/product_search_fixture.hpp"

namespace emporium::catalog::search_testing {

class ProductTextSearchTest : public ProductSearchTest {};

TEST_P(ProductTextSearchTest, RanksNameMatchesAboveDescriptionMatches) {
  const auto page = catalog_.run(search("headphones"));
  EXPECT_THAT(page.ids, ElementsAre("p01", "p07", "p02"));  // p01 and p07 tie on the name: by id
  EXPECT_EQ(page.total, 3);
  EXPECT_THAT(catalog_.ids(search("HEADPHONES!")), ElementsAre("p01", "p07", "p02"));
}

TEST_P(ProductTextSearchTest, RequiresEveryWord) {
  EXPECT_THAT(catalog_.ids(search("wireless headphones")), ElementsAre("p01"));
  EXPECT_THAT(catalog_.ids(search("wireless")), ElementsAre("p01", "p10"));
  EXPECT_THAT(catalog_.ids(search("wireless speaker")), IsEmpty());
}

TEST_P(ProductTextSearchTest, MatchesPrefixes) {
  EXPECT_THAT(catalog_.ids(search("headph")), ElementsAre("p01", "p07", "p02"));
  EXPECT_THAT(catalog_.ids(search("blue")), ElementsAre("p03", "p01", "p10"));  // name beats keyword
}

TEST_P(ProductTextSearchTest, ForgivesTypos) {
  EXPECT_THAT(catalog_.ids(search("hedphones")), ElementsAre("p01", "p07", "p02"));
  EXPECT_THAT(catalog_.ids(search("wirelss")), ElementsAre("p01", "p10"));
  EXPECT_THAT(catalog_.ids(search("wireles")), ElementsAre("p01", "p10"));
  EXPECT_THAT(catalog_.ids(search("wirless mosue")), ElementsAre("p10"));
  EXPECT_THAT(catalog_.ids(search("sok")), IsEmpty());  // too short to correct
}

TEST_P(ProductTextSearchTest, CorrectsOnlyWordsThatAreNotIndexed) {
  catalog_.product({.id = "p13", .name = "Sock Drawer", .created_at = 13000});
  catalog_.product({.id = "p14", .name = "Sack Truck", .created_at = 14000});
  // "sock" is indexed: it matches exactly (p13) and as a prefix of "socks" (p11), and "sack" is not tried.
  EXPECT_THAT(catalog_.ids(search("sock")), ElementsAre("p13", "p11"));
  // "sacks" is not: "socks" and "sack" are one edit away, and score alike.
  EXPECT_THAT(catalog_.ids(search("sacks")), ElementsAre("p11", "p14"));
}

TEST_P(ProductTextSearchTest, FoldsAccentsInQueriesAndProducts) {
  EXPECT_THAT(catalog_.ids(search("cafe creme")), ElementsAre("p06"));
  EXPECT_THAT(catalog_.ids(search("CAFÉ")), ElementsAre("p06"));
}

TEST_P(ProductTextSearchTest, FindsNothingForNonsense) {
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

TEST_P(ProductTextSearchTest, SearchesWithinFiltersAndOtherSorts) {
  auto query = search("headphones");
  query.max_price = 15000;
  EXPECT_THAT(catalog_.ids(query), ElementsAre("p07", "p02"));
  query = search("headphones");
  query.sort = {SortField::Price, false};
  EXPECT_THAT(catalog_.ids(query), ElementsAre("p02", "p07", "p01"));
}

TEST_P(ProductTextSearchTest, RefusesRelevanceWithoutText) {
  ProductQuery query;
  query.sort = {SortField::Relevance, true};
  const auto refused = catalog_.try_run(query);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 400);
}

TEST_P(ProductTextSearchTest, CountsFacetsOverTheFilteredSet) {
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

TEST_P(ProductTextSearchTest, CountsFacetsOfASearch) {
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

INSTANTIATE_TEST_SUITE_P(Backends, ProductTextSearchTest, storage::all_backends(), storage::backend_name);

}  // namespace emporium::catalog::search_testing
