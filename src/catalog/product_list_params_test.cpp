#include "catalog/product_list_params.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace emporium::catalog {
namespace {
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAreArray;

Result<ProductListParams> read(std::string_view raw_query) {
  http::Request request;
  request.raw_query = raw_query;
  return read_product_list_params(request);
}

std::vector<std::string> bad_fields(std::string_view raw_query) {
  const auto params = read(raw_query);
  if (params) return {};
  EXPECT_EQ(params.error().status, 400);
  EXPECT_EQ(params.error().code, "invalid_query");
  std::vector<std::string> fields;
  for (const auto& error : params.error().errors) fields.push_back(error.field);
  return fields;
}

TEST(ProductListParams, DefaultsToTheNewestActiveProducts) {
  const auto params = read("");
  ASSERT_TRUE(params);
  const auto& query = params->query;
  EXPECT_EQ(query.sort.field, SortField::CreatedAt);
  EXPECT_TRUE(query.sort.descending);
  EXPECT_EQ(query.page, 1);
  EXPECT_EQ(query.limit, 20);
  EXPECT_FALSE(query.cursor);
  EXPECT_FALSE(query.text);
  EXPECT_FALSE(query.facets);
  EXPECT_FALSE(query.in_stock_only);
  EXPECT_THAT(query.visibility.statuses, ElementsAre(ProductStatus::Active));
  EXPECT_FALSE(params->category_ref);
  EXPECT_FALSE(params->status_filter);
}

TEST(ProductListParams, ReadsEveryFilter) {
  const auto params = read(
      "category=shoes&minPrice=1000&maxPrice=5000&q=red+sneakers&vendor=usr_1&inStock=true&minRating=4.5"
      "&attr.color=red&attr.size=42&sort=price:asc&page=2&limit=50&facets=true&status=draft");
  ASSERT_TRUE(params) << params.error().detail;
  const auto& query = params->query;
  EXPECT_EQ(params->category_ref, "shoes");
  EXPECT_EQ(params->status_filter, "draft");
  EXPECT_EQ(query.min_price, 1000);
  EXPECT_EQ(query.max_price, 5000);
  EXPECT_EQ(query.text, "red sneakers");
  EXPECT_EQ(query.vendor_id, "usr_1");
  EXPECT_TRUE(query.in_stock_only);
  EXPECT_EQ(query.min_rating_x100, 450);
  EXPECT_THAT(query.attributes, ElementsAre(Pair("color", "red"), Pair("size", "42")));
  EXPECT_EQ(query.sort.field, SortField::Price);
  EXPECT_FALSE(query.sort.descending);
  EXPECT_EQ(query.page, 2);
  EXPECT_EQ(query.limit, 50);
  EXPECT_TRUE(query.facets);
}

TEST(ProductListParams, SortsByRelevanceWhenSearching) {
  const auto params = read("q=headphones");
  ASSERT_TRUE(params);
  EXPECT_EQ(params->query.sort.field, SortField::Relevance);
  const auto explicit_sort = read("q=headphones&sort=relevance");
  ASSERT_TRUE(explicit_sort);
  EXPECT_EQ(explicit_sort->query.sort.field, SortField::Relevance);
  const auto by_name = read("q=headphones&sort=name:desc");
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->query.sort.field, SortField::Name);
  EXPECT_TRUE(by_name->query.sort.descending);
}

TEST(ProductListParams, ReadsEverySort) {
  for (const std::string field : {"createdAt", "price", "name", "rating"}) {
    for (const std::string direction : {"asc", "desc"}) {
      const auto params = read("sort=" + field + ":" + direction);
      ASSERT_TRUE(params) << field << direction;
      EXPECT_EQ(params->query.sort.descending, direction == "desc");
    }
  }
}

TEST(ProductListParams, TreatsABlankSearchAsAbsent) {
  const auto params = read("q=+++");
  ASSERT_TRUE(params);
  EXPECT_FALSE(params->query.text);
  EXPECT_EQ(params->query.sort.field, SortField::CreatedAt);
}

