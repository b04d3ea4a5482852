#include "inventory/inventory_routes.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "catalog/product_input.hpp"
#include "http/query.hpp"
#include "inventory/inventory_json.hpp"
#include "support/ids.hpp"

namespace emporium::inventory {
namespace {
using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Role;

const Access kSellers = Access::roles_only({Role::Vendor, Role::Admin});

// page and limit per the API's conventions; these lists are short, so there is no cursor.
http::PageRequest read_list_page(http::QueryReader& reader) {
  auto page = http::read_page(reader);
  if (page.cursor) reader.fail("cursor", "is not supported on this list: use page");
  return page;
}

Slice slice_of(const http::PageRequest& page) { return {.limit = page.limit, .offset = page.offset()}; }

Result<Response> change_stock(InventoryService& inventory, const Request& request) {
  auto if_match = catalog::read_if_match(request);
  if (!if_match) return if_match.error();
  auto change = read_stock_change(request);
  if (!change) return change.error();
  auto result =
      inventory.change_stock(request.principal(), request.param("id"), request.param("variantId"), *change, *if_match);
  if (!result) return result.error();
  return http::json_response(201, to_json(*result));
}

Result<Response> movements(InventoryService& inventory, const Request& request) {
  http::QueryReader reader(request);
  auto page = read_list_page(reader);
  auto variant_id = reader.text("variantId", 64);
  if (variant_id && !is_valid_id(*variant_id, "var")) reader.fail("variantId", "must be a variant id (var_…)");
  reader.reject_unknown();
  if (auto finished = reader.finish(); !finished) return finished.error();
  auto found = inventory.movements(request.principal(), request.param("id"), variant_id, slice_of(page));
  if (!found) return found.error();
  // A vendor sees who changed its stock by hand, not who bought: the buyer of an order is the store's to know.
  const bool hide_buyers = request.principal().role == http::Role::Vendor;
  boost::json::array data;
  for (auto movement : found->movements) {
    if (hide_buyers && movement.order_id) movement.actor_id.reset();
    data.push_back(to_json(movement));
  }
  return http::json_response(
      200, boost::json::object{{"data", std::move(data)}, {"pagination", http::pagination_json(page, found->total)}});
}

Result<Response> low_stock(InventoryService& inventory, const Request& request) {
  http::QueryReader reader(request);
  auto page = read_list_page(reader);
  reader.reject_unknown();
  if (auto finished = reader.finish(); !finished) return finished.error();
  const auto found = inventory.low_stock(request.principal(), slice_of(page));
  boost::json::array data;
  for (const auto& row : found.rows) data.push_back(to_json(row));
  return http::json_response(
      200, boost::json::object{{"data", std::move(data)}, {"pagination", http::pagination_json(page, found.total)}});
}

}  // namespace

void register_inventory_routes(http::Router& router, InventoryService& inventory) {
  router.add({.method = Method::Post,
              .path = "/api/products/:id/variants/:variantId/stock",
              .access = kSellers,
              .handler = [&inventory](Request& r) { return change_stock(inventory, r); }});
  router.add({.method = Method::Get,
              .path = "/api/products/:id/stock-movements",
              .access = kSellers,
              .handler = [&inventory](Request& r) { return movements(inventory, r); }});
  router.add({.method = Method::Get,
              .path = "/api/inventory/low-stock",
              .access = kSellers,
              .handler = [&inventory](Request& r) { return low_stock(inventory, r); }});
}

}  // namespace emporium::inventory
