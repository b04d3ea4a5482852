#include "catalog/product_store.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <unordered_map>

#include "storage/named_lock.hpp"
#include "storage/sql_lists.hpp"
#include "support/strings.hpp"

namespace emporium::catalog {
using storage::placeholders;
using storage::text_params;
namespace {
using storage::nullable;
using storage::Param;

constexpr std::string_view kProductColumns =
    "id, vendor_id, category_id, slug, name, description, status, currency, price, in_stock, attributes, "
    "rating_average_x100, rating_count, version, created_at, updated_at, archived_at";
constexpr std::string_view kInsertProduct =
    "INSERT INTO products (id, vendor_id, category_id, slug, name, sort_name, description, status, currency, price, "
    "in_stock, attributes, rating_average_x100, rating_count, version, created_at, updated_at, archived_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)";
// Price, stock and rating are not written here: variants and reviews own them (refresh_summary).
constexpr std::string_view kUpdateProduct =
    "UPDATE products SET category_id = $3, slug = $4, name = $5, sort_name = $6, description = $7, status = $8, "
    "currency = $9, attributes = $10, version = $11, updated_at = $12, archived_at = $13 "
    "WHERE id = $1 AND version = $2";
constexpr std::string_view kLockProduct = "UPDATE products SET version = version WHERE id = $1";
constexpr std::string_view kBumpVersion =
    "UPDATE products SET version = version + 1, updated_at = $3 WHERE id = $1 AND version = $2";
constexpr std::string_view kSlugTaken = "SELECT 1 FROM products WHERE slug = $1 AND id <> $2";
constexpr std::string_view kRefreshSummary =
    "UPDATE products SET "
    "price = COALESCE((SELECT MIN(v.price) FROM product_variants v WHERE v.product_id = $1 AND v.deleted_at IS NULL), "
    "0), "
    "in_stock = EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = $1 AND v.deleted_at IS NULL AND "
    "v.stock > 0) "
    "WHERE id = $1";
constexpr std::string_view kDeleteAttributes = "DELETE FROM product_attributes WHERE product_id = $1";
constexpr std::string_view kInsertAttribute =
    "INSERT INTO product_attributes (product_id, name, value) VALUES ($1, $2, $3)";

constexpr std::string_view kVariantColumns =
    "id, product_id, sku, options, price, stock, low_stock_threshold, is_default, position, version, created_at, "
    "updated_at";
constexpr std::string_view kInsertVariant =
    "INSERT INTO product_variants (id, product_id, sku, sku_key, options, price, stock, low_stock_threshold, "
    "is_default, position, version, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
constexpr std::string_view kUpdateVariant =
    "UPDATE product_variants SET sku = $4, sku_key = $5, options = $6, price = $7, stock = $8, "
    "low_stock_threshold = $9, position = $10, version = $11, updated_at = $12 "
    "WHERE id = $1 AND product_id = $2 AND version = $3 AND deleted_at IS NULL";
constexpr std::string_view kDeleteVariant =
    "UPDATE product_variants SET deleted_at = $3, updated_at = $3, version = version + 1 "
    "WHERE id = $1 AND product_id = $2 AND deleted_at IS NULL";
constexpr std::string_view kSkuTaken =
    "SELECT 1 FROM product_variants WHERE sku_key = $1 AND id <> $2 AND deleted_at IS NULL";

constexpr std::string_view kCategoryPath = "SELECT path FROM categories WHERE id = $1";
constexpr std::string_view kCategoryPathBySlug = "SELECT path FROM categories WHERE slug = $1";

const std::string kSelectProduct = "SELECT " + std::string(kProductColumns) + " FROM products";
const std::string kFindProduct = kSelectProduct + " WHERE id = $1";
const std::string kFindProductBySlug = kSelectProduct + " WHERE slug = $1";
const std::string kFindVariant = "SELECT " + std::string(kVariantColumns) +
                                 " FROM product_variants WHERE product_id = $1 AND id = $2 AND deleted_at IS NULL";

}  // namespace

std::string encode_string_map(const StringMap& map) {
  boost::json::object object;
  for (const auto& [key, value] : map) object[key] = value;
  return boost::json::serialize(object);
}

StringMap decode_string_map(std::string_view text) {
  StringMap map;
  const auto value = boost::json::parse(text);
  for (const auto& [key, item] : value.as_object()) map.emplace(std::string(key), std::string(item.as_string()));
  return map;
}

namespace {

Product read_product(const storage::Row& row) {
  return Product{
      .id = row.text(0),
      .vendor_id = row.text(1),
      .category_id = row.optional_text(2),
      .slug = row.text(3),
      .name = row.text(4),
      .description = row.text(5),
      .status = product_status_from_string(row.text_view(6)).value_or(ProductStatus::Draft),
      .currency = row.text(7),
      .price = row.integer(8),
      .in_stock = row.boolean(9),
      .attributes = decode_string_map(row.text_view(10)),
      .rating_average_x100 = row.integer(11),
      .rating_count = row.integer(12),
      .version = row.integer(13),
      .created_at = from_unix_millis(row.integer(14)),
      .updated_at = from_unix_millis(row.integer(15)),
      .archived_at = row.is_null(16) ? std::nullopt : std::optional<Timestamp>(from_unix_millis(row.integer(16)))};
}

Variant read_variant(const storage::Row& row) {
  return Variant{.id = row.text(0),
                 .product_id = row.text(1),
                 .sku = row.text(2),
                 .options = decode_string_map(row.text_view(3)),
                 .price = row.integer(4),
                 .stock = row.integer(5),
                 .low_stock_threshold = row.integer(6),
                 .is_default = row.boolean(7),
                 .position = row.integer(8),
                 .version = row.integer(9),
                 .created_at = from_unix_millis(row.integer(10)),
                 .updated_at = from_unix_millis(row.integer(11))};
}

std::optional<Product> first_product(const storage::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return read_product(rows.front());
}

}  // namespace

std::string_view to_string(ProductStatus status) {
  switch (status) {
    case ProductStatus::Draft:
      return "draft";
    case ProductStatus::Active:
      return "active";
    case ProductStatus::Archived:
      return "archived";
  }
  return "draft";
}

std::optional<ProductStatus> product_status_from_string(std::string_view text) {
  if (text == "draft") return ProductStatus::Draft;
  if (text == "active") return ProductStatus::Active;
  if (text == "archived") return ProductStatus::Archived;
  return std::nullopt;
}

std::string sku_key(std::string_view sku) { return to_lower_ascii(sku); }

std::string sort_name(std::string_view name) { return to_lower_ascii(name); }

void ProductStore::insert(storage::Connection& connection, const Product& p) {
  const auto attributes = encode_string_map(p.attributes);
  const auto sorted = sort_name(p.name);
  const std::optional<std::int64_t> archived =
      p.archived_at ? std::optional<std::int64_t>(to_unix_millis(*p.archived_at)) : std::nullopt;
  connection.execute(
      kInsertProduct,
      {std::string_view(p.id), std::string_view(p.vendor_id), nullable(p.category_id), std::string_view(p.slug),
       std::string_view(p.name), std::string_view(sorted), std::string_view(p.description), to_string(p.status),
       std::string_view(p.currency), p.price, p.in_stock, std::string_view(attributes), p.rating_average_x100,
       p.rating_count, p.version, to_unix_millis(p.created_at), to_unix_millis(p.updated_at), nullable(archived)});
  replace_attributes(connection, p.id, p.attributes);
}

bool ProductStore::update(storage::Connection& connection, const Product& p, std::int64_t expected_version) {
  const auto attributes = encode_string_map(p.attributes);
  const auto sorted = sort_name(p.name);
  const std::optional<std::int64_t> archived =
      p.archived_at ? std::optional<std::int64_t>(to_unix_millis(*p.archived_at)) : std::nullopt;
  const auto changed = connection.execute(
      kUpdateProduct, {std::string_view(p.id), expected_version, nullable(p.category_id), std::string_view(p.slug),
                       std::string_view(p.name), std::string_view(sorted), std::string_view(p.description),
                       to_string(p.status), std::string_view(p.currency), std::string_view(attributes), p.version,
                       to_unix_millis(p.updated_at), nullable(archived)});
  if (changed != 1) return false;
  replace_attributes(connection, p.id, p.attributes);
  return true;
}

bool ProductStore::bump_version(storage::Connection& connection, std::string_view id, std::int64_t expected_version,
                                Timestamp now) {
  return connection.execute(kBumpVersion, {id, expected_version, to_unix_millis(now)}) == 1;
}

std::optional<Product> ProductStore::find(storage::Connection& connection, std::string_view id) {
  return first_product(connection.query(kFindProduct, {id}));
}

std::optional<Product> ProductStore::find_by_slug(storage::Connection& connection, std::string_view slug) {
  return first_product(connection.query(kFindProductBySlug, {slug}));
}

std::vector<Product> ProductStore::find_many(storage::Connection& connection, std::span<const std::string> ids) {
  std::vector<Product> products;
  if (ids.empty()) return products;
  const auto params = text_params(ids);
  std::unordered_map<std::string, Product> by_id;
  for (const auto row : connection.query(kSelectProduct + " WHERE id IN (" + placeholders(ids.size()) + ")", params)) {
    auto product = read_product(row);
    by_id.emplace(product.id, std::move(product));
  }
  for (const auto& id : ids)
    if (auto found = by_id.find(id); found != by_id.end()) products.push_back(found->second);
  return products;
}

bool ProductStore::lock(storage::Connection& connection, std::string_view id) {
  return connection.execute(kLockProduct, {id}) == 1;
}

void ProductStore::lock_slug_generation(storage::Connection& connection, Timestamp now) {
  storage::lock_named(connection, "catalog.product_slugs", now);
}

bool ProductStore::slug_taken(storage::Connection& connection, std::string_view slug, std::string_view except_id) {
  return !connection.query(kSlugTaken, {slug, except_id}).empty();
}

void ProductStore::refresh_summary(storage::Connection& connection, std::string_view product_id) {
  connection.execute(kRefreshSummary, {product_id});
}

void ProductStore::lock_and_refresh_summary(storage::Connection& connection, std::string_view product_id) {
  lock(connection, product_id);
  refresh_summary(connection, product_id);
}

std::vector<std::string> ProductStore::products_emptied(storage::Connection& connection,
                                                        std::span<const std::string> variant_ids) {
  std::vector<std::string> ids;
  if (variant_ids.empty()) return ids;
  const auto params = text_params(variant_ids);
  const auto sql = "SELECT DISTINCT product_id FROM product_variants WHERE id IN (" + placeholders(variant_ids.size()) +
                   ") AND stock = 0 ORDER BY product_id";
  for (const auto row : connection.query(sql, params)) ids.emplace_back(row.text(0));
  return ids;
}

void ProductStore::replace_attributes(storage::Connection& connection, std::string_view product_id,
                                      const StringMap& attributes) {
  connection.execute(kDeleteAttributes, {product_id});
  for (const auto& [name, value] : attributes)
    connection.execute(kInsertAttribute, {product_id, std::string_view(name), std::string_view(value)});
}

void ProductStore::insert_variant(storage::Connection& connection, const Variant& v) {
  const auto options = encode_string_map(v.options);
  const auto key = sku_key(v.sku);
  connection.execute(kInsertVariant,
                     {std::string_view(v.id), std::string_view(v.product_id), std::string_view(v.sku),
                      std::string_view(key), std::string_view(options), v.price, v.stock, v.low_stock_threshold,
                      v.is_default, v.position, v.version, to_unix_millis(v.created_at), to_unix_millis(v.updated_at)});
}

bool ProductStore::update_variant(storage::Connection& connection, const Variant& v, std::int64_t expected_version) {
  const auto options = encode_string_map(v.options);
  const auto key = sku_key(v.sku);
  return connection.execute(kUpdateVariant,
                            {std::string_view(v.id), std::string_view(v.product_id), expected_version,
                             std::string_view(v.sku), std::string_view(key), std::string_view(options), v.price,
                             v.stock, v.low_stock_threshold, v.position, v.version, to_unix_millis(v.updated_at)}) == 1;
}

bool ProductStore::delete_variant(storage::Connection& connection, std::string_view product_id, std::string_view id,
                                  Timestamp now) {
  return connection.execute(kDeleteVariant, {id, product_id, to_unix_millis(now)}) == 1;
}

std::optional<Variant> ProductStore::find_variant(storage::Connection& connection, std::string_view product_id,
                                                  std::string_view id) {
  const auto rows = connection.query(kFindVariant, {product_id, id});
  if (rows.empty()) return std::nullopt;
  return read_variant(rows.front());
}

std::vector<Variant> ProductStore::variants_of(storage::Connection& connection,
                                               std::span<const std::string> product_ids) {
  std::vector<Variant> variants;
  if (product_ids.empty()) return variants;
  const auto sql = "SELECT " + std::string(kVariantColumns) + " FROM product_variants WHERE product_id IN (" +
                   placeholders(product_ids.size()) + ") AND deleted_at IS NULL ORDER BY product_id, position, id";
  for (const auto row : connection.query(sql, text_params(product_ids))) variants.push_back(read_variant(row));
  return variants;
}

bool ProductStore::sku_taken(storage::Connection& connection, std::string_view sku, std::string_view except_id) {
  const auto key = sku_key(sku);
  return !connection.query(kSkuTaken, {std::string_view(key), except_id}).empty();
}

std::optional<std::string> ProductStore::category_path(storage::Connection& connection, std::string_view category_id) {
  const auto rows = connection.query(kCategoryPath, {category_id});
  if (rows.empty()) return std::nullopt;
  return rows.front().text(0);
}

std::optional<std::string> ProductStore::category_path_by_slug(storage::Connection& connection, std::string_view slug) {
  const auto rows = connection.query(kCategoryPathBySlug, {slug});
  if (rows.empty()) return std::nullopt;
  return rows.front().text(0);
}

std::map<std::string, std::string> ProductStore::category_paths(storage::Connection& connection,
                                                                std::span<const std::string> category_ids) {
  std::map<std::string, std::string> paths;
  if (category_ids.empty()) return paths;
  const auto sql = "SELECT id, path FROM categories WHERE id IN (" + placeholders(category_ids.size()) + ")";
  for (const auto row : connection.query(sql, text_params(category_ids))) paths.emplace(row.text(0), row.text(1));
  return paths;
}

std::vector<CategoryCrumb> ProductStore::crumbs(storage::Connection& connection,
                                                std::span<const std::string> category_ids) {
  std::vector<CategoryCrumb> crumbs;
  if (category_ids.empty()) return crumbs;
  const auto sql = "SELECT id, slug, name FROM categories WHERE id IN (" + placeholders(category_ids.size()) + ")";
  for (const auto row : connection.query(sql, text_params(category_ids)))
    crumbs.push_back({.id = row.text(0), .slug = row.text(1), .name = row.text(2)});
  return crumbs;
}

}  // namespace emporium::catalog
