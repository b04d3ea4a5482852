#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/product_query.hpp"
#include "support/clock.hpp"

namespace emporium::catalog {

std::string_view to_string(ProductStatus status);
std::optional<ProductStatus> product_status_from_string(std::string_view text);

using StringMap = std::map<std::string, std::string>;

// What is sold: stock and price always live on a variant. A product made without variants has one default
// variant (options {}), so that orders and stock never need a special case.
struct Variant {
  std::string id;
  std::string product_id;
  std::string sku;
  StringMap options;
  std::int64_t price = 0;  // minor units of the product's currency
  std::int64_t stock = 0;
  std::int64_t low_stock_threshold = 0;
  bool is_default = false;
  std::int64_t position = 0;
  std::int64_t version = 1;
  Timestamp created_at{};
  Timestamp updated_at{};
};

struct ProductImage {
  std::string id;
  std::string product_id;
  std::int64_t position = 0;
  std::string alt;
  std::int64_t width = 0;
  std::int64_t height = 0;
  StringMap files;  // rendition ("thumb", "large", "original", "thumb.avif"…) → media key
  Timestamp created_at{};
  Timestamp updated_at{};
};

struct Product {
  std::string id;
  std::string vendor_id;
  std::optional<std::string> category_id;
  std::string slug;
  std::string name;
  std::string description;
  ProductStatus status = ProductStatus::Draft;
  std::string currency;
  std::int64_t price = 0;  // the lowest price of its variants
  bool in_stock = false;
  StringMap attributes;
  std::int64_t rating_average_x100 = 0;
  std::int64_t rating_count = 0;
  std::int64_t version = 1;
  Timestamp created_at{};
  Timestamp updated_at{};
  std::optional<Timestamp> archived_at;
};

// A variant with the currency of its product, as a variant's own answer shows it.
struct VariantView {
  Variant variant;
  std::string currency;
};

// One step of a category's path, as a product shows it.
struct CategoryCrumb {
  std::string id;
  std::string slug;
  std::string name;
};

// A product with everything its representation shows.
struct ProductView {
  Product product;
  std::vector<Variant> variants;
  std::vector<ProductImage> images;
  std::vector<CategoryCrumb> category_path;  // root first, the product's own category last; empty without one
};

}  // namespace emporium::catalog
