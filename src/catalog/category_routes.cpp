#include "catalog/category_routes.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <limits>

#include "catalog/category_json.hpp"
#include "http/json_body.hpp"
#include "http/query.hpp"

namespace emporium::catalog {
namespace {
using http::Access;
using http::Execution;
using http::Method;
using http::ObjectReader;
using http::Request;
using http::Response;

constexpr std::string_view kRootFilter = "root";

// Lengths and formats are the service's rules (category_input_errors): the reader only checks types here.
const http::StringRule kAnyText{.min_length = 0, .max_length = std::numeric_limits<std::size_t>::max()};

CategoryActor actor_of(const Request& request) { return {request.principal().user_id, request.client_ip}; }

void read_fields(ObjectReader& reader, CategoryInput& out) {
  reader.required("name", out.name, kAnyText);
  reader.optional("slug", out.slug, kAnyText);
  reader.optional("description", out.description, kAnyText);
  reader.optional("parentId", out.parent_id, kAnyText);
  reader.optional("position", out.position);
}

// The service's rules in the same answer as the reader's, never two errors for one field.
Result<CategoryInput> read_category(const Request& request) {
  return http::read_json_body<CategoryInput>(request, read_fields, [](const CategoryInput& input) {
    return category_input_errors(normalised_category_input(input));
  });
}

Result<Response> list(CategoryService& categories, const Request& request) {
  http::QueryReader query(request);
  const auto page = http::read_page(query);
  CategoryListQuery filter{.page = page.page, .limit = page.limit, .cursor = page.cursor};
  if (auto parent = query.text("parent", 200)) {
    if (*parent == kRootFilter) {
      filter.roots_only = true;
    } else {
      filter.parent = std::move(*parent);
    }
  }
  query.reject_unknown();
  if (auto valid = query.finish(); !valid) return valid.error();
  auto found = categories.list(filter);
  if (!found) return found.error();
  boost::json::array data;
  for (const auto& view : found->items) data.push_back(to_json(view));
  return http::json_response(
      200, boost::json::object{{"data", std::move(data)},
                               {"pagination", http::pagination_json(page, found->total, found->next_cursor)}});
}

Result<Response> show(CategoryService& categories, const Request& request) {
  auto view = categories.get(std::string(request.param("id")));
  if (!view) return view.error();
  return http::json_response(200, to_json(*view));
}

Result<Response> create(CategoryService& categories, const Request& request) {
  auto input = read_category(request);
  if (!input) return input.error();
  auto view = categories.create(actor_of(request), std::move(*input));
  if (!view) return view.error();
  auto response = http::json_response(201, to_json(*view));
  response.set_header("Location", "/api/categories/" + view->category.id);
  return response;
}

Result<Response> replace(CategoryService& categories, const Request& request) {
  auto input = read_category(request);
  if (!input) return input.error();
  auto view = categories.replace(actor_of(request), std::string(request.param("id")), std::move(*input));
  if (!view) return view.error();
  return http::json_response(200, to_json(*view));
}

Result<Response> remove(CategoryService& categories, const Request& request) {
  http::QueryReader query(request);
  auto reassign_to = query.text("reassignTo", 200);
  query.reject_unknown();
  if (auto valid = query.finish(); !valid) return valid.error();
  auto removed = categories.remove(actor_of(request), std::string(request.param("id")), reassign_to);
  if (!removed) return removed.error();
  return http::no_content();
}

}  // namespace

void register_category_routes(http::Router& router, CategoryService& categories) {
  const auto admins = Access::roles_only({http::Role::Admin});
  router.add({.method = Method::Get,
              .path = "/api/categories",
              .access = Access::public_route(),
              .handler = [&categories](Request& request) { return list(categories, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Get,
              .path = "/api/categories/:id",
              .access = Access::public_route(),
              .handler = [&categories](Request& request) { return show(categories, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Post,
              .path = "/api/categories",
              .access = admins,
              .handler = [&categories](Request& request) { return create(categories, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Put,
              .path = "/api/categories/:id",
              .access = admins,
              .handler = [&categories](Request& request) { return replace(categories, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Delete,
              .path = "/api/categories/:id",
              .access = admins,
              .handler = [&categories](Request& request) { return remove(categories, request); },
              .execution = Execution::Database});
}

}  // namespace emporium::catalog
