#pragma once

// The opaque `cursor` of product lists (keyset pagination). Clients never parse it; the text inside is
//
//   base64url-without-padding("1\n<sort>\n<check>\n<id>\n<sort key>")
//
// with <sort> as in the query string ("price:asc", "relevance"), the last row's id and sort key (a decimal
// integer, or the row's sort_name for sort=name; last because it may hold any character), and <check> a short
// hash of the query's filters (category, prices, vendor, stock, rating, attributes, q — not the visibility, the
// page or the limit) together with the id and key. A cursor is only accepted with the same sort and filters it
// was made for: anything else, or a garbled or cut cursor, is a 400 `invalid_cursor`. (The check is not a
// secret: a client forging a position only skips rows it could list anyway.)

#include <string>
#include <string_view>

#include "catalog/product_query.hpp"
#include "support/problem.hpp"

namespace emporium::catalog {

// Where a keyset page continues: after the row with this sort key and id.
struct ProductCursor {
  std::string sort_key{};
  std::string id{};
};

// As written in the query string: "createdAt:desc", "price:asc", "name:asc", "rating:desc", "relevance".
std::string to_string(const ProductSort& sort);

// A hash of the query's filters (16 hex digits): equal exactly when the filters are.
std::string filter_fingerprint(const ProductQuery& query);

std::string encode_product_cursor(const ProductQuery& query, const ProductCursor& position);
// The position `text` holds, when it was made for this query's sort and filters.
Result<ProductCursor> decode_product_cursor(const ProductQuery& query, std::string_view text);

// 400 `invalid_cursor`.
Problem invalid_cursor();

}  // namespace emporium::catalog
