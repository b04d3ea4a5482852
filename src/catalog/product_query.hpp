#pragma once

// What a product list asks for, and what it answers: the contract between the product routes (which read
// the query string and decide what the caller may see) and the search (which turns it into SQL that gives
// the same rows in the same order on SQLite and PostgreSQL).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace emporium::catalog {

enum class ProductStatus { Draft, Active, Archived };

enum class SortField { CreatedAt, Price, Name, Rating, Relevance };

struct ProductSort {
  SortField field = SortField::CreatedAt;
  bool descending = true;
};

// Which products the caller may see: those whose status is in `statuses` and that are active or, for a vendor
// (owner_id), their own; an admin (all_owners) sees every owner's. Customers and anonymous callers keep the
// default: active products only.
struct ProductVisibility {
  std::vector<ProductStatus> statuses = {ProductStatus::Active};
  bool all_owners = false;              // admin
  std::optional<std::string> owner_id;  // vendor: their own products may have any of `statuses`
};

struct ProductQuery {
  ProductVisibility visibility;
  // The category's path ('/cat_a/cat_b/'), resolved by the caller from a slug or id: products of that category
  // and of every category under it.
  std::optional<std::string> category_path;
  std::optional<std::int64_t> min_price;  // minor units, against the product's lowest variant price
  std::optional<std::int64_t> max_price;
  std::optional<std::string> vendor_id;
  bool in_stock_only = false;
  std::optional<std::int64_t> min_rating_x100;                  // minRating=4.5 → 450
  std::vector<std::pair<std::string, std::string>> attributes;  // attr.color=red, every pair must hold
  std::optional<std::string> text;                              // q
  ProductSort sort;
  std::int64_t page = 1;
  std::int64_t limit = 20;
  std::optional<std::string> cursor;  // when present, page is ignored and rows continue after the cursor
  bool facets = false;
};

struct CategoryFacet {
  std::string id;
  std::string slug;
  std::string name;
  std::int64_t count = 0;
};

struct AttributeValueCount {
  std::string value;
  std::int64_t count = 0;
};

struct ProductFacets {
  std::vector<CategoryFacet> categories;  // by count descending, then slug
  std::optional<std::int64_t> price_min;  // absent when nothing matched
  std::optional<std::int64_t> price_max;
  std::map<std::string, std::vector<AttributeValueCount>> attributes;  // values by count descending, then value
};

struct ProductPage {
  std::vector<std::string> ids;  // in the requested order
  std::int64_t total = 0;        // every match, not just this page
  std::optional<std::string> next_cursor;
  std::optional<ProductFacets> facets;
};

}  // namespace emporium::catalog
