#pragma once

// The fixture of the category tree tests (category_service_test.cpp, category_writes_test.cpp): a fresh
// database on either backend, a CategoryService over it, and an admin.

#include "catalog/category_service.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "audit/audit_log.hpp"
#include "catalog/catalog_cache.hpp"
#include "catalog/category_store.hpp"
#include "catalog/testing/counting_cache.hpp"
#include "storage/testing/test_database.hpp"
#include "support/strings.hpp"

namespace emporium::catalog::category_testing {
using storage::Backend;
using ::testing::ElementsAre;

// ---- Fixtures ------------------------------------------------------------------------------------------------
using catalog::testing::CountingCache;

struct Extra {
  std::optional<std::string> slug{};
  std::optional<std::string> description{};
  std::optional<std::int64_t> position{};
};

inline CategoryInput input(std::string name, std::optional<std::string> parent = std::nullopt, Extra extra = {}) {
  return {.name = std::move(name),
          .slug = std::move(extra.slug),
          .description = std::move(extra.description),
          .parent_id = std::move(parent),
          .position = extra.position};
}

inline std::vector<std::string> ids_of(const std::vector<Category>& categories) {
  std::vector<std::string> ids;
  for (const auto& category : categories) ids.push_back(category.id);
  return ids;
}

class CategoryTree : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    context_ = std::make_unique<CatalogContext>(CatalogContext{database(), ids_, clock_, audit_, cache_});
    service_ = std::make_unique<CategoryService>(*context_);
    admin_ = {new_user("admin"), "203.0.113.7"};
  }

  storage::Database& database() { return test_db_.database(); }

  void execute(std::string_view sql, std::initializer_list<storage::Param> params) {
    database().with_connection([&](storage::Connection& connection) { connection.execute(sql, params); });
  }
  storage::Rows query(std::string_view sql, std::initializer_list<storage::Param> params) {
    return storage::with_connection(database(),
                                    [&](storage::Connection& connection) { return connection.query(sql, params); });
  }

  std::string new_user(std::string_view role) {
    auto id = ids_.next("usr");
    const auto email = id + "@example.com";
    execute(
        "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
        "VALUES ($1, $2, 'Test', $3, 'unused', $4, $4)",
        {std::string_view(id), std::string_view(email), role, to_unix_millis(clock_.now())});
    return id;
  }

  // A product row as the product code would write it, version 1.
  std::string add_product(const std::string& category_id, std::string_view status) {
    auto id = ids_.next("prod");
    const auto slug = to_lower_ascii(id);
    const auto now = to_unix_millis(clock_.now());
    execute(
        "INSERT INTO products (id, vendor_id, category_id, slug, name, sort_name, status, currency, price, in_stock, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, 'Thing', 'thing', $5, 'USD', 100, $6, $7, $7)",
        {std::string_view(id), std::string_view(admin_.user_id), std::string_view(category_id), std::string_view(slug),
         status, true, now});
    return id;
  }
  std::optional<std::string> product_category(const std::string& id) {
    return query("SELECT category_id FROM products WHERE id = $1", {std::string_view(id)}).front().optional_text(0);
  }
  std::int64_t product_version(const std::string& id) {
    return query("SELECT version FROM products WHERE id = $1", {std::string_view(id)}).front().integer(0);
  }
  std::int64_t product_updated_at(const std::string& id) {
    return query("SELECT updated_at FROM products WHERE id = $1", {std::string_view(id)}).front().integer(0);
  }

  std::vector<std::string> audit_actions(const std::string& target) {
    std::vector<std::string> actions;
    const auto rows =
        query("SELECT action FROM audit_log WHERE target_type = 'category' AND target_id = $1 ORDER BY id",
              {std::string_view(target)});
    for (const auto row : rows) actions.push_back(row.text(0));
    return actions;
  }
  std::string audit_actor(const std::string& target) {
    return query("SELECT actor_id FROM audit_log WHERE target_id = $1", {std::string_view(target)}).front().text(0);
  }

  CategoryView create(std::string name, std::optional<std::string> parent = std::nullopt, Extra extra = {}) {
    auto view = service_->create(admin_, input(std::move(name), std::move(parent), std::move(extra)));
    if (!view) throw std::runtime_error("create failed: " + view.error().code + " " + view.error().detail);
    return *view;
  }
  CategoryView replace(const std::string& id, CategoryInput changes) {
    auto view = service_->replace(admin_, id, std::move(changes));
    if (!view) throw std::runtime_error("replace failed: " + view.error().code + " " + view.error().detail);
    return *view;
  }
  std::vector<Category> list_all() {
    return storage::with_connection(
        database(), [](storage::Connection& connection) { return CategoryStore::list_tree(connection); });
  }

  // Every path is its parent's path plus its own id, and no id appears twice on a path: no cycle anywhere.
  void expect_consistent_tree() {
    std::map<std::string, Category> by_id;  // every row, also any a cycle would hide from the tree order
    for (const auto row : query("SELECT id, parent_id, path FROM categories", {}))
      by_id.emplace(row.text(0), Category{.id = row.text(0), .parent_id = row.optional_text(1), .path = row.text(2)});
    EXPECT_EQ(list_all().size(), by_id.size()) << "some category is unreachable from the roots";
    for (const auto& [id, category] : by_id) {
      const auto ids = path_ids(category.path);
      EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << category.path;
      ASSERT_FALSE(ids.empty());
      EXPECT_EQ(ids.back(), id);
      EXPECT_LT(category.depth(), CategoryService::kMaxLevels);
      if (!category.parent_id) {
        EXPECT_EQ(category.path, "/" + id + "/");
      } else {
        ASSERT_TRUE(by_id.contains(*category.parent_id)) << id;
        EXPECT_EQ(category.path, by_id.at(*category.parent_id).path + id + "/");
      }
    }
  }

  ManualClock clock_{from_unix_millis(1'767'225'600'000)};  // 2026-01-01T00:00:00Z
  IdGenerator ids_{clock_};
  audit::AuditLog audit_{ids_, clock_};
  CountingCache cache_;
  storage::TestDatabase test_db_{GetParam()};  // fresh and migrated; outlives the service using it
  std::unique_ptr<CatalogContext> context_;
  std::unique_ptr<CategoryService> service_;
  CategoryActor admin_;
};

}  // namespace emporium::catalog::category_testing
