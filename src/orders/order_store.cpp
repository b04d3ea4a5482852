#include "orders/order_store.hpp"

#include <map>

#include "orders/order_codec.hpp"
#include "storage/sql_lists.hpp"

namespace emporium::orders {
namespace {
using storage::Connection;
using storage::Param;
using storage::Row;

constexpr std::string_view kOrderColumns =
    "id, customer_id, status, currency, subtotal, discount, shipping, tax, total, coupon_id, coupon_code, "
    "shipping_address, billing_address, payment_provider, payment_status, idempotency_key, expires_at, paid_at, "
    "cancelled_at, created_at, updated_at, version, invoice_number";
constexpr std::string_view kInsertOrder =
    "INSERT INTO orders (id, customer_id, status, currency, subtotal, discount, shipping, tax, total, coupon_id, "
    "coupon_code, shipping_address, billing_address, payment_provider, payment_status, idempotency_key, expires_at, "
    "paid_at, cancelled_at, created_at, updated_at, version) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, NULL, NULL, $18, $18, 1)";
constexpr std::string_view kLineColumns =
    "id, order_id, position, product_id, variant_id, vendor_id, product_name, sku, options, unit_price, quantity, "
    "line_total, fulfillment_status, carrier, tracking_number, shipped_at";
constexpr std::string_view kInsertLine =
    "INSERT INTO order_lines (id, order_id, position, product_id, variant_id, vendor_id, product_name, sku, options, "
    "unit_price, quantity, line_total, fulfillment_status, carrier, tracking_number, shipped_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'unfulfilled', NULL, NULL, NULL)";
constexpr std::string_view kInsertEvent =
    "INSERT INTO order_events (id, order_id, type, from_status, to_status, actor_id, note, data, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr std::string_view kEventsOf =
    "SELECT id, order_id, type, from_status, to_status, actor_id, note, data, created_at FROM order_events "
    "WHERE order_id = $1 ORDER BY created_at, id";

// $1 the order, $2 the status it must still have, $3 the new one, $4 now, $5 payment status (NULL: keep),
// $6 paid_at (NULL: keep), $7 cancelled_at (NULL: keep), $8 expired by (NULL: not an expiry).
constexpr std::string_view kUpdateStatus =
    "UPDATE orders SET status = $3, updated_at = $4, version = version + 1, expires_at = NULL, "
    "payment_status = COALESCE(CAST($5 AS TEXT), payment_status), paid_at = COALESCE(CAST($6 AS BIGINT), paid_at), "
    "cancelled_at = COALESCE(CAST($7 AS BIGINT), cancelled_at) "
    "WHERE id = $1 AND status = $2 AND (CAST($8 AS BIGINT) IS NULL OR expires_at <= $8)";
constexpr std::string_view kTouch =
    "UPDATE orders SET updated_at = $3, version = version + 1 WHERE id = $1 AND status = $2";
constexpr std::string_view kLock = "UPDATE orders SET version = version WHERE id = $1";
constexpr std::string_view kSetPaymentStatus =
    "UPDATE orders SET payment_status = $3, updated_at = $4, version = version + 1 WHERE id = $1 AND status = $2";
constexpr std::string_view kShipLines =
    "UPDATE order_lines SET fulfillment_status = 'shipped', carrier = $3, tracking_number = $4, shipped_at = $5 "
    "WHERE order_id = $1 AND fulfillment_status = 'unfulfilled' AND (CAST($2 AS TEXT) IS NULL OR vendor_id = $2)";
constexpr std::string_view kDeliverLines =
    "UPDATE order_lines SET fulfillment_status = 'delivered' WHERE order_id = $1";
constexpr std::string_view kCountUnshipped =
    "SELECT COUNT(*) FROM order_lines WHERE order_id = $1 AND fulfillment_status = 'unfulfilled'";
constexpr std::string_view kDueForExpiry =
    "SELECT id FROM orders WHERE status = 'pending_payment' AND expires_at <= $1 ORDER BY expires_at, id LIMIT $2";

// The list filters every scope shares: $2 status, $3 created from, $4 created to (NULL: any).
constexpr std::string_view kFilters =
    " AND (CAST($2 AS TEXT) IS NULL OR status = $2) AND (CAST($3 AS BIGINT) IS NULL OR created_at >= $3)"
    " AND (CAST($4 AS BIGINT) IS NULL OR created_at <= $4)";
// $1 is the customer (required), the vendor, or an optional customer.
constexpr std::string_view kCustomerScope = " FROM orders WHERE customer_id = $1";
constexpr std::string_view kVendorScope =
    " FROM orders WHERE id IN (SELECT order_id FROM order_lines WHERE vendor_id = $1)";
constexpr std::string_view kAllScope = " FROM orders WHERE (CAST($1 AS TEXT) IS NULL OR customer_id = $1)";
constexpr std::string_view kNewestFirst = " ORDER BY created_at DESC, id DESC LIMIT $5 OFFSET $6";

std::optional<Timestamp> optional_time(const Row& row, std::size_t column) {
  if (row.is_null(column)) return std::nullopt;
  return from_unix_millis(row.integer(column));
}

Param optional_millis(const std::optional<Timestamp>& time) {
  if (!time) return nullptr;
  return to_unix_millis(*time);
}

Order read_order(const Row& row) {
  return Order{.id = row.text(0),
               .customer_id = row.text(1),
               .status = order_status_from_string(row.text_view(2)).value_or(OrderStatus::PendingPayment),
               .currency = row.text(3),
               .subtotal = row.integer(4),
               .discount = row.integer(5),
               .shipping = row.integer(6),
               .tax = row.integer(7),
               .total = row.integer(8),
               .coupon_id = row.optional_text(9),
               .coupon_code = row.optional_text(10),
               .shipping_address = decode_address(row.text_view(11)),
               .billing_address = decode_address(row.text_view(12)),
               .payment_provider = row.text(13),
               .payment_status = row.text(14),
               .idempotency_key = row.optional_text(15),
               .expires_at = optional_time(row, 16),
               .paid_at = optional_time(row, 17),
               .cancelled_at = optional_time(row, 18),
               .created_at = from_unix_millis(row.integer(19)),
               .updated_at = from_unix_millis(row.integer(20)),
               .version = row.integer(21),
               .invoice_number = row.optional_text(22)};
}

OrderLine read_line(const Row& row) {
  return OrderLine{
      .id = row.text(0),
      .order_id = row.text(1),
      .position = row.integer(2),
      .product_id = row.text(3),
      .variant_id = row.text(4),
      .vendor_id = row.text(5),
      .product_name = row.text(6),
      .sku = row.text(7),
      .options = decode_options(row.text_view(8)),
      .unit_price = row.integer(9),
      .quantity = row.integer(10),
      .line_total = row.integer(11),
      .fulfillment = fulfillment_status_from_string(row.text_view(12)).value_or(FulfillmentStatus::Unfulfilled),
      .carrier = row.optional_text(13),
      .tracking_number = row.optional_text(14),
      .shipped_at = optional_time(row, 15)};
}

// Fills in the lines of `orders` with one query.
void attach_lines(Connection& connection, std::vector<Order>& orders) {
  if (orders.empty()) return;
  std::vector<Param> ids;
  for (const auto& order : orders) ids.emplace_back(std::string_view(order.id));
  const auto sql = "SELECT " + std::string(kLineColumns) + " FROM order_lines WHERE order_id IN (" +
                   storage::placeholders(ids.size()) + ") ORDER BY order_id, position";
  std::map<std::string, std::vector<OrderLine>, std::less<>> by_order;
  for (const auto row : connection.query(sql, ids)) {
    auto line = read_line(row);
    by_order[line.order_id].push_back(std::move(line));
  }
  for (auto& order : orders) {
    if (auto found = by_order.find(order.id); found != by_order.end()) order.lines = std::move(found->second);
  }
}

std::optional<Order> first_with_lines(Connection& connection, const storage::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  std::vector<Order> orders{read_order(rows.front())};
  attach_lines(connection, orders);
  return std::move(orders.front());
}

std::string_view scope_sql(OrderFilter::Scope scope) {
  switch (scope) {
    case OrderFilter::Scope::Customer:
      return kCustomerScope;
    case OrderFilter::Scope::Vendor:
      return kVendorScope;
    case OrderFilter::Scope::All:
      break;
  }
  return kAllScope;
}
}  // namespace

void OrderStore::insert(Connection& connection, const Order& o) {
  const auto shipping = encode_address(o.shipping_address);
  const auto billing = encode_address(o.billing_address);
  connection.execute(
      kInsertOrder,
      {std::string_view(o.id), std::string_view(o.customer_id), to_string(o.status), std::string_view(o.currency),
       o.subtotal, o.discount, o.shipping, o.tax, o.total, storage::nullable(o.coupon_id),
       storage::nullable(o.coupon_code), std::string_view(shipping), std::string_view(billing),
       std::string_view(o.payment_provider), std::string_view(o.payment_status), storage::nullable(o.idempotency_key),
       optional_millis(o.expires_at), to_unix_millis(o.created_at)});
  for (const auto& line : o.lines) {
    const auto options = encode_options(line.options);
    connection.execute(
        kInsertLine,
        {std::string_view(line.id), std::string_view(o.id), line.position, std::string_view(line.product_id),
         std::string_view(line.variant_id), std::string_view(line.vendor_id), std::string_view(line.product_name),
         std::string_view(line.sku), std::string_view(options), line.unit_price, line.quantity, line.line_total});
  }
}

void OrderStore::insert_event(Connection& connection, const OrderEvent& e) {
  const Param from = e.from_status ? Param(to_string(*e.from_status)) : Param(nullptr);
  const Param to = e.to_status ? Param(to_string(*e.to_status)) : Param(nullptr);
  connection.execute(kInsertEvent, {std::string_view(e.id), std::string_view(e.order_id), std::string_view(e.type),
                                    from, to, storage::nullable(e.actor_id), storage::nullable(e.note),
                                    std::string_view(e.data), to_unix_millis(e.created_at)});
}

std::optional<Order> OrderStore::find(Connection& connection, std::string_view id) {
  const auto sql = "SELECT " + std::string(kOrderColumns) + " FROM orders WHERE id = $1";
  return first_with_lines(connection, connection.query(sql, {id}));
}

std::optional<Order> OrderStore::find_by_key(Connection& connection, std::string_view customer_id, std::string_view key,
                                             Timestamp since) {
  const auto sql = "SELECT " + std::string(kOrderColumns) +
                   " FROM orders WHERE customer_id = $1 AND idempotency_key = $2 AND created_at >= $3 "
                   "ORDER BY created_at DESC, id DESC LIMIT 1";
  return first_with_lines(connection, connection.query(sql, {customer_id, key, to_unix_millis(since)}));
}

std::vector<Order> OrderStore::list(Connection& connection, const OrderFilter& filter, std::int64_t limit,
                                    std::int64_t offset, std::int64_t& total) {
  const auto scope = std::string(scope_sql(filter.scope)) + std::string(kFilters);
  const Param status = filter.status ? Param(to_string(*filter.status)) : Param(nullptr);
  const std::vector<Param> params{storage::nullable(filter.owner_id), status, optional_millis(filter.created_from),
                                  optional_millis(filter.created_to), limit,  offset};
  total = connection.query("SELECT COUNT(*)" + scope, std::span(params).first(4)).front().integer(0);
  std::vector<Order> orders;
  const auto sql = "SELECT " + std::string(kOrderColumns) + scope + std::string(kNewestFirst);
  for (const auto row : connection.query(sql, params)) orders.push_back(read_order(row));
  attach_lines(connection, orders);
  return orders;
}

std::vector<OrderEvent> OrderStore::events_of(Connection& connection, std::string_view order_id) {
  std::vector<OrderEvent> events;
  for (const auto row : connection.query(kEventsOf, {order_id})) {
    const auto status = [&](std::size_t column) -> std::optional<OrderStatus> {
      if (row.is_null(column)) return std::nullopt;
      return order_status_from_string(row.text_view(column));
    };
    events.push_back(OrderEvent{.id = row.text(0),
                                .order_id = row.text(1),
                                .type = row.text(2),
                                .from_status = status(3),
                                .to_status = status(4),
                                .actor_id = row.optional_text(5),
                                .note = row.optional_text(6),
                                .data = row.text(7),
                                .created_at = from_unix_millis(row.integer(8))});
  }
  return events;
}

bool OrderStore::update_status(Connection& connection, std::string_view id, const StatusWrite& w) {
  const auto now = to_unix_millis(w.now);
  const Param payment = w.payment_status ? Param(*w.payment_status) : Param(nullptr);
  const Param paid_at = w.set_paid_at ? Param(now) : Param(nullptr);
  const Param cancelled_at = w.set_cancelled_at ? Param(now) : Param(nullptr);
  return connection.execute(kUpdateStatus, {id, to_string(w.from), to_string(w.to), now, payment, paid_at, cancelled_at,
                                            optional_millis(w.expired_by)}) == 1;
}

bool OrderStore::lock(Connection& connection, std::string_view id) { return connection.execute(kLock, {id}) == 1; }

bool OrderStore::set_payment_status(Connection& connection, std::string_view id, OrderStatus status,
                                    std::string_view payment_status, Timestamp now) {
  return connection.execute(kSetPaymentStatus, {id, to_string(status), payment_status, to_unix_millis(now)}) == 1;
}

bool OrderStore::touch(Connection& connection, std::string_view id, OrderStatus status, Timestamp now) {
  return connection.execute(kTouch, {id, to_string(status), to_unix_millis(now)}) == 1;
}

std::int64_t OrderStore::ship_lines(Connection& connection, std::string_view order_id,
                                    std::optional<std::string_view> vendor_id,
                                    const std::optional<std::string>& carrier,
                                    const std::optional<std::string>& tracking_number, Timestamp now) {
  const Param vendor = vendor_id ? Param(*vendor_id) : Param(nullptr);
  return connection.execute(kShipLines, {order_id, vendor, storage::nullable(carrier),
                                         storage::nullable(tracking_number), to_unix_millis(now)});
}

void OrderStore::deliver_lines(Connection& connection, std::string_view order_id) {
  connection.execute(kDeliverLines, {order_id});
}

std::int64_t OrderStore::count_unshipped(Connection& connection, std::string_view order_id) {
  return connection.query(kCountUnshipped, {order_id}).front().integer(0);
}

std::vector<std::string> OrderStore::due_for_expiry(Connection& connection, Timestamp now, std::int64_t limit) {
  std::vector<std::string> ids;
  for (const auto row : connection.query(kDueForExpiry, {to_unix_millis(now), limit})) ids.push_back(row.text(0));
  return ids;
}

}  // namespace emporium::orders
