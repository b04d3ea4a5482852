#include "catalog/product_cursor.hpp"

#include <gtest/gtest.h>

#include <string>

namespace emporium::catalog {
namespace {

ProductQuery by_price() {
  ProductQuery query;
  query.sort = {SortField::Price, false};
  query.min_price = 100;
  query.attributes = {{"color", "red"}, {"size", "M"}};
  query.text = "shoes";
  return query;
}

TEST(ProductCursor, RoundTrips) {
  const auto query = by_price();
  const auto text = encode_product_cursor(query, {.sort_key = "1999", .id = "prod_1"});
  EXPECT_EQ(text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  const auto position = decode_product_cursor(query, text);
  ASSERT_TRUE(position) << position.error().detail;
  EXPECT_EQ(position->sort_key, "1999");
  EXPECT_EQ(position->id, "prod_1");
}

TEST(ProductCursor, KeepsAnyTextAsANameKey) {
  auto query = by_price();
  query.sort = {SortField::Name, true};
  for (const std::string key : {"", "a", "ab", "abc", "line\nbreak\n", "caf\xc3\xa9 | 1"}) {
    const auto position = decode_product_cursor(query, encode_product_cursor(query, {.sort_key = key, .id = "p"}));
    ASSERT_TRUE(position) << key;
    EXPECT_EQ(position->sort_key, key);
  }
}

TEST(ProductCursor, RefusesAnotherSortOrDirection) {
  auto query = by_price();
  const auto text = encode_product_cursor(query, {.sort_key = "1999", .id = "prod_1"});
  query.sort.descending = true;
  const auto position = decode_product_cursor(query, text);
  ASSERT_FALSE(position);
  EXPECT_EQ(position.error().status, 400);
  EXPECT_EQ(position.error().code, "invalid_cursor");
  query.sort = {SortField::CreatedAt, false};
  EXPECT_FALSE(decode_product_cursor(query, text));
}

TEST(ProductCursor, RefusesOtherFilters) {
  const auto original = by_price();
  const auto text = encode_product_cursor(original, {.sort_key = "1999", .id = "prod_1"});
  auto query = original;
  query.min_price = 101;
  EXPECT_FALSE(decode_product_cursor(query, text));
  query = original;
  query.text = "shoe";
  EXPECT_FALSE(decode_product_cursor(query, text));
  query = original;
  query.attributes.pop_back();
  EXPECT_FALSE(decode_product_cursor(query, text));
  query = original;
  query.in_stock_only = true;
  EXPECT_FALSE(decode_product_cursor(query, text));
}

TEST(ProductCursor, IgnoresPageLimitAndAttributeOrder) {
  const auto original = by_price();
  const auto text = encode_product_cursor(original, {.sort_key = "1999", .id = "prod_1"});
  auto query = original;
  query.limit = 50;
  query.page = 7;
  std::swap(query.attributes[0], query.attributes[1]);
  EXPECT_TRUE(decode_product_cursor(query, text));
}

TEST(ProductCursor, FingerprintSeparatesFields) {
  ProductQuery a;
  a.vendor_id = "x";
  ProductQuery b;
  b.category_path = "x";
  EXPECT_NE(filter_fingerprint(a), filter_fingerprint(b));
  ProductQuery c;
  c.attributes = {{"a", "b=c"}};
  ProductQuery d;
  d.attributes = {{"a=b", "c"}};
  EXPECT_NE(filter_fingerprint(c), filter_fingerprint(d));
  EXPECT_EQ(filter_fingerprint(a).size(), 16u);
}

TEST(ProductCursor, RefusesGarbage) {
  const auto query = by_price();
  const auto valid = encode_product_cursor(query, {.sort_key = "1999", .id = "prod_1"});
  for (const std::string& text : {std::string(), std::string("!!!!"), std::string("abcde"), valid + "=",
                                  valid.substr(0, valid.size() - 3), std::string("MQ")}) {
    const auto position = decode_product_cursor(query, text);
    ASSERT_FALSE(position) << text;
    EXPECT_EQ(position.error().code, "invalid_cursor");
  }
}

TEST(ProductCursor, RefusesANonNumericKeyForNumericSorts) {
  auto query = by_price();
  query.sort = {SortField::Name, false};
  const auto text = encode_product_cursor(query, {.sort_key = "abc", .id = "prod_1"});
  EXPECT_TRUE(decode_product_cursor(query, text));
  // The same bytes presented as a price cursor: the sort differs, and so would the key.
  query.sort = {SortField::Price, false};
  EXPECT_FALSE(decode_product_cursor(query, encode_product_cursor(query, {.sort_key = "12x", .id = "prod_1"})));
}

TEST(ProductSortText, NamesEverySort) {
  EXPECT_EQ(to_string(ProductSort{SortField::CreatedAt, true}), "createdAt:desc");
  EXPECT_EQ(to_string(ProductSort{SortField::Price, false}), "price:asc");
  EXPECT_EQ(to_string(ProductSort{SortField::Name, false}), "name:asc");
  EXPECT_EQ(to_string(ProductSort{SortField::Rating, true}), "rating:desc");
  EXPECT_EQ(to_string(ProductSort{SortField::Relevance, true}), "relevance");
}

}  // namespace
}  // namespace emporium::catalog
