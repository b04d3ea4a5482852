#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/category.hpp"
#include "storage/database.hpp"

namespace emporium::catalog {

// The SQL of the category tree (and the two statements on products that a category delete needs). No rules
// here: CategoryService decides. Every statement is the same on SQLite and PostgreSQL.
class CategoryStore {
 public:
  // Serialises every write of the tree: the first statement of each category write transaction. It upserts
  // one app_settings row ('catalog.category_tree'), which holds its row lock until the transaction ends on
  // PostgreSQL; on SQLite a write transaction already excludes every other writer. Checks made after it
  // (cycles, depth, children, slugs) therefore see every earlier tree write and no later one.
  static void lock_tree(storage::Connection& connection, Timestamp now);

  static void insert(storage::Connection& connection, const Category& category);
  // Writes parent_id, slug, name, description, position and updated_at; never the path (see move_subtree).
  static bool update(storage::Connection& connection, const Category& category);
  static bool remove(storage::Connection& connection, std::string_view id);

  static std::optional<Category> find_by_id(storage::Connection& connection, std::string_view id);
  static std::optional<Category> find_by_slug(storage::Connection& connection, std::string_view slug);
  // Ids start with "cat_", which no slug can: one call for either.
  static std::optional<Category> find(storage::Connection& connection, std::string_view id_or_slug);
  static bool slug_taken(storage::Connection& connection, std::string_view slug, std::string_view except_id);

  // Every category, in tree order (see in_tree_order).
  static std::vector<Category> list_tree(storage::Connection& connection);
  // The direct children of `parent_id` (of the roots when absent), siblings in order (see sibling_before).
  static std::vector<Category> children(storage::Connection& connection, const std::optional<std::string>& parent_id);
  static std::int64_t count_children(storage::Connection& connection, std::string_view id);
  // The categories named by a path, root first: a category's ancestors and itself.
  static std::vector<Category> on_path(storage::Connection& connection, std::string_view path);
  // The category whose path this is and all its descendants, in no particular order.
  static std::vector<Category> subtree(storage::Connection& connection, std::string_view path);
  // Rewrites the path of the category at `old_path` and of every descendant, in one UPDATE: the `old_path`
  // prefix becomes `new_path`. Their updated_at becomes `now` (their path and depth changed). Row count.
  static std::int64_t move_subtree(storage::Connection& connection, std::string_view old_path,
                                   std::string_view new_path, Timestamp now);

  // Products (of any status but archived) whose category is `id`.
  static std::int64_t count_live_products(storage::Connection& connection, std::string_view id);
  // Moves every product of `from` (archived ones too) to `to`, or out of any category when `to` is absent,
  // bumping their version and updated_at. Row count.
  static std::int64_t reassign_products(storage::Connection& connection, std::string_view from,
                                        const std::optional<std::string>& to, Timestamp now);
};

// Siblings order by position, then name, then id, comparing bytes (as both backends do for the "C"
// collation): the same order everywhere.
bool sibling_before(const Category& a, const Category& b);

// Depth first, every parent before its children, siblings by sibling_before. Categories whose parent is not
// in the list are treated as roots.
std::vector<Category> in_tree_order(std::vector<Category> categories);

}  // namespace emporium::catalog
