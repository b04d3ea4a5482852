#pragma once

// The fixture of the product search tests (product_search_test.cpp, product_search_text_test.cpp,
// product_search_parity_test.cpp): a catalog written with plain SQL and indexed, on either backend.

#include "catalog/product_search.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "catalog/search_index.hpp"
#include "storage/testing/test_database.hpp"
#include "support/strings.hpp"

namespace emporium::catalog::search_testing {
using storage::Backend;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct ProductRow {
  std::string id{};
  std::string name{};
  std::string description{};
  std::string category{};  // id, or empty for none
  std::string vendor = "usr_v1";
  std::string status = "active";
  std::int64_t price = 1000;
  bool in_stock = true;
  std::int64_t rating = 0;
  std::int64_t created_at = 0;
  std::vector<std::pair<std::string, std::string>> attributes{};
  std::string sort_name{};  // default: the name in lower-case ASCII
};

// Writes catalog rows with plain SQL and indexes them, as the product service will.
class TestCatalog {
 public:
  explicit TestCatalog(storage::Database& database) : database_(database) {}

  void user(std::string_view id, std::string_view role) {
    execute(
        "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
        "VALUES ($1, $2, 'Test', $3, 'unused', 0, 0)",
        {id, std::string_view(std::string(id) + "@example.com"), role});
  }

  // A category under `parent` (empty: a root); its path is the parent's path and its own id.
  void category(std::string_view id, std::string_view parent, std::string_view slug, std::string_view name) {
    const auto path = (parent.empty() ? std::string("/") : paths_.at(std::string(parent))) + std::string(id) + "/";
    execute(
        "INSERT INTO categories (id, parent_id, slug, name, path, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, 0, 0)",
        {id, parent.empty() ? storage::Param(nullptr) : storage::Param(parent), slug, name, std::string_view(path)});
    paths_[std::string(id)] = path;
    names_[std::string(id)] = std::string(name);
  }

  void product(ProductRow row) {
    if (row.sort_name.empty()) row.sort_name = to_lower_ascii(row.name);
    const auto slug = row.id + "-slug";
    database_.transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
      connection.execute(
          "INSERT INTO products (id, vendor_id, category_id, slug, name, sort_name, description, status, currency, "
          "price, in_stock, rating_average_x100, created_at, updated_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'USD', $9, $10, $11, $12, $12)",
          {std::string_view(row.id), std::string_view(row.vendor),
           row.category.empty() ? storage::Param(nullptr) : storage::Param(std::string_view(row.category)),
           std::string_view(slug), std::string_view(row.name), std::string_view(row.sort_name),
           std::string_view(row.description), std::string_view(row.status), row.price, row.in_stock, row.rating,
           row.created_at});
      SearchDocument document{.product_id = row.id, .name = row.name, .keywords = {}, .description = row.description};
      for (const auto& [name, value] : row.attributes) {
        connection.execute("INSERT INTO product_attributes (product_id, name, value) VALUES ($1, $2, $3)",
                           {std::string_view(row.id), std::string_view(name), std::string_view(value)});
        document.keywords.push_back(value);
      }
      if (!row.category.empty()) document.keywords.push_back(names_[row.category]);
      SearchIndex::index(connection, document);
      return true;
    });
    rows_.push_back(std::move(row));
  }

  Result<ProductPage> try_run(const ProductQuery& query) {
    return storage::with_connection(
        database_, [&](storage::Connection& connection) { return ProductSearch::run(connection, query); });
  }

  ProductPage run(const ProductQuery& query) {
    auto page = try_run(query);
    if (!page) throw std::runtime_error("search failed: " + page.error().code + " " + page.error().detail);
    return std::move(*page);
  }

  std::vector<std::string> ids(const ProductQuery& query) { return run(query).ids; }

  // Every page of a query, walked by offset (cursor = false) or by cursor.
  std::vector<std::string> walk(ProductQuery query, bool by_cursor) {
    std::vector<std::string> all;
    for (int pages = 0; pages < 100; ++pages) {
      const auto page = run(query);
      all.insert(all.end(), page.ids.begin(), page.ids.end());
      if (!page.next_cursor) return all;
      if (by_cursor) {
        query.cursor = page.next_cursor;
      } else {
        ++query.page;
      }
    }
    throw std::runtime_error("the walk does not end");
  }

  // What a correct search answers without q: the active rows that `keep` accepts, in the sort's order.
  std::vector<std::string> expected(const std::function<bool(const ProductRow&)>& keep, ProductSort sort) const {
    std::vector<const ProductRow*> selected;
    for (const auto& row : rows_) {
      if (row.status == "active" && keep(row)) selected.push_back(&row);
    }
    const auto before = [&](const ProductRow* a, const ProductRow* b) {
      const auto compare = [&](const auto& x, const auto& y) {
        if (x != y) return sort.descending ? x > y : x < y;
        return a->id < b->id;
      };
      switch (sort.field) {
        case SortField::Price:
          return compare(a->price, b->price);
        case SortField::Name:
          return compare(a->sort_name, b->sort_name);
        case SortField::Rating:
          return compare(a->rating, b->rating);
        default:
          return compare(a->created_at, b->created_at);
      }
    };
    std::sort(selected.begin(), selected.end(), before);
    std::vector<std::string> ids;
    for (const auto* row : selected) ids.push_back(row->id);
    return ids;
  }

 private:
  void execute(std::string_view sql, std::initializer_list<storage::Param> params) {
    database_.with_connection([&](storage::Connection& connection) { connection.execute(sql, params); });
  }

  storage::Database& database_;
  std::map<std::string, std::string> paths_;
  std::map<std::string, std::string> names_;
  std::vector<ProductRow> rows_;
};

