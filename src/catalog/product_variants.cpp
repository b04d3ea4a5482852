// The variant writes of ProductService: every one locks the product, checks its rules, moves the product's
// version on (part_changed) and invalidates the catalog cache once it committed.
#include "catalog/product_rules.hpp"
#include "catalog/product_service.hpp"
#include "catalog/product_stock.hpp"
#include "catalog/product_store.hpp"

namespace emporium::catalog {
using http::Principal;

Result<VariantView> ProductService::add_variant(const Principal& actor, std::string_view product_id,
                                                VariantFields fields) {
  if (!fields.price) return invalid("price", "is required");
  try {
    auto added = storage::transact(
        context_.database, storage::TxMode::Write, [&](storage::Connection& connection) -> Result<VariantView> {
          auto product = lock_live(connection, actor, product_id);
          if (!product) return product.error();
          const std::string ids[] = {product->id};
          const auto siblings = ProductStore::variants_of(connection, ids);
          if (siblings.size() >= CatalogLimits::kMaxVariants)
            return problems::conflict("too_many_variants", "A product has at most 100 variants.");
          auto variant = new_variant(fields, context_.ids.next("var"), product->id,
                                     static_cast<std::int64_t>(siblings.size()), false, context_.clock.now());
          if (auto checked = check_variant_write(connection, variant, siblings); !checked) return checked.error();
          ProductStore::insert_variant(connection, variant);
          open_stock(context_, connection, variant, actor);
          part_changed(connection, *product, Part::Variant);
          audit(connection, actor, "variant.created", variant.id);
          return VariantView{.variant = std::move(variant), .currency = product->currency};
        });
    if (added) context_.cache.invalidate();
    return added;
  } catch (const storage::ConstraintViolation& violation) {
    return unique_race(violation);
  }
}

Result<VariantView> ProductService::update_variant(const Principal& actor, std::string_view product_id,
                                                   std::string_view variant_id, VariantFields fields, WriteMode mode,
                                                   std::optional<std::int64_t> if_match) {
  if (mode == WriteMode::Replace && !fields.price) return invalid("price", "is required");
  try {
    auto updated = storage::transact(
        context_.database, storage::TxMode::Write, [&](storage::Connection& connection) -> Result<VariantView> {
          auto product = lock_live(connection, actor, product_id);
          if (!product) return product.error();
          auto variant = lock_variant(context_, connection, product->id, variant_id);
          if (!variant) return variant_not_found();
          if (auto checked = check_if_match(if_match, variant->version); !checked) return checked.error();
          const auto expected = variant->version;
          const auto locked_level = variant->stock;
          apply_variant_fields(*variant, fields, mode);
          const std::string ids[] = {product->id};
          if (auto checked = check_variant_write(connection, *variant, ProductStore::variants_of(connection, ids));
              !checked)
            return checked.error();
          record_stock_change(context_, connection, *variant, locked_level, actor);
          variant->version += 1;
          variant->updated_at = context_.clock.now();
          if (!ProductStore::update_variant(connection, *variant, expected)) return version_moved(expected);
          part_changed(connection, *product, Part::Variant);
          audit(connection, actor, "variant.updated", variant->id);
          return VariantView{.variant = std::move(*variant), .currency = product->currency};
        });
    if (updated) context_.cache.invalidate();
    return updated;
  } catch (const storage::ConstraintViolation& violation) {
    return unique_race(violation);
  }
}

Result<void> ProductService::delete_variant(const Principal& actor, std::string_view product_id,
                                            std::string_view variant_id, std::optional<std::int64_t> if_match) {
  auto deleted = storage::transact(
      context_.database, storage::TxMode::Write, [&](storage::Connection& connection) -> Result<void> {
        auto product = lock_live(connection, actor, product_id);
        if (!product) return product.error();
        auto variant = ProductStore::find_variant(connection, product->id, variant_id);
        if (!variant) return variant_not_found();
        if (auto checked = check_if_match(if_match, variant->version); !checked) return checked.error();
        const std::string ids[] = {product->id};
        if (ProductStore::variants_of(connection, ids).size() == 1)
          return problems::conflict("last_variant",
                                    "A product keeps at least one variant; archive the product instead.");
        ProductStore::delete_variant(connection, product->id, variant->id, context_.clock.now());
        part_changed(connection, *product, Part::Variant);
        audit(connection, actor, "variant.deleted", variant->id);
        return {};
      });
  if (deleted) context_.cache.invalidate();
  return deleted;
}

}  // namespace emporium::catalog
