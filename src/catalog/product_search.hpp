#pragma once

// Product lists and search: one ProductQuery (product_query.hpp) in, the ids of one page, the total and the
// facets out — the same rows in the same order on SQLite and PostgreSQL.
//
// Every statement of one run works on the same filtered set (one WHERE, built once): the page, the total, and
// with `facets` the category counts (each product counted in its own category; by count descending, then slug;
// at most kMaxFacetCategories), the price range, and attribute value counts (the kMaxFacetAttributes attributes
// most products have, each with its kMaxFacetValues most frequent values, by count descending then value).
//
// Order: the requested sort key, then `id` ascending, always, so that the order is total. `relevance` (with `q`
// only) sorts by score descending: for every query word its best match (the field's weight, name 3, keywords 2,
// description 1, times 4 for the exact word, 3 for a prefix, 2 for a typo), summed over the words; a product
// must match every word. Text compares bytewise on both backends (see the migrations).
//
// Paging: `page`/`limit` by OFFSET, or, with `cursor`, after the cursor's row (keyset, no OFFSET). next_cursor
// is set whenever a row follows the page, in both modes, so a client may switch to cursors at any page.
// Visibility: see ProductVisibility. A vendor sees active products and their own in `statuses`, both restricted
// to `statuses` (so that statuses = {draft} lists only their drafts).

#include <cstddef>

#include "catalog/product_query.hpp"
#include "storage/database.hpp"
#include "support/problem.hpp"

namespace emporium::catalog {

class ProductSearch {
 public:
  static constexpr std::size_t kMaxFacetCategories = 50;
  static constexpr std::size_t kMaxFacetAttributes = 20;
  static constexpr std::size_t kMaxFacetValues = 20;

  // 400 `invalid_cursor` for a cursor made for another sort or other filters, 400 `invalid_query` for
  // sort=relevance without `q`. A `q` without any searchable word matches nothing.
  static Result<ProductPage> run(storage::Connection& connection, const ProductQuery& query);
};

}  // namespace emporium::catalog
