#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "cart/cart_routes.hpp"
#include "http/json_body.hpp"
#include "http/query.hpp"

namespace emporium::cart {
namespace {
using http::Access;
using http::Execution;
using http::Method;
using http::Request;
using http::Response;

// {productId, name, slug, price, currency, inStock, addedAt}: the product as the catalog shows it now.
boost::json::object to_json(const WishlistItem& item) {
  const auto& product = item.product;
  return {{"productId", product.id},
          {"name", product.name},
          {"slug", product.slug},
          {"price", product.price},
          {"currency", product.currency},
          {"inStock", product.in_stock},
          {"addedAt", to_iso8601(item.added_at)}};
}

Result<Response> list(WishlistService& wishlist, const Request& request) {
  http::QueryReader query(request);
  const auto page = http::read_page(query);
  if (page.cursor) query.fail("cursor", "is not supported here; use page");
  query.reject_unknown();
  if (auto valid = query.finish(); !valid) return valid.error();
  const auto found = wishlist.list(request.principal().user_id, page.limit, page.offset());
  boost::json::array data;
  for (const auto& item : found.items) data.push_back(to_json(item));
  return http::json_response(200,
                             {{"data", std::move(data)}, {"pagination", http::pagination_json(page, found.total)}});
}

Result<Response> add(WishlistService& wishlist, const Request& request) {
  auto product_id = http::read_json_body<std::string>(request, [](http::ObjectReader& reader, std::string& out) {
    reader.required("productId", out, {.min_length = 1, .max_length = 100});
  });
  if (!product_id) return product_id.error();
  auto added = wishlist.add(request.principal().user_id, *product_id);
  if (!added) return added.error();
  return http::json_response(added->created ? 201 : 200, to_json(added->item));
}

Result<Response> remove(WishlistService& wishlist, const Request& request) {
  wishlist.remove(request.principal().user_id, std::string(request.param("productId")));
  return http::no_content();
}
}  // namespace

void register_wishlist_routes(http::Router& router, WishlistService& wishlist) {
  const auto customers = Access::roles_only({http::Role::Customer});
  router.add({.method = Method::Get,
              .path = "/api/wishlist",
              .access = customers,
              .handler = [&wishlist](Request& request) { return list(wishlist, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Post,
              .path = "/api/wishlist",
              .access = customers,
              .handler = [&wishlist](Request& request) { return add(wishlist, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Delete,
              .path = "/api/wishlist/:productId",
              .access = customers,
              .handler = [&wishlist](Request& request) { return remove(wishlist, request); },
              .execution = Execution::Database});
}

}  // namespace emporium::cart
