#pragma once

// The rules product and variant writes share (product_service.cpp, product_variants.cpp, product_images.cpp):
// their problems, the variant checks, and how fields land on a variant.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/product.hpp"
#include "catalog/product_input.hpp"
#include "storage/database.hpp"
#include "support/problem.hpp"

namespace emporium::catalog {

Problem product_not_found();
Problem variant_not_found();
// 412 `version_mismatch`, naming the current version.
Problem version_moved(std::int64_t current);
Problem invalid(std::string field, std::string message);
// A race that the checks before the write could not see: two writers of one SKU or slug at once, or the
// product's category deleted meanwhile.
Problem unique_race(const storage::ConstraintViolation& violation);
Result<void> check_if_match(std::optional<std::int64_t> if_match, std::int64_t version);

Variant new_variant(const VariantFields& fields, const std::string& id, const std::string& product_id,
                    std::int64_t position, bool is_default, Timestamp now);
// PUT replaces (what is left out takes its default; stock, which inventory owns, stays); PATCH merges.
void apply_variant_fields(Variant& variant, const VariantFields& fields, WriteMode mode);
// SKU unique in the store, options unique among the product's variants (409 otherwise).
Result<void> check_variant_write(storage::Connection& connection, const Variant& variant,
                                 const std::vector<Variant>& siblings);

// Every media key the images refer to.
std::vector<std::string> media_keys(const std::vector<ProductImage>& images);
std::vector<std::string> media_keys(const StringMap& files);

}  // namespace emporium::catalog