// Twelve products in a small tree: Electronics > Audio > Headphones, and Clothing.
inline void add_sample_catalog(TestCatalog& catalog) {
  catalog.user("usr_v1", "vendor");
  catalog.user("usr_v2", "vendor");
  catalog.category("cat_a", "", "electronics", "Electronics");
  catalog.category("cat_b", "cat_a", "audio", "Audio");
  catalog.category("cat_c", "cat_b", "headphones", "Headphones");
  catalog.category("cat_d", "", "clothing", "Clothing");
  catalog.product({.id = "p01",
                   .name = "Wireless Headphones",
                   .description = "Noise cancelling, over-ear",
                   .category = "cat_c",
                   .price = 19999,
                   .rating = 450,
                   .created_at = 1000,
                   .attributes = {{"color", "black"}, {"connectivity", "bluetooth"}}});
  catalog.product({.id = "p02",
                   .name = "Wired Earbuds",
                   .description = "Compact, lighter than headphones",
                   .category = "cat_b",
                   .price = 2999,
                   .rating = 380,
                   .created_at = 2000,
                   .attributes = {{"color", "white"}}});
  catalog.product({.id = "p03",
                   .name = "Bluetooth Speaker",
                   .description = "Portable speaker",
                   .category = "cat_b",
                   .vendor = "usr_v2",
                   .price = 4999,
                   .in_stock = false,
                   .rating = 420,
                   .created_at = 3000,
                   .attributes = {{"color", "black"}, {"connectivity", "bluetooth"}}});
  catalog.product({.id = "p04",
                   .name = "Laptop Stand",
                   .description = "Aluminium stand",
                   .category = "cat_a",
                   .vendor = "usr_v2",
                   .price = 2999,
                   .created_at = 4000,
                   .attributes = {{"color", "silver"}}});
  catalog.product({.id = "p05",
                   .name = "Running Shoes",
                   .description = "Lightweight trainers",
                   .category = "cat_d",
                   .price = 8999,
                   .rating = 470,
                   .created_at = 5000,
                   .attributes = {{"color", "red"}, {"size", "42"}}});
  catalog.product({.id = "p06",
                   .name = "Café Crème T-Shirt",
                   .description = "Organic cotton",
                   .category = "cat_d",
                   .vendor = "usr_v2",
                   .price = 1999,
                   .rating = 450,
                   .created_at = 5000,
                   .attributes = {{"color", "white"}, {"size", "M"}},
                   .sort_name = "cafe creme t-shirt"});
  catalog.product({.id = "p07",
                   .name = "Studio Headphones",
                   .description = "Closed-back monitoring headphones",
                   .category = "cat_c",
                   .vendor = "usr_v2",
                   .price = 14999,
                   .rating = 450,
                   .created_at = 7000,
                   .attributes = {{"color", "black"}}});
  catalog.product({.id = "p08",
                   .name = "Draft Headphones",
                   .category = "cat_c",
                   .status = "draft",
                   .price = 9999,
                   .created_at = 8000});
  catalog.product({.id = "p09",
                   .name = "Archived Speaker",
                   .category = "cat_b",
                   .status = "archived",
                   .price = 999,
                   .created_at = 9000});
  catalog.product({.id = "p10",
                   .name = "Wireless Mouse",
                   .description = "Ergonomic",
                   .category = "cat_a",
                   .price = 2999,
                   .rating = 380,
                   .created_at = 10000,
                   .attributes = {{"color", "black"}, {"connectivity", "bluetooth"}}});
  catalog.product({.id = "p11",
                   .name = "Red Socks",
                   .category = "cat_d",
                   .vendor = "usr_v2",
                   .price = 999,
                   .created_at = 11000,
                   .attributes = {{"color", "red"}, {"size", "M"}}});
  catalog.product({.id = "p12", .name = "Uncategorised gadget", .vendor = "usr_v2", .price = 500, .created_at = 12000});
}

class ProductSearchTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { add_sample_catalog(catalog_); }

  storage::TestDatabase test_db_{GetParam()};
  TestCatalog catalog_{test_db_.database()};
};

inline ProductQuery search(std::string text) {
  ProductQuery query;
  query.text = std::move(text);
  query.sort = {SortField::Relevance, true};
  return query;
}

inline const auto kAll = [](const ProductRow&) { return true; };
inline constexpr ProductSort kNewest{SortField::CreatedAt, true};

}  // namespace emporium::catalog::search_testing
