#include "coupons/coupon_routes.hpp"

#include <boost/json/array.hpp>

#include "coupons/coupon_json.hpp"
#include "http/query.hpp"

namespace emporium::coupons {
namespace {
using http::Access;
using http::Execution;
using http::Method;
using http::Request;
using http::Response;

CouponActor actor_of(const Request& request) {
  return CouponActor{.user_id = request.principal().user_id, .client_ip = request.client_ip};
}

Result<Response> list(CouponService& coupons, const Request& request) {
  http::QueryReader query(request);
  const auto page = http::read_page(query);
  if (page.cursor) query.fail("cursor", "is not supported here; use page");
  CouponFilter filter{.active = query.boolean("active"),
                      .code_prefix = query.text("q", 40),
                      .limit = page.limit,
                      .offset = page.offset()};
  query.reject_unknown();
  if (auto valid = query.finish(); !valid) return valid.error();
  const auto found = coupons.list(filter);
  boost::json::array data;
  for (const auto& coupon : found.coupons) data.push_back(to_json(coupon));
  return http::json_response(200,
                             {{"data", std::move(data)}, {"pagination", http::pagination_json(page, found.total)}});
}

Result<Response> create(CouponService& coupons, const Request& request) {
  auto input = read_coupon_input(request);
  if (!input) return input.error();
  auto coupon = coupons.create(actor_of(request), std::move(*input));
  if (!coupon) return coupon.error();
  auto response = http::json_response(201, to_json(*coupon));
  response.set_header("Location", "/api/coupons/" + coupon->id);
  return response;
}

Result<Response> show(CouponService& coupons, const Request& request) {
  auto coupon = coupons.get(std::string(request.param("id")));
  if (!coupon) return coupon.error();
  return http::json_response(200, to_json(*coupon));
}

// An unknown id is a 404 before the body is looked at.
Result<Response> replace(CouponService& coupons, const Request& request) {
  const std::string id(request.param("id"));
  if (auto existing = coupons.get(id); !existing) return existing.error();
  auto input = read_coupon_input(request);
  if (!input) return input.error();
  auto coupon = coupons.replace(actor_of(request), id, std::move(*input));
  if (!coupon) return coupon.error();
  return http::json_response(200, to_json(*coupon));
}

Result<Response> remove(CouponService& coupons, const Request& request) {
  auto removed = coupons.remove(actor_of(request), std::string(request.param("id")));
  if (!removed) return removed.error();
  return http::no_content();
}
}  // namespace

void register_coupon_routes(http::Router& router, CouponService& coupons) {
  const auto admins = Access::roles_only({http::Role::Admin});
  router.add({.method = Method::Get,
              .path = "/api/coupons",
              .access = admins,
              .handler = [&coupons](Request& request) { return list(coupons, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Post,
              .path = "/api/coupons",
              .access = admins,
              .handler = [&coupons](Request& request) { return create(coupons, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Get,
              .path = "/api/coupons/:id",
              .access = admins,
              .handler = [&coupons](Request& request) { return show(coupons, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Put,
              .path = "/api/coupons/:id",
              .access = admins,
              .handler = [&coupons](Request& request) { return replace(coupons, request); },
              .execution = Execution::Database});
  router.add({.method = Method::Delete,
              .path = "/api/coupons/:id",
              .access = admins,
              .handler = [&coupons](Request& request) { return remove(coupons, request); },
              .execution = Execution::Database});
}

}  // namespace emporium::coupons
