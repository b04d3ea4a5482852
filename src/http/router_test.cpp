#include "http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace emporium::http {
namespace {

Route route(Method method, std::string path) {
  return Route{.method = method,
               .path = std::move(path),
               .access = Access::public_route(),
               .handler = [](Request&) -> Result<Response> { return no_content(); }};
}

std::vector<std::string> segments(std::initializer_list<const char*> parts) { return {parts.begin(), parts.end()}; }

TEST(Router, MatchesLiteralPaths) {
  Router router;
  const auto& health = router.add(route(Method::Get, "/health"));
  const auto match = router.match(Method::Get, segments({"health"}));
  EXPECT_EQ(match.route, &health);
  EXPECT_TRUE(match.params.empty());
}

TEST(Router, ExtractsPathParameters) {
  Router router;
  const auto& variant = router.add(route(Method::Get, "/api/products/:id/variants/:variantId"));
  const auto match = router.match(Method::Get, segments({"api", "products", "p1", "variants", "v 2"}));
  ASSERT_EQ(match.route, &variant);
  ASSERT_EQ(match.params.size(), 2u);
  EXPECT_EQ(match.params[0].first, "id");
  EXPECT_EQ(match.params[0].second, "p1");
  EXPECT_EQ(match.params[1].first, "variantId");
  EXPECT_EQ(match.params[1].second, "v 2");
}

TEST(Router, PrefersLiteralsOverParametersAndBacktracks) {
  Router router;
  const auto& low_stock = router.add(route(Method::Get, "/api/products/low-stock"));
  const auto& by_id = router.add(route(Method::Get, "/api/products/:id"));
  const auto& reviews = router.add(route(Method::Get, "/api/products/:id/reviews"));
  EXPECT_EQ(router.match(Method::Get, segments({"api", "products", "low-stock"})).route, &low_stock);
  EXPECT_EQ(router.match(Method::Get, segments({"api", "products", "p9"})).route, &by_id);
  // "low-stock" is also a valid :id when the literal branch has no deeper route.
  EXPECT_EQ(router.match(Method::Get, segments({"api", "products", "low-stock", "reviews"})).route, &reviews);
}

TEST(Router, ReportsAllowedMethodsWhenOnlyTheMethodIsWrong) {
  Router router;
  router.add(route(Method::Get, "/api/cart"));
  router.add(route(Method::Delete, "/api/cart"));
  const auto match = router.match(Method::Post, segments({"api", "cart"}));
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.allow, "GET, HEAD, DELETE, OPTIONS");
}

TEST(Router, AnswersHeadWithTheGetRoute) {
  Router router;
  const auto& get = router.add(route(Method::Get, "/health"));
  EXPECT_EQ(router.match(Method::Head, segments({"health"})).route, &get);
}

TEST(Router, FindsNothingForUnknownPathsOrEmptySegments) {
  Router router;
  router.add(route(Method::Get, "/api/products/:id"));
  EXPECT_TRUE(router.match(Method::Get, segments({"api", "orders"})).allow.empty());
  EXPECT_EQ(router.match(Method::Get, segments({"api", "products", ""})).route, nullptr);
  EXPECT_EQ(router.match(Method::Get, segments({"api", "products", "1", "x"})).route, nullptr);
}

TEST(Router, RefusesDuplicatesAndMalformedPatterns) {
  Router router;
  router.add(route(Method::Get, "/a/:id"));
  EXPECT_THROW(router.add(route(Method::Get, "/a/:id")), std::logic_error);
  EXPECT_THROW(router.add(route(Method::Post, "/a/:other")), std::logic_error);
  EXPECT_THROW(router.add(route(Method::Get, "no-slash")), std::logic_error);
  EXPECT_THROW(router.add(route(Method::Get, "/a//b")), std::logic_error);
  EXPECT_THROW(router.add(route(Method::Head, "/b")), std::logic_error);
}

TEST(Router, NumbersRoutesInRegistrationOrder) {
  Router router;
  router.add(route(Method::Get, "/a"));
  router.add(route(Method::Post, "/a"));
  ASSERT_EQ(router.routes().size(), 2u);
  EXPECT_EQ(router.routes()[0]->index, 0u);
  EXPECT_EQ(router.routes()[1]->index, 1u);
}

}  // namespace
}  // namespace emporium::http
