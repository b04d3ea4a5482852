#pragma once

// Reads the query string of GET /api/products (API.md, "Catalog") into a ProductQuery. Every error of the query
// string is reported at once, in one 400 `invalid_query` answer; unknown parameters are errors too.
//
//   category=<slug or id>        kept raw in category_ref: the routes resolve it to a path (needs the database)
//   minPrice, maxPrice           integer minor units, 0 … 10^12, minPrice ≤ maxPrice
//   q                            at most 200 characters of UTF-8; blank is the same as absent
//   vendor=<user id>, inStock=true|false, facets=true|false
//   minRating                    0 … 5 with at most two decimals ("4.5" → 450)
//   attr.<name>=<value>          at most 10; name and value 1 … 100 characters
//   sort                         createdAt|price|name|rating with :asc or :desc, or relevance (only with q);
//                                default: relevance with q, createdAt:desc without
//   page, limit, cursor          as http::read_page
//   status=draft|active|archived kept raw in status_filter: the routes decide whether the caller may use it
//
// The visibility of the returned query is the default (active products only); the routes set it.

#include <optional>
#include <string>

#include "catalog/product_query.hpp"
#include "http/request.hpp"
#include "support/problem.hpp"

namespace emporium::catalog {

struct ProductListParams {
  ProductQuery query{};
  std::optional<std::string> category_ref{};
  std::optional<std::string> status_filter{};
};

Result<ProductListParams> read_product_list_params(const http::Request& request);

}  // namespace emporium::catalog
