#include "catalog/product_rules.hpp"

#include <string_view>

#include "catalog/product_store.hpp"

namespace emporium::catalog {

Problem product_not_found() { return problems::not_found("No such product.").with_code("product_not_found"); }

Problem variant_not_found() { return problems::not_found("No such variant.").with_code("variant_not_found"); }

Problem version_moved(std::int64_t current) {
  return problems::precondition_failed("The version in If-Match is not the current one (" + std::to_string(current) +
                                       "): read it again and retry.")
      .with_code("version_mismatch");
}

Problem invalid(std::string field, std::string message) {
  return problems::validation_failed({{std::move(field), std::move(message)}});
}

Problem unique_race(const storage::ConstraintViolation& violation) {
  if (violation.kind() == storage::ConstraintViolation::Kind::ForeignKey)
    return invalid("categoryId", "no such category");
  if (std::string_view(violation.what()).find("sku") != std::string_view::npos)
    return problems::conflict("sku_taken", "Another variant already has this SKU.");
  return problems::conflict("slug_taken", "Another product already has this slug.");
}

Variant new_variant(const VariantFields& fields, const std::string& id, const std::string& product_id,
                    std::int64_t position, bool is_default, Timestamp now) {
  return Variant{.id = id,
                 .product_id = product_id,
                 .sku = fields.sku.value_or(""),
                 .options = fields.options.value_or(StringMap{}),
                 .price = fields.price.value_or(0),
                 .stock = fields.stock.value_or(0),
                 .low_stock_threshold = fields.low_stock_threshold.value_or(0),
                 .is_default = is_default,
                 .position = fields.position.value_or(position),
                 .version = 1,
                 .created_at = now,
                 .updated_at = now};
}

void apply_variant_fields(Variant& variant, const VariantFields& fields, WriteMode mode) {
  const bool replace = mode == WriteMode::Replace;
  if (fields.sku) variant.sku = *fields.sku;
  if (fields.options || replace) variant.options = fields.options.value_or(StringMap{});
  if (fields.price) variant.price = *fields.price;
  if (fields.stock) variant.stock = *fields.stock;
  if (fields.low_stock_threshold || replace) variant.low_stock_threshold = fields.low_stock_threshold.value_or(0);
  if (fields.position || replace) variant.position = fields.position.value_or(0);
}

Result<void> check_variant_write(storage::Connection& connection, const Variant& variant,
                                 const std::vector<Variant>& siblings) {
  if (ProductStore::sku_taken(connection, variant.sku, variant.id))
    return problems::conflict("sku_taken", "Another variant already has this SKU.");
  for (const auto& sibling : siblings)
    if (sibling.id != variant.id && sibling.options == variant.options)
      return problems::conflict("variant_options_taken", "Another variant of this product has the same options.");
  return {};
}

Result<void> check_if_match(std::optional<std::int64_t> if_match, std::int64_t version) {
  if (if_match && *if_match != version) return version_moved(version);
  return {};
}

std::vector<std::string> media_keys(const std::vector<ProductImage>& images) {
  std::vector<std::string> keys;
  for (const auto& image : images)
    for (auto& key : media_keys(image.files)) keys.push_back(std::move(key));
  return keys;
}

std::vector<std::string> media_keys(const StringMap& files) {
  std::vector<std::string> keys;
  for (const auto& [rendition, key] : files) keys.push_back(key);
  return keys;
}

}  // namespace emporium::catalog
