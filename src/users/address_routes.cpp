#include "users/address_routes.hpp"

#include "http/query.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <limits>

#include "http/json_body.hpp"
#include "users/address_reader.hpp"

namespace emporium::users {
namespace {
using http::Access;
using http::Execution;
using http::Method;
using http::ObjectReader;
using http::Request;
using http::Response;

// Lengths and formats are the service's rules (address_errors): the reader only checks types here.
const http::StringRule kAnyText{.min_length = 0, .max_length = std::numeric_limits<std::size_t>::max()};

boost::json::value text_or_null(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return boost::json::string(*text);
}

boost::json::object to_json(const Address& address) {
  return {{"id", address.id},
          {"label", text_or_null(address.label)},
          {"fullName", address.full_name},
          {"line1", address.line1},
          {"line2", text_or_null(address.line2)},
          {"city", address.city},
          {"region", text_or_null(address.region)},
          {"postalCode", text_or_null(address.postal_code)},
          {"country", address.country},
          {"phone", text_or_null(address.phone)},
          {"isDefaultShipping", address.is_default_shipping},
          {"isDefaultBilling", address.is_default_billing},
          {"createdAt", to_iso8601(address.created_at)},
          {"updatedAt", to_iso8601(address.updated_at)}};
}

void read_fields(ObjectReader& reader, AddressInput& out) {
  reader.optional("label", out.label, kAnyText);
  read_postal_address(reader, out);
  reader.optional("isDefaultShipping", out.is_default_shipping);
  reader.optional("isDefaultBilling", out.is_default_billing);
}

// A client sees a missing city, a number for a name and an unknown country code at once.
Result<AddressInput> read_address(const Request& request) {
  return http::read_json_body<AddressInput>(
      request, read_fields, [](const AddressInput& input) { return address_errors(normalised_address(input)); });
}

Result<Response> list(AddressService& addresses, const Request& request) {
  boost::json::array data;
  for (const auto& address : addresses.list(request.principal().user_id)) data.push_back(to_json(address));
  // The API's list shape; the book holds at most 20 addresses, so it is always one page.
  const auto total = static_cast<std::int64_t>(data.size());
  return http::json_response(
      200, boost::json::object{{"data", std::move(data)}, {"pagination", http::pagination_json({}, total)}});
}

Result<Response> create(AddressService& addresses, const Request& request) {
  auto input = read_address(request);
  if (!input) return input.error();
  auto address = addresses.create(request.principal().user_id, std::move(*input));
  if (!address) return address.error();
  auto response = http::json_response(201, to_json(*address));
  response.set_header("Location", "/api/users/me/addresses/" + address->id);
  return response;
}

Result<Response> replace(AddressService& addresses, const Request& request) {
  auto input = read_address(request);
  if (!input) return input.error();
  auto address = addresses.replace(request.principal().user_id, std::string(request.param("id")), std::move(*input));
  if (!address) return address.error();
  return http::json_response(200, to_json(*address));
}

Result<Response> show(AddressService& addresses, const Request& request) {
  auto address = addresses.get(request.principal().user_id, std::string(request.param("id")));
  if (!address) return address.error();
  return http::json_response(200, to_json(*address));
}

Result<Response> remove(AddressService& addresses, const Request& request) {
  auto removed = addresses.remove(request.principal().user_id, std::string(request.param("id")));
  if (!removed) return removed.error();
  return http::no_content();
}
}  // namespace

void register_address_routes(http::Router& router, AddressService& addresses) {
  const auto signed_in = Access::authenticated();
  router.add({.method = Method::Get,
              .path = "/api/users/me/addresses",
              .access = signed_in,
              .handler = [&addresses](Request& request) { return list(addresses, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Post,
              .path = "/api/users/me/addresses",
              .access = signed_in,
              .handler = [&addresses](Request& request) { return create(addresses, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Get,
              .path = "/api/users/me/addresses/:id",
              .access = signed_in,
              .handler = [&addresses](Request& request) { return show(addresses, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Put,
              .path = "/api/users/me/addresses/:id",
              .access = signed_in,
              .handler = [&addresses](Request& request) { return replace(addresses, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Delete,
              .path = "/api/users/me/addresses/:id",
              .access = signed_in,
              .handler = [&addresses](Request& request) { return remove(addresses, request); },
              .execution = Execution::Database});
}

}  // namespace emporium::users
