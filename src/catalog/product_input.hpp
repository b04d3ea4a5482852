#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/product.hpp"
#include "http/request.hpp"
#include "support/problem.hpp"

namespace emporium::catalog {

// Create (POST): required fields must be there. Replace (PUT): the same, and what is left out takes its
// default. Patch: any subset; only what is present changes.
enum class WriteMode { Create, Replace, Patch };

struct VariantFields {
  std::optional<std::string> sku;
  std::optional<StringMap> options;
  std::optional<std::int64_t> price;
  std::optional<std::int64_t> stock;
  std::optional<std::int64_t> low_stock_threshold;
  std::optional<std::int64_t> position;
};

struct ProductFields {
  std::optional<std::string> name;
  std::optional<std::string> slug;
  std::optional<std::string> description;
  std::optional<std::string> category_id;
  bool clear_category = false;  // "categoryId": null
  std::optional<std::string> currency;
  std::optional<ProductStatus> status;
  std::optional<StringMap> attributes;
  // The default variant's fields, for a product sold in one variant.
  VariantFields single;
  // Create only: the variants to make instead of a default one.
  std::optional<std::vector<VariantFields>> variants;
};

// Limits a serious store needs and a client can rely on (documented in openapi.yaml).
struct CatalogLimits {
  static constexpr std::int64_t kMaxPrice = 99'999'999'999;  // 999,999,999.99 in a two-digit currency
  static constexpr std::int64_t kMaxStock = 1'000'000'000;
  static constexpr std::size_t kMaxVariants = 100;
  static constexpr std::size_t kMaxAttributes = 30;
  static constexpr std::size_t kMaxOptions = 5;
};

// Reads and checks a product body: types, lengths, formats and ranges, every error at once (400/415/422).
Result<ProductFields> read_product_fields(const http::Request& request, WriteMode mode);
Result<VariantFields> read_variant_fields(const http::Request& request, WriteMode mode);

// Reads If-Match: "<version>" (quotes optional). Nullopt when absent; a 400 problem when unreadable.
Result<std::optional<std::int64_t>> read_if_match(const http::Request& request);

}  // namespace emporium::catalog
