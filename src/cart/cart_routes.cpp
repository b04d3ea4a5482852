#include "cart/cart_routes.hpp"

#include "cart/cart_json.hpp"
#include "http/json_body.hpp"

namespace emporium::cart {
namespace {
using http::Access;
using http::Execution;
using http::Method;
using http::Request;
using http::Response;

struct QuantityInput {
  std::int64_t quantity = 0;
};

const http::StringRule kId{.min_length = 1, .max_length = 100};

CartCaller caller_of(const Request& request) {
  return CartCaller{.customer_id = request.principal().user_id, .client_ip = request.client_ip};
}

Result<Response> cart_response(Result<CartView> view) {
  if (!view) return view.error();
  return http::json_response(200, to_json(*view));
}

Result<Response> show(CartService& cart, const Request& request) {
  return http::json_response(200, to_json(cart.get(caller_of(request))));
}

Result<Response> add_item(CartService& cart, const Request& request) {
  const http::IntRule quantity{.min = 1, .max = cart.limits().max_line_quantity};
  auto input = http::read_json_body<AddItemInput>(request, [&](http::ObjectReader& reader, AddItemInput& out) {
    reader.required("productId", out.product_id, kId);
    reader.optional("variantId", out.variant_id, kId);
    reader.required("quantity", out.quantity, quantity);
  });
  if (!input) return input.error();
  return cart_response(cart.add_item(caller_of(request), *input));
}

Result<Response> set_quantity(CartService& cart, const Request& request) {
  const http::IntRule rule{.min = 1, .max = cart.limits().max_line_quantity};
  auto input = http::read_json_body<QuantityInput>(request, [&](http::ObjectReader& reader, QuantityInput& out) {
    reader.required("quantity", out.quantity, rule);
  });
  if (!input) return input.error();
  return cart_response(cart.set_quantity(caller_of(request), std::string(request.param("itemId")), input->quantity));
}

Result<Response> remove_item(CartService& cart, const Request& request) {
  return cart_response(cart.remove_item(caller_of(request), std::string(request.param("itemId"))));
}

Result<Response> clear(CartService& cart, const Request& request) {
  cart.clear(caller_of(request));
  return http::no_content();
}

Result<Response> apply_coupon(CartService& cart, const Request& request) {
  auto code = http::read_json_body<std::string>(request, [](http::ObjectReader& reader, std::string& out) {
    reader.required("code", out, {.min_length = 1, .max_length = 100});
  });
  if (!code) return code.error();
  return cart_response(cart.apply_coupon(caller_of(request), *code));
}

Result<Response> remove_coupon(CartService& cart, const Request& request) {
  return http::json_response(200, to_json(cart.remove_coupon(caller_of(request))));
}
}  // namespace

void register_cart_routes(http::Router& router, CartService& cart) {
  const auto customers = Access::roles_only({http::Role::Customer});
  router.add({.method = Method::Get,
              .path = "/api/cart",
              .access = customers,
              .handler = [&cart](Request& request) { return show(cart, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Delete,
              .path = "/api/cart",
              .access = customers,
              .handler = [&cart](Request& request) { return clear(cart, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Post,
              .path = "/api/cart/items",
              .access = customers,
              .handler = [&cart](Request& request) { return add_item(cart, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Patch,
              .path = "/api/cart/items/:itemId",
              .access = customers,
              .handler = [&cart](Request& request) { return set_quantity(cart, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Delete,
              .path = "/api/cart/items/:itemId",
              .access = customers,
              .handler = [&cart](Request& request) { return remove_item(cart, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Post,
              .path = "/api/cart/coupon",
              .access = customers,
              .handler = [&cart](Request& request) { return apply_coupon(cart, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Delete,
              .path = "/api/cart/coupon",
              .access = customers,
              .handler = [&cart](Request& request) { return remove_coupon(cart, request); },
              .execution = Execution::Database});
}

}  // namespace emporium::cart