TEST(ProductListParams, ReadsRatings) {
  const std::vector<std::pair<std::string, std::int64_t>> cases = {
      {"0", 0}, {"4", 400}, {"4.5", 450}, {"4.55", 455}, {"3.05", 305}, {"5", 500}, {"5.00", 500}};
  for (const auto& [text, expected] : cases) {
    const auto params = read("minRating=" + text);
    ASSERT_TRUE(params) << text;
    EXPECT_EQ(params->query.min_rating_x100, expected) << text;
  }
  for (const std::string junk : {"5.01", "6", "-1", "4.", ".5", "4.555", "4,5", "abc", "1e0", "04", ""}) {
    EXPECT_THAT(bad_fields("minRating=" + junk), ElementsAre("minRating")) << junk;
  }
}

TEST(ProductListParams, ReportsEveryBadParameterAtOnce) {
  const auto fields =
      bad_fields("minPrice=-1&maxPrice=abc&inStock=yes&sort=cheap&limit=0&facets=1&status=deleted&colour=red&vendor=");
  EXPECT_THAT(fields, UnorderedElementsAreArray({"minPrice", "maxPrice", "inStock", "sort", "limit", "facets", "status",
                                                 "colour", "vendor"}));
}

TEST(ProductListParams, RefusesAnInvertedPriceRange) {
  EXPECT_THAT(bad_fields("minPrice=500&maxPrice=100"), ElementsAre("minPrice"));
  EXPECT_TRUE(read("minPrice=100&maxPrice=100"));
  EXPECT_THAT(bad_fields("maxPrice=1000000000001"), ElementsAre("maxPrice"));
}

TEST(ProductListParams, RefusesRelevanceWithoutSearch) {
  EXPECT_THAT(bad_fields("sort=relevance"), ElementsAre("sort"));
  EXPECT_THAT(bad_fields("sort=price"), ElementsAre("sort"));
  EXPECT_THAT(bad_fields("sort=price:up"), ElementsAre("sort"));
}

TEST(ProductListParams, BoundsTheSearchText) {
  EXPECT_TRUE(read("q=" + std::string(200, 'a')));
  EXPECT_THAT(bad_fields("q=" + std::string(201, 'a')), ElementsAre("q"));
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "%C3%A9";  // 200 characters, 400 bytes
  EXPECT_TRUE(read("q=" + accents));
  EXPECT_THAT(bad_fields("q=caf%C3"), ElementsAre("q"));
}

TEST(ProductListParams, BoundsAttributeFilters) {
  std::string many;
  for (int i = 0; i < 11; ++i) many += "&attr.a" + std::to_string(i) + "=x";
  EXPECT_THAT(bad_fields(many.substr(1)), ElementsAre("attr"));
  EXPECT_THAT(bad_fields("attr.color="), ElementsAre("attr.color"));
  EXPECT_THAT(bad_fields("attr.color=" + std::string(101, 'r')), ElementsAre("attr.color"));
  EXPECT_THAT(bad_fields("attr." + std::string(101, 'n') + "=x"), ElementsAre("attr." + std::string(101, 'n')));
  const auto params = read("attr.color=dark%20blue");
  ASSERT_TRUE(params);
  EXPECT_THAT(params->query.attributes, ElementsAre(Pair("color", "dark blue")));
}

TEST(ProductListParams, KeepsTheCursor) {
  const auto params = read("cursor=abc_-123&limit=10");
  ASSERT_TRUE(params);
  EXPECT_EQ(params->query.cursor, "abc_-123");
  EXPECT_EQ(params->query.limit, 10);
  EXPECT_THAT(bad_fields("cursor=" + std::string(513, 'a')), ElementsAre("cursor"));
  EXPECT_THAT(read("").value().query.attributes, IsEmpty());
}

}  // namespace
}  // namespace emporium::catalog
