#include "reviews/review_store.hpp"

#include <string>

namespace emporium::reviews {
namespace {
constexpr std::string_view kColumns =
    "r.id, r.product_id, r.author_id, r.rating, r.title, r.body, r.verified_purchase, r.hidden, r.created_at, "
    "r.updated_at, r.deleted_at, u.name";

constexpr std::string_view kInsert =
    "INSERT INTO reviews (id, product_id, author_id, rating, title, body, verified_purchase, hidden, created_at, "
    "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
constexpr std::string_view kUpdateContent =
    "UPDATE reviews SET rating = $2, title = $3, body = $4, verified_purchase = $5, updated_at = $6 "
    "WHERE id = $1 AND deleted_at IS NULL";
constexpr std::string_view kSetHidden =
    "UPDATE reviews SET hidden = $2, updated_at = $3 WHERE id = $1 AND deleted_at IS NULL";
constexpr std::string_view kSoftDelete =
    "UPDATE reviews SET deleted_at = $2, updated_at = $2 WHERE id = $1 AND deleted_at IS NULL";
constexpr std::string_view kAuthorHasReview =
    "SELECT 1 FROM reviews WHERE product_id = $1 AND author_id = $2 AND deleted_at IS NULL";
constexpr std::string_view kHasBought =
    "SELECT 1 FROM orders o JOIN order_lines l ON l.order_id = o.id "
    "WHERE o.customer_id = $1 AND l.product_id = $2 AND o.status IN ('paid', 'processing', 'shipped', 'delivered') "
    "LIMIT 1";
constexpr std::string_view kCountAll = "SELECT COUNT(*) FROM reviews WHERE product_id = $1 AND deleted_at IS NULL";
constexpr std::string_view kCountShown =
    "SELECT COUNT(*) FROM reviews WHERE product_id = $1 AND deleted_at IS NULL AND NOT hidden";
// Half up: floor((sum × 100 + count / 2) / count), in integers — (sum × 200 + count) / (2 × count).
constexpr std::string_view kRefreshRating =
    "UPDATE products SET "
    "rating_count = (SELECT COUNT(*) FROM reviews WHERE product_id = $1 AND deleted_at IS NULL AND NOT hidden), "
    "rating_average_x100 = COALESCE((SELECT (SUM(rating) * 200 + COUNT(*)) / NULLIF(2 * COUNT(*), 0) "
    "FROM reviews WHERE product_id = $1 AND deleted_at IS NULL AND NOT hidden), 0) "
    "WHERE id = $1";

const std::string kSelect =
    "SELECT " + std::string(kColumns) + " FROM reviews r JOIN users u ON u.id = r.author_id WHERE r.deleted_at IS NULL";
const std::string kFind = kSelect + " AND r.id = $1";
const std::string kListBase = kSelect + " AND r.product_id = $1";
constexpr std::string_view kShownOnly = " AND NOT r.hidden";
constexpr std::string_view kNewestFirst = " ORDER BY r.created_at DESC, r.id DESC LIMIT $2 OFFSET $3";
constexpr std::string_view kBestFirst = " ORDER BY r.rating DESC, r.created_at DESC, r.id DESC LIMIT $2 OFFSET $3";

ReviewView read_view(const storage::Row& row) {
  const auto deleted = row.optional_integer(10);
  return ReviewView{.review = Review{.id = row.text(0),
                                     .product_id = row.text(1),
                                     .author_id = row.text(2),
                                     .rating = row.integer(3),
                                     .title = row.text(4),
                                     .body = row.text(5),
                                     .verified_purchase = row.boolean(6),
                                     .hidden = row.boolean(7),
                                     .created_at = from_unix_millis(row.integer(8)),
                                     .updated_at = from_unix_millis(row.integer(9)),
                                     .deleted_at = deleted ? std::optional(from_unix_millis(*deleted)) : std::nullopt},
                    .author_name = row.text(11)};
}

std::string list_sql(bool include_hidden, ReviewSort sort) {
  std::string sql = kListBase;
  if (!include_hidden) sql += kShownOnly;
  sql += sort == ReviewSort::RatingDesc ? kBestFirst : kNewestFirst;
  return sql;
}
}  // namespace

void ReviewStore::insert(storage::Connection& connection, const Review& r) {
  connection.execute(kInsert, {std::string_view(r.id), std::string_view(r.product_id), std::string_view(r.author_id),
                               r.rating, std::string_view(r.title), std::string_view(r.body), r.verified_purchase,
                               r.hidden, to_unix_millis(r.created_at), to_unix_millis(r.updated_at)});
}

bool ReviewStore::update_content(storage::Connection& connection, const Review& r) {
  return connection.execute(kUpdateContent,
                            {std::string_view(r.id), r.rating, std::string_view(r.title), std::string_view(r.body),
                             r.verified_purchase, to_unix_millis(r.updated_at)}) == 1;
}

bool ReviewStore::set_hidden(storage::Connection& connection, std::string_view id, bool hidden, Timestamp now) {
  return connection.execute(kSetHidden, {id, hidden, to_unix_millis(now)}) == 1;
}

bool ReviewStore::soft_delete(storage::Connection& connection, std::string_view id, Timestamp now) {
  return connection.execute(kSoftDelete, {id, to_unix_millis(now)}) == 1;
}

std::optional<Review> ReviewStore::find(storage::Connection& connection, std::string_view id) {
  auto view = find_view(connection, id);
  if (!view) return std::nullopt;
  return std::move(view->review);
}

std::optional<ReviewView> ReviewStore::find_view(storage::Connection& connection, std::string_view id) {
  const auto rows = connection.query(kFind, {id});
  if (rows.empty()) return std::nullopt;
  return read_view(rows.front());
}

bool ReviewStore::author_has_review(storage::Connection& connection, std::string_view product_id,
                                    std::string_view author_id) {
  return !connection.query(kAuthorHasReview, {product_id, author_id}).empty();
}

bool ReviewStore::has_bought(storage::Connection& connection, std::string_view customer_id,
                             std::string_view product_id) {
  return !connection.query(kHasBought, {customer_id, product_id}).empty();
}

std::vector<ReviewView> ReviewStore::list(storage::Connection& connection, const ReviewPageQuery& query) {
  std::vector<ReviewView> views;
  const auto sql = list_sql(query.include_hidden, query.sort);
  for (const auto row : connection.query(sql, {query.product_id, query.limit, query.offset}))
    views.push_back(read_view(row));
  return views;
}

std::int64_t ReviewStore::count(storage::Connection& connection, std::string_view product_id, bool include_hidden) {
  return connection.query(include_hidden ? kCountAll : kCountShown, {product_id}).front().integer(0);
}

void ReviewStore::refresh_rating(storage::Connection& connection, std::string_view product_id) {
  connection.execute(kRefreshRating, {product_id});
}

}  // namespace emporium::reviews
