#include "users/api_key_routes.hpp"

#include "http/query.hpp"

#include <boost/json/array.hpp>

#include "users/route_helpers.hpp"
#include "users/user_json.hpp"
#include "users/users_errors.hpp"

namespace emporium::users {
namespace {
using http::Access;
using http::Method;
using http::ObjectReader;
using http::Request;
using http::Response;

Result<Response> create(ApiKeyService& api_keys, Request& request) {
  if (!request.principal().api_key_id.empty()) return errors::api_key_not_allowed();  // before reading the body
  auto name = http::read_json_body<std::string>(request, [](ObjectReader& reader, std::string& out) {
    reader.required("name", out, {.min_length = 1, .max_length = 100});
  });
  if (!name) return name.error();
  auto created = api_keys.create(request.principal(), std::move(*name), client_of(request));
  if (!created) return created.error();
  auto body = to_json(created->key);
  body["key"] = created->secret;
  auto response = http::json_response(201, body);
  response.set_header("Location", "/api/api-keys/" + created->key.id);
  return response;
}

Result<Response> list(ApiKeyService& api_keys, Request& request) {
  auto keys = api_keys.list(request.principal());
  if (!keys) return keys.error();
  boost::json::array data;
  for (const auto& key : *keys) data.push_back(to_json(key));
  // The API's list shape; a user holds at most 20 active keys, so it is always one page.
  const auto total = static_cast<std::int64_t>(data.size());
  return http::json_response(200, {{"data", std::move(data)}, {"pagination", http::pagination_json({}, total)}});
}

Result<Response> revoke(ApiKeyService& api_keys, Request& request) {
  auto result = api_keys.revoke(request.principal(), std::string(request.param("id")), client_of(request));
  if (!result) return result.error();
  return http::no_content();
}

}  // namespace

void register_api_key_routes(http::Router& router, ApiKeyService& api_keys) {
  const auto signed_in = Access::authenticated();
  router.add(
      {.method = Method::Post, .path = "/api/api-keys", .access = signed_in, .handler = [&api_keys](Request& request) {
         return create(api_keys, request);
       }});
  router.add(
      {.method = Method::Get, .path = "/api/api-keys", .access = signed_in, .handler = [&api_keys](Request& request) {
         return list(api_keys, request);
       }});
  router.add({.method = Method::Delete,
              .path = "/api/api-keys/:id",
              .access = signed_in,
              .handler = [&api_keys](Request& request) { return revoke(api_keys, request); }});
}

}  // namespace emporium::users
