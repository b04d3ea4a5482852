#include "coupons/coupon_store.hpp"

#include <map>

#include "coupons/coupon_rules.hpp"
#include "storage/sql_lists.hpp"

namespace emporium::coupons {
namespace {
using storage::nullable;
using storage::Param;

constexpr std::string_view kColumns =
    "id, code, type, value, currency, min_subtotal, starts_at, expires_at, usage_limit, per_customer_limit, "
    "times_used, active, created_at, updated_at";
constexpr std::string_view kInsert =
    "INSERT INTO coupons (id, code, code_key, type, value, currency, min_subtotal, starts_at, expires_at, "
    "usage_limit, per_customer_limit, times_used, active, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12, $13, $13) ON CONFLICT DO NOTHING";
constexpr std::string_view kUpdate =
    "UPDATE coupons SET code = $2, code_key = $3, type = $4, value = $5, currency = $6, min_subtotal = $7, "
    "starts_at = $8, expires_at = $9, usage_limit = $10, per_customer_limit = $11, active = $12, updated_at = $13 "
    "WHERE id = $1 AND deleted_at IS NULL";
constexpr std::string_view kSoftDelete =
    "UPDATE coupons SET deleted_at = $2, updated_at = $2 WHERE id = $1 AND deleted_at IS NULL";
constexpr std::string_view kCodeTaken = "SELECT 1 FROM coupons WHERE code_key = $1 AND id <> $2 AND deleted_at IS NULL";
constexpr std::string_view kDeleteProducts = "DELETE FROM coupon_products WHERE coupon_id = $1";
constexpr std::string_view kDeleteCategories = "DELETE FROM coupon_categories WHERE coupon_id = $1";
constexpr std::string_view kInsertProduct = "INSERT INTO coupon_products (coupon_id, product_id) VALUES ($1, $2)";
constexpr std::string_view kInsertCategory = "INSERT INTO coupon_categories (coupon_id, category_id) VALUES ($1, $2)";
// The conditional update that makes redemptions race-free: exactly one row, or the coupon cannot be used.
constexpr std::string_view kCountUse =
    "UPDATE coupons SET times_used = times_used + 1, updated_at = $2 "
    "WHERE id = $1 AND deleted_at IS NULL AND active AND (usage_limit IS NULL OR times_used < usage_limit) "
    "AND (expires_at IS NULL OR expires_at > $2) RETURNING per_customer_limit";
constexpr std::string_view kCustomerRedemptions =
    "SELECT COUNT(*) FROM coupon_redemptions WHERE coupon_id = $1 AND customer_id = $2";
constexpr std::string_view kInsertRedemption =
    "INSERT INTO coupon_redemptions (coupon_id, customer_id, order_id, created_at) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kDeleteRedemption = "DELETE FROM coupon_redemptions WHERE coupon_id = $1 AND order_id = $2";
constexpr std::string_view kUncountUse =
    "UPDATE coupons SET times_used = times_used - 1, updated_at = $2 WHERE id = $1 AND times_used > 0";
// Absent filters are NULL parameters; the code prefix is a range on the key (no LIKE wildcards to escape).
constexpr std::string_view kFilter =
    " FROM coupons WHERE deleted_at IS NULL AND (CAST($1 AS BOOLEAN) IS NULL OR active = $1) "
    "AND (CAST($2 AS TEXT) IS NULL OR (code_key >= $2 AND code_key < $3))";

const std::string kSelect = "SELECT " + std::string(kColumns) + " FROM coupons WHERE deleted_at IS NULL";
const std::string kFind = kSelect + " AND id = $1";
const std::string kFindByCode = kSelect + " AND code_key = $1";
const std::string kList =
    "SELECT " + std::string(kColumns) + std::string(kFilter) + " ORDER BY created_at DESC, id DESC LIMIT $4 OFFSET $5";
const std::string kCount = "SELECT COUNT(*)" + std::string(kFilter);

std::optional<Timestamp> optional_time(const storage::Row& row, std::size_t column) {
  if (const auto millis = row.optional_integer(column)) return from_unix_millis(*millis);
  return std::nullopt;
}

Param optional_millis(const std::optional<Timestamp>& time) {
  if (!time) return nullptr;
  return to_unix_millis(*time);
}

Coupon read_coupon(const storage::Row& row) {
  return Coupon{.id = row.text(0),
                .code = row.text(1),
                .type = coupon_type_from_string(row.text_view(2)).value_or(CouponType::Percentage),
                .value = row.integer(3),
                .currency = row.optional_text(4),
                .min_subtotal = row.integer(5),
                .starts_at = optional_time(row, 6),
                .expires_at = optional_time(row, 7),
                .usage_limit = row.optional_integer(8),
                .per_customer_limit = row.optional_integer(9),
                .times_used = row.integer(10),
                .active = row.boolean(11),
                .product_ids = {},
                .category_ids = {},
                .created_at = from_unix_millis(row.integer(12)),
                .updated_at = from_unix_millis(row.integer(13))};
}

// Fills in the scope of every coupon with two queries.
void load_scopes(storage::Connection& connection, std::vector<Coupon>& coupons) {
  if (coupons.empty()) return;
  std::vector<Param> params;
  std::map<std::string, Coupon*> by_id;
  for (auto& coupon : coupons) {
    params.emplace_back(std::string_view(coupon.id));
    by_id.emplace(coupon.id, &coupon);
  }
  const auto in = " WHERE coupon_id IN (" + storage::placeholders(coupons.size()) + ")";
  for (const auto row : connection.query(
           "SELECT coupon_id, product_id FROM coupon_products" + in + " ORDER BY coupon_id, product_id", params))
    by_id.at(row.text(0))->product_ids.push_back(row.text(1));
  for (const auto row : connection.query(
           "SELECT coupon_id, category_id FROM coupon_categories" + in + " ORDER BY coupon_id, category_id", params))
    by_id.at(row.text(0))->category_ids.push_back(row.text(1));
}

std::optional<Coupon> first_with_scope(storage::Connection& connection, const storage::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  std::vector<Coupon> coupons{read_coupon(rows.front())};
  load_scopes(connection, coupons);
  return std::move(coupons.front());
}

// The parameters $2…$13 of kInsert and kUpdate, after the id.
std::vector<Param> write_params(const Coupon& c, const std::string& key, const std::string_view& type) {
  return {std::string_view(c.id),
          std::string_view(c.code),
          std::string_view(key),
          type,
          c.value,
          nullable(c.currency),
          c.min_subtotal,
          optional_millis(c.starts_at),
          optional_millis(c.expires_at),
          nullable(c.usage_limit),
          nullable(c.per_customer_limit),
          c.active,
          to_unix_millis(c.updated_at)};
}
}  // namespace

bool CouponStore::insert(storage::Connection& connection, const Coupon& coupon) {
  const auto key = code_key(coupon.code);
  return connection.execute(kInsert, write_params(coupon, key, to_string(coupon.type))) == 1;
}

bool CouponStore::update(storage::Connection& connection, const Coupon& coupon) {
  const auto key = code_key(coupon.code);
  return connection.execute(kUpdate, write_params(coupon, key, to_string(coupon.type))) == 1;
}

bool CouponStore::soft_delete(storage::Connection& connection, std::string_view id, Timestamp now) {
  return connection.execute(kSoftDelete, {id, to_unix_millis(now)}) == 1;
}

void CouponStore::replace_scope(storage::Connection& connection, const Coupon& coupon) {
  const std::string_view id = coupon.id;
  connection.execute(kDeleteProducts, {id});
  connection.execute(kDeleteCategories, {id});
  for (const auto& product : coupon.product_ids) connection.execute(kInsertProduct, {id, std::string_view(product)});
  for (const auto& category : coupon.category_ids)
    connection.execute(kInsertCategory, {id, std::string_view(category)});
}

std::optional<Coupon> CouponStore::find(storage::Connection& connection, std::string_view id) {
  return first_with_scope(connection, connection.query(kFind, {id}));
}

std::optional<Coupon> CouponStore::find_by_code(storage::Connection& connection, std::string_view code) {
  const auto key = code_key(code);
  return first_with_scope(connection, connection.query(kFindByCode, {std::string_view(key)}));
}

bool CouponStore::code_taken(storage::Connection& connection, std::string_view code, std::string_view except_id) {
  const auto key = code_key(code);
  return !connection.query(kCodeTaken, {std::string_view(key), except_id}).empty();
}

CouponPage CouponStore::list(storage::Connection& connection, const CouponFilter& filter) {
  std::optional<std::string> low;
  std::optional<std::string> high;
  if (filter.code_prefix) {
    low = code_key(*filter.code_prefix);
    high = *low + "\x7f";  // above every character a code may hold
  }
  const Param active = filter.active ? Param(*filter.active) : Param(nullptr);
  CouponPage page;
  for (const auto row : connection.query(kList, {active, nullable(low), nullable(high), filter.limit, filter.offset}))
    page.coupons.push_back(read_coupon(row));
  load_scopes(connection, page.coupons);
  page.total = connection.query(kCount, {active, nullable(low), nullable(high)}).front().integer(0);
  return page;
}

std::optional<CouponStore::CountedUse> CouponStore::count_use(storage::Connection& connection, std::string_view id,
                                                              Timestamp now) {
  const auto rows = connection.query(kCountUse, {id, to_unix_millis(now)});
  if (rows.empty()) return std::nullopt;
  return CountedUse{.per_customer_limit = rows.front().optional_integer(0)};
}

std::int64_t CouponStore::customer_redemptions(storage::Connection& connection, std::string_view coupon_id,
                                               std::string_view customer_id) {
  return connection.query(kCustomerRedemptions, {coupon_id, customer_id}).front().integer(0);
}

void CouponStore::insert_redemption(storage::Connection& connection, std::string_view coupon_id,
                                    std::string_view customer_id, std::string_view order_id, Timestamp now) {
  connection.execute(kInsertRedemption, {coupon_id, customer_id, order_id, to_unix_millis(now)});
}

bool CouponStore::delete_redemption(storage::Connection& connection, std::string_view coupon_id,
                                    std::string_view order_id) {
  return connection.execute(kDeleteRedemption, {coupon_id, order_id}) > 0;
}

void CouponStore::uncount_use(storage::Connection& connection, std::string_view coupon_id, Timestamp now) {
  connection.execute(kUncountUse, {coupon_id, to_unix_millis(now)});
}

}  // namespace emporium::coupons
