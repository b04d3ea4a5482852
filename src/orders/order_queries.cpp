#include "orders/order_queries.hpp"

#include <algorithm>

#include "orders/order_errors.hpp"

namespace emporium::orders {
namespace {
using storage::Connection;

OrderFilter filter_for(const http::Principal& principal, const OrderListParams& params) {
  OrderFilter filter{.status = params.status, .created_from = params.created_from, .created_to = params.created_to};
  switch (principal.role) {
    case http::Role::Customer:
      filter.scope = OrderFilter::Scope::Customer;
      filter.owner_id = principal.user_id;
      break;
    case http::Role::Vendor:
      filter.scope = OrderFilter::Scope::Vendor;
      filter.owner_id = principal.user_id;
      break;
    case http::Role::Admin:
      filter.scope = OrderFilter::Scope::All;
      filter.owner_id = params.customer_id;
      break;
  }
  return filter;
}
}  // namespace

bool can_see(const http::Principal& principal, const Order& order) {
  switch (principal.role) {
    case http::Role::Admin:
      return true;
    case http::Role::Customer:
      return order.customer_id == principal.user_id;
    case http::Role::Vendor:
      return std::any_of(order.lines.begin(), order.lines.end(),
                         [&](const OrderLine& line) { return line.vendor_id == principal.user_id; });
  }
  return false;
}

OrderPage OrderQueries::list(const http::Principal& principal, const OrderListParams& params) {
  const auto filter = filter_for(principal, params);
  return storage::with_connection(context_.database, [&](Connection& connection) {
    OrderPage page;
    page.orders = OrderStore::list(connection, filter, params.limit, params.offset, page.total);
    return page;
  });
}

Result<Order> OrderQueries::get(const http::Principal& principal, std::string_view order_id) {
  if (!is_valid_id(order_id, "ord")) return errors::order_not_found();
  auto order = storage::with_connection(context_.database,
                                        [&](Connection& connection) { return OrderStore::find(connection, order_id); });
  if (!order || !can_see(principal, *order)) return errors::order_not_found();
  return std::move(*order);
}

Result<std::vector<OrderEvent>> OrderQueries::events(const http::Principal& principal, std::string_view order_id) {
  auto order = get(principal, order_id);
  if (!order) return order.error();
  auto events = storage::with_connection(
      context_.database, [&](Connection& connection) { return OrderStore::events_of(connection, order_id); });
  if (principal.role == http::Role::Vendor) {
    std::erase_if(events, [&](const OrderEvent& event) {
      return event.type == event_types::kLinesShipped && event.actor_id != principal.user_id;
    });
  }
  return events;
}

}  // namespace emporium::orders
