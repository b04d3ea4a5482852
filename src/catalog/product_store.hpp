#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/product.hpp"
#include "storage/database.hpp"

namespace emporium::catalog {

// The SQL of products, variants, attributes and images. No rules here: the service decides.
class ProductStore {
 public:
  // Products
  static void insert(storage::Connection& connection, const Product& product);
  // Writes every column of `product` (version included) when the row still has `expected_version`.
  static bool update(storage::Connection& connection, const Product& product, std::int64_t expected_version);
  // Moves the version on (a part of the product changed) when the row still has `expected_version`.
  static bool bump_version(storage::Connection& connection, std::string_view id, std::int64_t expected_version,
                           Timestamp now);
  static std::optional<Product> find(storage::Connection& connection, std::string_view id);
  static std::optional<Product> find_by_slug(storage::Connection& connection, std::string_view slug);
  // In the order of `ids`; ids that do not exist are left out.
  static std::vector<Product> find_many(storage::Connection& connection, std::span<const std::string> ids);
  // Takes the product's row lock for the rest of the transaction (a no-op write); false when it does not exist.
  static bool lock(storage::Connection& connection, std::string_view id);
  // Serialises the transactions that make slugs from names, until commit (a row lock on PostgreSQL; SQLite
  // writers are serial anyway).
  static void lock_slug_generation(storage::Connection& connection, Timestamp now);
  // Serialises adding image rows with removing files nobody refers to (content-addressed files are shared).
  static void lock_media(storage::Connection& connection, Timestamp now);
  static bool slug_taken(storage::Connection& connection, std::string_view slug, std::string_view except_id);
  // Recomputes the product's lowest price and in-stock flag from its live variants.
  static void refresh_summary(storage::Connection& connection, std::string_view product_id);
  // For writers that moved stock without holding the product's row lock (orders): takes the lock, then
  // recomputes from what has committed by then, so two orders emptying a product's last two variants at once
  // cannot both leave it "in stock" (refresh_summary alone computes from its own statement's snapshot).
  static void lock_and_refresh_summary(storage::Connection& connection, std::string_view product_id);
  // The products (sorted, each once) of those variants that now have no stock: only their in-stock summary can
  // have changed when orders took stock (a variant still in stock keeps its product in stock).
  static std::vector<std::string> products_emptied(storage::Connection& connection,
                                                   std::span<const std::string> variant_ids);
  static void replace_attributes(storage::Connection& connection, std::string_view product_id,
                                 const StringMap& attributes);

  // Variants (live ones: a deleted variant stays for past orders but is never shown)
  static void insert_variant(storage::Connection& connection, const Variant& variant);
  static bool update_variant(storage::Connection& connection, const Variant& variant, std::int64_t expected_version);
  static bool delete_variant(storage::Connection& connection, std::string_view product_id, std::string_view id,
                             Timestamp now);
  static std::optional<Variant> find_variant(storage::Connection& connection, std::string_view product_id,
                                             std::string_view id);
  static std::vector<Variant> variants_of(storage::Connection& connection, std::span<const std::string> product_ids);
  // True when a live variant other than `except_id` has this SKU (compared without regard to case).
  static bool sku_taken(storage::Connection& connection, std::string_view sku, std::string_view except_id);

  // Images
  static void insert_image(storage::Connection& connection, const ProductImage& image);
  static bool update_image(storage::Connection& connection, const ProductImage& image);
  static bool delete_image(storage::Connection& connection, std::string_view product_id, std::string_view id);
  static std::optional<ProductImage> find_image(storage::Connection& connection, std::string_view product_id,
                                                std::string_view id);
  static std::vector<ProductImage> images_of(storage::Connection& connection, std::span<const std::string> product_ids);
  static std::int64_t count_images(storage::Connection& connection, std::string_view product_id);
  static void delete_images_of(storage::Connection& connection, std::string_view product_id);
  // True when some image still refers to the media key (content-addressed files may be shared).
  static bool media_in_use(storage::Connection& connection, std::string_view key);

  // Categories, as products show them: the crumbs of every category on the given paths.
  static std::optional<std::string> category_path(storage::Connection& connection, std::string_view category_id);
  static std::optional<std::string> category_path_by_slug(storage::Connection& connection, std::string_view slug);
  // category id → its path ('/root/…/itself/'), for the ids that exist.
  static std::map<std::string, std::string> category_paths(storage::Connection& connection,
                                                           std::span<const std::string> category_ids);
  static std::vector<CategoryCrumb> crumbs(storage::Connection& connection, std::span<const std::string> category_ids);
};

std::string sku_key(std::string_view sku);
// The name as sort=name orders it: lower-case ASCII, so that "apple" and "Apple" sit together on both backends.
std::string sort_name(std::string_view name);
// A name → value map as the catalog's columns hold it (attributes, options, image files): a JSON object.
std::string encode_string_map(const StringMap& map);
StringMap decode_string_map(std::string_view text);

}  // namespace emporium::catalog
