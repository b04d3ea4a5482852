// The image rows of products (ProductStore's image part: product_store.cpp holds products and variants).
#include "catalog/product_store.hpp"

#include "storage/named_lock.hpp"
#include "storage/sql_lists.hpp"

namespace emporium::catalog {
namespace {
using storage::placeholders;
using storage::text_params;

constexpr std::string_view kImageColumns =
    "id, product_id, position, alt, width, height, files, created_at, updated_at";
constexpr std::string_view kInsertImage =
    "INSERT INTO product_images (id, product_id, position, alt, width, height, files, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr std::string_view kUpdateImage =
    "UPDATE product_images SET position = $3, alt = $4, updated_at = $5 WHERE id = $1 AND product_id = $2";
constexpr std::string_view kDeleteImage = "DELETE FROM product_images WHERE id = $1 AND product_id = $2";
constexpr std::string_view kDeleteImagesOf = "DELETE FROM product_images WHERE product_id = $1";
constexpr std::string_view kCountImages = "SELECT COUNT(*) FROM product_images WHERE product_id = $1";
constexpr std::string_view kMediaInUse = "SELECT 1 FROM product_images WHERE files LIKE $1 LIMIT 1";

const std::string kFindImage =
    "SELECT " + std::string(kImageColumns) + " FROM product_images WHERE product_id = $1 AND id = $2";

ProductImage read_image(const storage::Row& row) {
  return ProductImage{.id = row.text(0),
                      .product_id = row.text(1),
                      .position = row.integer(2),
                      .alt = row.text(3),
                      .width = row.integer(4),
                      .height = row.integer(5),
                      .files = decode_string_map(row.text_view(6)),
                      .created_at = from_unix_millis(row.integer(7)),
                      .updated_at = from_unix_millis(row.integer(8))};
}

}  // namespace

void ProductStore::lock_media(storage::Connection& connection, Timestamp now) {
  storage::lock_named(connection, "catalog.media", now);
}

void ProductStore::insert_image(storage::Connection& connection, const ProductImage& i) {
  const auto files = encode_string_map(i.files);
  connection.execute(kInsertImage, {std::string_view(i.id), std::string_view(i.product_id), i.position,
                                    std::string_view(i.alt), i.width, i.height, std::string_view(files),
                                    to_unix_millis(i.created_at), to_unix_millis(i.updated_at)});
}

bool ProductStore::update_image(storage::Connection& connection, const ProductImage& i) {
  return connection.execute(kUpdateImage, {std::string_view(i.id), std::string_view(i.product_id), i.position,
                                           std::string_view(i.alt), to_unix_millis(i.updated_at)}) == 1;
}

bool ProductStore::delete_image(storage::Connection& connection, std::string_view product_id, std::string_view id) {
  return connection.execute(kDeleteImage, {id, product_id}) == 1;
}

std::optional<ProductImage> ProductStore::find_image(storage::Connection& connection, std::string_view product_id,
                                                     std::string_view id) {
  const auto rows = connection.query(kFindImage, {product_id, id});
  if (rows.empty()) return std::nullopt;
  return read_image(rows.front());
}

std::vector<ProductImage> ProductStore::images_of(storage::Connection& connection,
                                                  std::span<const std::string> product_ids) {
  std::vector<ProductImage> images;
  if (product_ids.empty()) return images;
  const auto sql = "SELECT " + std::string(kImageColumns) + " FROM product_images WHERE product_id IN (" +
                   placeholders(product_ids.size()) + ") ORDER BY product_id, position, id";
  for (const auto row : connection.query(sql, text_params(product_ids))) images.push_back(read_image(row));
  return images;
}

std::int64_t ProductStore::count_images(storage::Connection& connection, std::string_view product_id) {
  return connection.query(kCountImages, {product_id}).front().integer(0);
}

void ProductStore::delete_images_of(storage::Connection& connection, std::string_view product_id) {
  connection.execute(kDeleteImagesOf, {product_id});
}

bool ProductStore::media_in_use(storage::Connection& connection, std::string_view key) {
  // Keys are lower-case hex and an extension: no LIKE wildcard can occur in them.
  const auto pattern = "%\"" + std::string(key) + "\"%";
  return !connection.query(kMediaInUse, {std::string_view(pattern)}).empty();
}

}  // namespace emporium::catalog
