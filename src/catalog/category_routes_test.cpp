// The category routes as the server calls them (after routing and authentication), on both backends.
#include "catalog/category_routes.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "catalog/catalog_cache.hpp"
#include "http/router.hpp"
#include "storage/testing/test_database.hpp"

namespace emporium::catalog {
namespace {
using http::Method;
using storage::Backend;

class NoCache final : public CatalogCache {
 public:
  std::uint64_t generation() const override { return 0; }
  std::shared_ptr<const CachedAnswer> find(std::uint64_t, std::string_view) override { return nullptr; }
  void store(std::uint64_t, std::string, std::shared_ptr<const CachedAnswer>) override {}
  void invalidate() override {}
};

std::vector<std::string> segments_of(std::string_view path) {
  std::vector<std::string> segments;
  for (std::size_t start = 1; start <= path.size();) {
    const auto end = std::min(path.find('/', start), path.size());
    segments.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

class CategoryRoutes : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    context_ = std::make_unique<CatalogContext>(CatalogContext{test_db_.database(), ids_, clock_, audit_, cache_});
    service_ = std::make_unique<CategoryService>(*context_);
    register_category_routes(router_, *service_);
    admin_id_ = ids_.next("usr");
    test_db_.database().with_connection([&](storage::Connection& connection) {
      connection.execute(
          "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
          "VALUES ($1, 'admin@example.com', 'Admin', 'admin', 'unused', 0, 0)",
          {std::string_view(admin_id_)});
    });
  }

  // Routes the request, then calls the handler as an admin (the auth middleware's job is checked apart).
  Result<http::Response> call(Method method, std::string_view target, std::string body = "") {
    const auto question = target.find('?');
    request_ = std::make_unique<http::Request>();
    request_->method = method;
    request_->path = std::string(target.substr(0, question));
    target_ = std::string(target);
    if (question != std::string_view::npos) request_->raw_query = std::string_view(target_).substr(question + 1);
    request_->headers.push_back({"Content-Type", "application/json"});
    request_->body = std::move(body);
    request_->client_ip = "198.51.100.1";
    request_->identity =
        http::Identity(std::optional<http::Principal>(http::Principal{admin_id_, http::Role::Admin, "ses_test", ""}));
    auto match = router_.match(method, segments_of(request_->path));
    if (!match.route) throw std::runtime_error("no route for " + std::string(target));
    request_->route = match.route;
    request_->path_params = std::move(match.params);
    return match.route->handler(*request_);
  }

  boost::json::object json(const Result<http::Response>& response) {
    if (!response) throw std::runtime_error("problem: " + response.error().code);
    return boost::json::parse(response->body).as_object();
  }

  const http::Route& route(Method method, std::string_view path) {
    return *router_.match(method, segments_of(path)).route;
  }

  ManualClock clock_{from_unix_millis(1'767'225'600'000)};  // 2026-01-01T00:00:00Z
  IdGenerator ids_{clock_};
  audit::AuditLog audit_{ids_, clock_};
  NoCache cache_;
  storage::TestDatabase test_db_{GetParam()};
  std::unique_ptr<CatalogContext> context_;
  std::unique_ptr<CategoryService> service_;
  http::Router router_;
  std::string admin_id_;
  std::string target_;
  std::unique_ptr<http::Request> request_;
};

TEST_P(CategoryRoutes, DeclareWhoMayCallThem) {
  using Kind = http::Access::Kind;
  EXPECT_EQ(route(Method::Get, "/api/categories").access.kind, Kind::Public);
  EXPECT_EQ(route(Method::Get, "/api/categories/x").access.kind, Kind::Public);
  for (const auto method : {Method::Post, Method::Put, Method::Delete}) {
    const auto& access = route(method, method == Method::Post ? "/api/categories" : "/api/categories/x").access;
    EXPECT_EQ(access.kind, Kind::Roles);
    EXPECT_TRUE(access.allows(http::Role::Admin));
    EXPECT_FALSE(access.allows(http::Role::Vendor));
    EXPECT_FALSE(access.allows(http::Role::Customer));
  }
}

TEST_P(CategoryRoutes, CreateAnswers201WithLocationAndTheRepresentation) {
  const auto response = call(Method::Post, "/api/categories", R"({"name": "Home & Garden", "position": 2})");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 201);
  const auto body = json(response);
  const auto id = std::string(body.at("id").as_string());
  EXPECT_EQ(response->header("Location"), "/api/categories/" + id);
  EXPECT_EQ(body.at("slug"), "home-garden");
  EXPECT_EQ(body.at("name"), "Home & Garden");
  EXPECT_EQ(body.at("description"), "");
  EXPECT_TRUE(body.at("parentId").is_null());
  EXPECT_EQ(body.at("position"), 2);
  EXPECT_EQ(body.at("depth"), 0);
  EXPECT_EQ(body.at("createdAt"), "2026-01-01T00:00:00Z");
  EXPECT_EQ(body.at("updatedAt"), "2026-01-01T00:00:00Z");
  EXPECT_EQ(body.at("path"),
            boost::json::parse(R"([{"id": ")" + id + R"(", "slug": "home-garden", "name": "Home & Garden"}])"));

