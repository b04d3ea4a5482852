#include "webhooks/webhook_routes.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/query.hpp"
#include "webhooks/webhook_json.hpp"

namespace emporium::webhooks {
namespace {
using http::Access;
using http::Execution;
using http::Method;
using http::Request;
using http::Response;
using http::Role;

const Access kSellers = Access::roles_only({Role::Admin, Role::Vendor});

http::PageRequest read_plain_page(http::QueryReader& reader) {
  const auto page = http::read_page(reader);
  if (page.cursor) reader.fail("cursor", "is not supported here: use page");
  return page;
}

Result<Response> list(EndpointService& endpoints, const Request& request) {
  http::QueryReader reader(request);
  const auto page = read_plain_page(reader);
  reader.reject_unknown();
  if (auto ok = reader.finish(); !ok) return ok.error();
  auto listing = endpoints.list(request.principal(), page.limit, page.offset());
  if (!listing) return listing.error();
  boost::json::array data;
  for (const auto& endpoint : listing->endpoints) data.push_back(endpoint_json(endpoint));
  return http::json_response(
      200, boost::json::object{{"data", std::move(data)}, {"pagination", http::pagination_json(page, listing->total)}});
}

Result<Response> create(EndpointService& endpoints, bool allow_http, const Request& request) {
  auto input = read_endpoint_input(request, allow_http);
  if (!input) return input.error();
  auto endpoint = endpoints.create(request.principal(), std::move(*input), request.client_ip);
  if (!endpoint) return endpoint.error();
  auto body = endpoint_json(*endpoint);
  body["secret"] = endpoint->secret;  // shown this once
  auto response = http::json_response(201, body);
  response.set_header("Location", "/api/webhooks/" + endpoint->id);
  response.set_header("Cache-Control", "no-store");
  return response;
}

Result<Response> show(EndpointService& endpoints, const Request& request) {
  auto endpoint = endpoints.get(request.principal(), request.param("id"));
  if (!endpoint) return endpoint.error();
  return http::json_response(200, endpoint_json(*endpoint));
}

Result<Response> patch(EndpointService& endpoints, bool allow_http, const Request& request) {
  auto changes = read_endpoint_patch(request, allow_http);
  if (!changes) return changes.error();
  auto endpoint = endpoints.update(request.principal(), request.param("id"), std::move(*changes), request.client_ip);
  if (!endpoint) return endpoint.error();
  return http::json_response(200, endpoint_json(*endpoint));
}

Result<Response> remove(EndpointService& endpoints, const Request& request) {
  auto removed = endpoints.remove(request.principal(), request.param("id"), request.client_ip);
  if (!removed) return removed.error();
  return http::no_content();
}

Result<Response> deliveries(EndpointService& endpoints, const Request& request) {
  http::QueryReader reader(request);
  const auto page = read_plain_page(reader);
  DeliveryQuery query{.limit = page.limit, .offset = page.offset()};
  if (const auto state = reader.text("state", 20)) {
    query.state = delivery_state_from_string(*state);
    if (!query.state) reader.fail("state", "must be pending, delivering, delivered or failed");
  }
  reader.reject_unknown();
  if (auto ok = reader.finish(); !ok) return ok.error();
  auto listing = endpoints.deliveries(request.principal(), request.param("id"), std::move(query));
  if (!listing) return listing.error();
  boost::json::array data;
  for (const auto& delivery : listing->deliveries) data.push_back(delivery_json(delivery));
  return http::json_response(
      200, boost::json::object{{"data", std::move(data)}, {"pagination", http::pagination_json(page, listing->total)}});
}

Result<Response> retry(EndpointService& endpoints, const Request& request) {
  auto delivery = endpoints.retry(request.principal(), request.param("id"), request.param("deliveryId"));
  if (!delivery) return delivery.error();
  return http::json_response(202, delivery_json(*delivery));
}
}  // namespace

void register_webhook_routes(http::Router& router, EndpointService& endpoints, bool allow_http) {
  auto* s = &endpoints;
  router.add({.method = Method::Get,
              .path = "/api/webhooks",
              .access = kSellers,
              .handler = [s](Request& r) { return list(*s, r); },
              .execution = Execution::Database});
  // Registering and changing the URL resolve its host (DNS): off the I/O threads.
  router.add({.method = Method::Post,
              .path = "/api/webhooks",
              .access = kSellers,
              .handler = [s, allow_http](Request& r) { return create(*s, allow_http, r); },
              .execution = Execution::Remote});
  router.add({.method = Method::Get,
              .path = "/api/webhooks/:id",
              .access = kSellers,
              .handler = [s](Request& r) { return show(*s, r); },
              .execution = Execution::Database});
  router.add({.method = Method::Patch,
              .path = "/api/webhooks/:id",
              .access = kSellers,
              .handler = [s, allow_http](Request& r) { return patch(*s, allow_http, r); },
              .execution = Execution::Remote});
  router.add({.method = Method::Delete,
              .path = "/api/webhooks/:id",
              .access = kSellers,
              .handler = [s](Request& r) { return remove(*s, r); },
              .execution = Execution::Database});
  router.add({.method = Method::Get,
              .path = "/api/webhooks/:id/deliveries",
              .access = kSellers,
              .handler = [s](Request& r) { return deliveries(*s, r); },
              .execution = Execution::Database});
  router.add({.method = Method::Post,
              .path = "/api/webhooks/:id/deliveries/:deliveryId/retry",
              .access = kSellers,
              .handler = [s](Request& r) { return retry(*s, r); },
              .execution = Execution::Database});
}

}  // namespace emporium::webhooks
