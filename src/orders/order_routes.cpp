#include "orders/order_routes.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/query.hpp"
#include "idempotency/idempotency_http.hpp"
#include "orders/order_json.hpp"

namespace emporium::orders {
namespace {
using http::Access;
using http::Execution;
using http::Method;
using http::Principal;
using http::QueryReader;
using http::Request;
using http::Response;
using http::Role;

// The order as this caller may see it: vendors get their own lines only (and no payment).
boost::json::object view_of(OrderServices& services, const Principal& principal, const Order& order) {
  if (principal.role == Role::Vendor) return vendor_order_json(order, principal.user_id);
  return order_json(order, services.sessions.session_of(principal, order));
}

std::optional<Timestamp> read_time(QueryReader& reader, std::string_view key) {
  const auto text = reader.text(key, 40);
  if (!text) return std::nullopt;
  auto time = parse_iso8601(*text);
  if (!time) reader.fail(key, "must be an ISO 8601 timestamp, like 2026-11-27T10:00:00Z");
  return time;
}

Result<std::pair<OrderListParams, http::PageRequest>> read_list_params(const Request& request) {
  QueryReader reader(request);
  OrderListParams params;
  const auto page = http::read_page(reader);
  if (page.cursor) reader.fail("cursor", "is not supported for orders: use page");
  if (const auto status = reader.text("status", 40)) {
    params.status = order_status_from_string(*status);
    if (!params.status) reader.fail("status", "is not an order status");
  }
  // Only admins list other people's orders; for anyone else the parameter is unknown.
  if (request.principal().role == Role::Admin) params.customer_id = reader.text("customerId", 100);
  params.created_from = read_time(reader, "createdFrom");
  params.created_to = read_time(reader, "createdTo");
  reader.reject_unknown();
  if (auto ok = reader.finish(); !ok) return ok.error();
  params.limit = page.limit;
  params.offset = page.offset();
  return std::pair{std::move(params), page};
}

Result<Response> place(OrderServices& services, const Request& request) {
  const auto& principal = request.principal();
  auto key = idempotency::key_use(request, principal.user_id);
  if (!key) return key.error();
  auto input = read_place_order(request, services.limits);
  if (!input) return input.error();
  auto placement = services.placement.place(
      {.customer_id = principal.user_id, .client_ip = request.client_ip, .input = std::move(*input), .key = *key});
  if (!placement) return placement.error();
  if (placement->replay) return idempotency::replayed(*placement->replay);
  auto response = http::json_response(201, order_json(placement->order, placement->payment));
  response.set_header("Location", "/api/orders/" + placement->order.id);
  if (placement->resumed) {
    response.set_header("Idempotent-Replayed", "true");
  } else if (*key) {
    services.placement.remember(**key, placement->claim_token, idempotency::to_stored(response));
  }
  return response;
}

Result<Response> list(OrderServices& services, const Request& request) {
  auto params = read_list_params(request);
  if (!params) return params.error();
  const auto& principal = request.principal();
  const auto page = services.queries.list(principal, params->first);
  boost::json::array data;
  if (principal.role == Role::Vendor) {
    for (const auto& order : page.orders) data.push_back(vendor_order_json(order, principal.user_id));
  } else {
    const auto payments = services.sessions.sessions_of(principal, page.orders);
    for (std::size_t i = 0; i < page.orders.size(); ++i) data.push_back(order_json(page.orders[i], payments[i]));
  }
  return http::json_response(200,
                             boost::json::object{{"data", std::move(data)},
                                                 {"pagination", http::pagination_json(params->second, page.total)}});
}

Result<Response> show(OrderServices& services, const Request& request) {
  auto order = services.queries.get(request.principal(), request.param("id"));
  if (!order) return order.error();
  return http::json_response(200, view_of(services, request.principal(), *order));
}

// Starts the payment again when the provider could not be reached at placing (payment.status "not_started");
// otherwise answers the order as it is. Only the order's customer: the session's secrets are theirs.
Result<Response> start_session(OrderServices& services, const Request& request) {
  const auto& principal = request.principal();
  auto order = services.queries.get(principal, request.param("id"));
  if (!order) return order.error();
  if (order->customer_id != principal.user_id) return problems::not_found("No such order.");
  if (order->status != OrderStatus::PendingPayment)
    return problems::conflict("order_not_payable", "Only an order awaiting payment can start its payment.");
  return http::json_response(200, order_json(*order, services.sessions.ensure_started(*order)));
}

Result<Response> timeline(OrderServices& services, const Request& request) {
  const auto& principal = request.principal();
  auto events = services.queries.events(principal, request.param("id"));
  if (!events) return events.error();
  boost::json::array data;
  for (const auto& event : *events) data.push_back(event_json(event, principal.role != Role::Vendor));
  return http::json_response(200, boost::json::object{{"data", std::move(data)}});
}

Result<Response> change_status(OrderServices& services, const Request& request) {
  auto change = read_status_change(request);
  if (!change) return change.error();
  auto order = services.lifecycle.change_status(request.principal(), request.param("id"), *change, request.client_ip);
  if (!order) return order.error();
  return http::json_response(200, view_of(services, request.principal(), *order));
}

Result<Response> cancel(OrderServices& services, const Request& request) {
  auto note = read_cancel_note(request);
  if (!note) return note.error();
  auto order = services.lifecycle.cancel(request.principal(), request.param("id"), std::move(*note), request.client_ip);
  if (!order) return order.error();
  return http::json_response(200, view_of(services, request.principal(), *order));
}
}  // namespace

void register_order_routes(http::Router& router, OrderServices& services) {
  const auto signed_in = Access::authenticated();
  auto* s = &services;
  router.add({.method = Method::Post,
              .path = "/api/orders",
              .access = Access::roles_only({Role::Customer}),
              .handler = [s](Request& r) { return place(*s, r); },
              .execution = Execution::Remote});  // the payment provider is called after the commit
  router.add({.method = Method::Get,
              .path = "/api/orders",
              .access = signed_in,
              .handler = [s](Request& r) { return list(*s, r); },
              .execution = Execution::Database});
  router.add({.method = Method::Get,
              .path = "/api/orders/:id",
              .access = signed_in,
              .handler = [s](Request& r) { return show(*s, r); },
              .execution = Execution::Database});
  router.add({.method = Method::Get,
              .path = "/api/orders/:id/events",
              .access = signed_in,
              .handler = [s](Request& r) { return timeline(*s, r); },
              .execution = Execution::Database});
  router.add({.method = Method::Put,
              .path = "/api/orders/:id/status",
              .access = Access::roles_only({Role::Admin, Role::Vendor}),
              .handler = [s](Request& r) { return change_status(*s, r); },
              .execution = Execution::Database});
  router.add({.method = Method::Post,
              .path = "/api/orders/:id/cancel",
              .access = Access::roles_only({Role::Customer, Role::Admin}),
              .handler = [s](Request& r) { return cancel(*s, r); },
              .execution = Execution::Database});
  router.add({.method = Method::Post,
              .path = "/api/orders/:id/payment/session",
              .access = Access::roles_only({Role::Customer}),
              .handler = [s](Request& r) { return start_session(*s, r); },
              .execution = Execution::Remote});
}

}  // namespace emporium::orders
