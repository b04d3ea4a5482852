#include "http/query.hpp"

#include <gtest/gtest.h>

namespace emporium::http {
namespace {

Request with_query(std::string_view raw) {
  Request request;
  request.raw_query = raw;
  return request;
}

TEST(QueryParams, DecodesPercentAndPlus) {
  const auto params = QueryParams::parse("q=red+shoes%21&attr.color=dark%20blue&empty=");
  ASSERT_TRUE(params);
  EXPECT_EQ(params->get("q"), "red shoes!");
  EXPECT_EQ(params->get("attr.color"), "dark blue");
  EXPECT_EQ(params->get("empty"), "");
  EXPECT_FALSE(params->get("missing"));
}

TEST(QueryParams, ReadsOnlyTheViewItIsGiven) {
  // The query is a view into the request target: the bytes after it belong to something else.
  const std::string target = "limit=1&page=2XXXXXXXX";
  const auto params = QueryParams::parse(std::string_view(target).substr(0, 14));
  ASSERT_TRUE(params);
  EXPECT_EQ(params->get("page"), "2");
}

TEST(QueryParams, RefusesBrokenEncoding) { EXPECT_FALSE(QueryParams::parse("q=%zz")); }

TEST(QueryReader, ReadsPagination) {
  const auto request = with_query("page=3&limit=50");
  QueryReader reader(request);
  const auto page = read_page(reader);
  EXPECT_TRUE(reader.finish());
  EXPECT_EQ(page.page, 3);
  EXPECT_EQ(page.limit, 50);
  EXPECT_EQ(page.offset(), 100);
}

TEST(QueryReader, DefaultsPagination) {
  const auto request = with_query("");
  QueryReader reader(request);
  const auto page = read_page(reader);
  EXPECT_TRUE(reader.finish());
  EXPECT_EQ(page.page, 1);
  EXPECT_EQ(page.limit, 20);
}

TEST(QueryReader, ReportsEveryBadParameter) {
  const auto request = with_query("page=0&limit=101&inStock=maybe&color=red");
  QueryReader reader(request);
  read_page(reader);
  reader.boolean("inStock");
  reader.reject_unknown();
  const auto result = reader.finish();
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().status, 400);
  EXPECT_EQ(result.error().code, "invalid_query");
  ASSERT_EQ(result.error().errors.size(), 4u);
  EXPECT_EQ(result.error().errors[0].field, "page");
  EXPECT_EQ(result.error().errors[1].field, "limit");
  EXPECT_EQ(result.error().errors[2].field, "inStock");
  EXPECT_EQ(result.error().errors[3].field, "color");
}

TEST(QueryReader, CollectsPrefixedParameters) {
  const auto request = with_query("attr.color=red&attr.size=M&sort=price:asc");
  QueryReader reader(request);
  const auto attributes = reader.with_prefix("attr.");
  reader.text("sort");
  reader.reject_unknown();
  EXPECT_TRUE(reader.finish());
  ASSERT_EQ(attributes.size(), 2u);
  EXPECT_EQ(attributes[0], (std::pair<std::string, std::string>{"color", "red"}));
}

TEST(Pagination, CountsPages) {
  const auto json = pagination_json(PageRequest{.page = 2, .limit = 20, .cursor = std::nullopt}, 134, "abc");
  EXPECT_EQ(json.at("totalPages"), 7);
  EXPECT_EQ(json.at("total"), 134);
  EXPECT_EQ(json.at("nextCursor"), "abc");
}

}  // namespace
}  // namespace emporium::http
