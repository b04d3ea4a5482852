#include "app/catalog_seed_rows.hpp"

#include <algorithm>
#include <span>
#include <string>

#include "catalog/product_store.hpp"

namespace emporium::app {
namespace {
using catalog::Product;
using catalog::Variant;
using storage::Connection;
using storage::Param;

constexpr std::string_view kInsertProducts =
    "INSERT INTO products (id, vendor_id, category_id, slug, name, sort_name, description, status, currency, price, "
    "in_stock, attributes, rating_average_x100, rating_count, version, created_at, updated_at, archived_at) VALUES ";
constexpr std::size_t kProductColumns = 18;
constexpr std::string_view kInsertVariants =
    "INSERT INTO product_variants (id, product_id, sku, sku_key, options, price, stock, low_stock_threshold, "
    "is_default, position, version, created_at, updated_at) VALUES ";
constexpr std::size_t kVariantColumns = 13;
constexpr std::string_view kInsertMovements =
    "INSERT INTO stock_movements (id, variant_id, product_id, delta, level, reason, note, created_at) VALUES ";
constexpr std::size_t kMovementColumns = 8;
constexpr std::string_view kInsertAttributes = "INSERT INTO product_attributes (product_id, name, value) VALUES ";
constexpr std::size_t kAttributeColumns = 3;

// Rows per statement at most: 256 × 18 parameters stays far below SQLite's 32,766 and PostgreSQL's 65,535.
// Chunks are powers of two, so that each table needs at most nine distinct prepared statements.
constexpr std::size_t kMaxRowsPerStatement = 256;

std::string multi_row_sql(std::string_view head, std::size_t rows, std::size_t columns) {
  std::string sql(head);
  sql.reserve(head.size() + rows * columns * 7);
  for (std::size_t row = 0; row < rows; ++row) {
    sql += row == 0 ? "(" : ", (";
    for (std::size_t column = 0; column < columns; ++column) {
      if (column > 0) sql += ", ";
      sql += '$' + std::to_string(row * columns + column + 1);
    }
    sql += ')';
  }
  return sql;
}

void insert_rows(Connection& connection, std::string_view head, std::size_t columns, std::span<const Param> values) {
  const std::size_t total = values.size() / columns;
  for (std::size_t done = 0; done < total;) {
    std::size_t rows = kMaxRowsPerStatement;
    while (rows > total - done) rows /= 2;
    connection.execute(multi_row_sql(head, rows, columns), values.subspan(done * columns, rows * columns));
    done += rows;
  }
}

}  // namespace

void insert_products(Connection& connection, const std::vector<Product>& products) {
  std::vector<std::string> texts;  // sort names and attribute JSON, alive until the statements ran
  texts.reserve(products.size() * 2);
  std::vector<Param> values;
  values.reserve(products.size() * kProductColumns);
  for (const auto& p : products) {
    const auto& sort_name = texts.emplace_back(catalog::sort_name(p.name));
    const auto& attributes = texts.emplace_back(catalog::encode_string_map(p.attributes));
    values.insert(values.end(),
                  {std::string_view(p.id), std::string_view(p.vendor_id), storage::nullable(p.category_id),
                   std::string_view(p.slug), std::string_view(p.name), std::string_view(sort_name),
                   std::string_view(p.description), catalog::to_string(p.status), std::string_view(p.currency), p.price,
                   p.in_stock, std::string_view(attributes), p.rating_average_x100, p.rating_count, p.version,
                   to_unix_millis(p.created_at), to_unix_millis(p.updated_at), nullptr});
  }
  insert_rows(connection, kInsertProducts, kProductColumns, values);
}

void insert_attributes(Connection& connection, const std::vector<Product>& products) {
  std::vector<Param> values;
  for (const auto& product : products) {
    for (const auto& [name, value] : product.attributes)
      values.insert(values.end(), {std::string_view(product.id), std::string_view(name), std::string_view(value)});
  }
  insert_rows(connection, kInsertAttributes, kAttributeColumns, values);
}

void insert_variants(Connection& connection, const std::vector<Variant>& variants) {
  std::vector<std::string> texts;  // SKU keys and option JSON
  texts.reserve(variants.size() * 2);
  std::vector<Param> values;
  values.reserve(variants.size() * kVariantColumns);
  for (const auto& v : variants) {
    const auto& key = texts.emplace_back(catalog::sku_key(v.sku));
    const auto& options = texts.emplace_back(catalog::encode_string_map(v.options));
    values.insert(values.end(),
                  {std::string_view(v.id), std::string_view(v.product_id), std::string_view(v.sku),
                   std::string_view(key), std::string_view(options), v.price, v.stock, v.low_stock_threshold,
                   v.is_default, v.position, v.version, to_unix_millis(v.created_at), to_unix_millis(v.updated_at)});
  }
  insert_rows(connection, kInsertVariants, kVariantColumns, values);
}

void insert_opening_movements(Connection& connection, const std::vector<Variant>& variants) {
  std::vector<std::string> ids;  // alive until the statements ran
  ids.reserve(variants.size());
  std::vector<Param> values;
  for (const auto& v : variants) {
    if (v.stock <= 0) continue;
    // The variant's own time-ordered body, as migration 0006 names the movements it opens with.
    const auto& id = ids.emplace_back("mov_" + v.id.substr(v.id.find('_') + 1));
    values.insert(values.end(),
                  {std::string_view(id), std::string_view(v.id), std::string_view(v.product_id), v.stock, v.stock,
                   std::string_view("opening"), std::string_view("seeded"), to_unix_millis(v.created_at)});
  }
  insert_rows(connection, kInsertMovements, kMovementColumns, values);
}

}  // namespace emporium::app