  const auto child = json(call(Method::Post, "/api/categories", R"({"name": "Tools", "parentId": "home-garden"})"));
  EXPECT_EQ(child.at("parentId"), boost::json::value(id));
  EXPECT_EQ(child.at("depth"), 1);
  EXPECT_EQ(child.at("path").as_array().size(), 2u);
  EXPECT_EQ(child.at("path").as_array()[1].at("slug"), "tools");
}

TEST_P(CategoryRoutes, RefusesMalformedJsonUnknownFieldsAndBrokenRules) {
  EXPECT_EQ(call(Method::Post, "/api/categories", "{not json").error().status, 400);
  const auto unknown = call(Method::Post, "/api/categories", R"({"name": "X", "path": "/cat_x/"})");
  ASSERT_TRUE(unknown.has_error());
  EXPECT_EQ(unknown.error().status, 422);
  ASSERT_EQ(unknown.error().errors.size(), 1u);
  EXPECT_EQ(unknown.error().errors[0].field, "path");

  const auto broken = call(Method::Post, "/api/categories", R"({"slug": "Bad Slug", "position": "first"})");
  ASSERT_TRUE(broken.has_error());
  EXPECT_EQ(broken.error().status, 422);
  std::vector<std::string> fields;
  for (const auto& error : broken.error().errors) fields.push_back(error.field);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "position", "slug"}));
}

TEST_P(CategoryRoutes, ListsWithPaginationAndAParentFilter) {
  const auto root = json(call(Method::Post, "/api/categories", R"({"name": "Root"})"));
  for (const auto* name : {"One", "Two", "Three"}) {
    call(
        Method::Post, "/api/categories",
        R"({"name": ")" + std::string(name) + R"(", "parentId": ")" + std::string(root.at("id").as_string()) + R"("})");
  }
  const auto page = json(call(Method::Get, "/api/categories?limit=2&page=2"));
  EXPECT_EQ(page.at("data").as_array().size(), 2u);
  EXPECT_EQ(page.at("pagination").at("total"), 4);
  EXPECT_EQ(page.at("pagination").at("totalPages"), 2);
  EXPECT_EQ(page.at("pagination").at("page"), 2);
  EXPECT_FALSE(page.at("pagination").as_object().contains("nextCursor"));

  const auto first = json(call(Method::Get, "/api/categories?limit=2"));
  EXPECT_EQ(first.at("pagination").at("nextCursor"), first.at("data").as_array()[1].at("id"));

  const auto roots = json(call(Method::Get, "/api/categories?parent=root"));
  EXPECT_EQ(roots.at("pagination").at("total"), 1);
  const auto children = json(call(Method::Get, "/api/categories?parent=" + std::string(root.at("id").as_string())));
  ASSERT_EQ(children.at("data").as_array().size(), 3u);
  EXPECT_EQ(children.at("data").as_array()[0].at("name"), "One");  // siblings by name: One, Three, Two
  EXPECT_EQ(children.at("data").as_array()[2].at("name"), "Two");
}

TEST_P(CategoryRoutes, AnswersProblemsForBadQueriesAndUnknownCategories) {
  EXPECT_EQ(call(Method::Get, "/api/categories?limit=0").error().status, 400);
  EXPECT_EQ(call(Method::Get, "/api/categories?sort=name").error().status, 400);
  const auto missing = call(Method::Get, "/api/categories/nothing-here");
  ASSERT_TRUE(missing.has_error());
  EXPECT_EQ(missing.error().status, 404);
  EXPECT_EQ(missing.error().code, "category_not_found");
  EXPECT_EQ(call(Method::Get, "/api/categories?parent=nothing-here").error().code, "category_not_found");
  EXPECT_EQ(call(Method::Delete, "/api/categories/cat_x?force=true").error().status, 400);
}

TEST_P(CategoryRoutes, GetsReplacesAndDeletes) {
  const auto made = json(call(Method::Post, "/api/categories", R"({"name": "Books"})"));
  const auto id = std::string(made.at("id").as_string());
  EXPECT_EQ(json(call(Method::Get, "/api/categories/books")).at("id"), boost::json::value(id));
  EXPECT_EQ(json(call(Method::Get, "/api/categories/" + id)).at("slug"), "books");

  const auto replaced = call(Method::Put, "/api/categories/" + id, R"({"name": "E-Books", "slug": "ebooks"})");
  ASSERT_TRUE(replaced.has_value());
  EXPECT_EQ(replaced->status, 200);
  EXPECT_EQ(json(replaced).at("slug"), "ebooks");

  json(call(Method::Post, "/api/categories", R"({"name": "Other"})"));
  const auto removed = call(Method::Delete, "/api/categories/" + id + "?reassignTo=other");
  ASSERT_TRUE(removed.has_value());
  EXPECT_EQ(removed->status, 204);
  EXPECT_EQ(call(Method::Get, "/api/categories/" + id).error().status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, CategoryRoutes, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::catalog
