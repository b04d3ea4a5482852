#include "catalog/category_store.hpp"

#include "storage/named_lock.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <span>

#include "support/ids.hpp"

namespace emporium::catalog {
namespace {
using storage::Connection;
using storage::nullable;
using storage::Param;

constexpr std::string_view kColumns = "id, parent_id, slug, name, description, path, position, created_at, updated_at";

constexpr std::string_view kInsert =
    "INSERT INTO categories (id, parent_id, slug, name, description, path, position, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr std::string_view kUpdate =
    "UPDATE categories SET parent_id = $2, slug = $3, name = $4, description = $5, position = $6, updated_at = $7 "
    "WHERE id = $1";
constexpr std::string_view kDelete = "DELETE FROM categories WHERE id = $1";
constexpr std::string_view kSlugTaken = "SELECT 1 FROM categories WHERE slug = $1 AND id <> $2";
constexpr std::string_view kCountChildren = "SELECT COUNT(*) FROM categories WHERE parent_id = $1";

// Descendants by a range on path rather than LIKE: '_' in ids is a LIKE wildcard and SQLite's LIKE ignores
// case. Every path ends in '/', and '0' is the byte after '/', so the strings starting with "/a/b/" are exactly
// those in ["/a/b/", "/a/b0"); both backends compare path byte by byte (BINARY, COLLATE "C"), and the range
// uses the categories_path index.
constexpr std::string_view kMoveSubtree =
    "UPDATE categories SET path = CAST($3 AS TEXT) || substr(path, length(CAST($1 AS TEXT)) + 1), updated_at = $4 "
    "WHERE path >= $1 AND path < $2";

constexpr std::string_view kCountLiveProducts =
    "SELECT COUNT(*) FROM products WHERE category_id = $1 AND status <> 'archived'";
constexpr std::string_view kReassignProducts =
    "UPDATE products SET category_id = CAST($2 AS TEXT), version = version + 1, updated_at = $3 "
    "WHERE category_id = $1";

const std::string kSelect = "SELECT " + std::string(kColumns) + " FROM categories";
const std::string kFindById = kSelect + " WHERE id = $1";
const std::string kFindBySlug = kSelect + " WHERE slug = $1";
const std::string kListAll = kSelect;
const std::string kChildren = kSelect + " WHERE parent_id = $1";
const std::string kRoots = kSelect + " WHERE parent_id IS NULL";
const std::string kSubtree = kSelect + " WHERE path >= $1 AND path < $2";
// A path names at most CategoryService::kMaxLevels ids; longer ones are read in several rounds. Unused
// placeholders are NULL, which matches nothing.
constexpr std::size_t kIdsPerRound = 8;
const std::string kByIds = kSelect + " WHERE id IN ($1, $2, $3, $4, $5, $6, $7, $8)";

Category read_category(const storage::Row& row) {
  return Category{.id = row.text(0),
                  .parent_id = row.optional_text(1),
                  .slug = row.text(2),
                  .name = row.text(3),
                  .description = row.text(4),
                  .path = row.text(5),
                  .position = row.integer(6),
                  .created_at = from_unix_millis(row.integer(7)),
                  .updated_at = from_unix_millis(row.integer(8))};
}

std::vector<Category> read_all(const storage::Rows& rows) {
  std::vector<Category> categories;
  categories.reserve(rows.size());
  for (const auto row : rows) categories.push_back(read_category(row));
  return categories;
}

std::optional<Category> first(const storage::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return read_category(rows.front());
}

// The smallest string greater than every string starting with `path` (which ends in '/').
std::string past_descendants(std::string_view path) {
  std::string end(path.substr(0, path.empty() ? 0 : path.size() - 1));
  end += '0';
  return end;
}
}  // namespace

void CategoryStore::lock_tree(Connection& connection, Timestamp now) {
  storage::lock_named(connection, "catalog.category_tree", now);
}

void CategoryStore::insert(Connection& connection, const Category& c) {
  connection.execute(kInsert, {std::string_view(c.id), nullable(c.parent_id), std::string_view(c.slug),
                               std::string_view(c.name), std::string_view(c.description), std::string_view(c.path),
                               c.position, to_unix_millis(c.created_at), to_unix_millis(c.updated_at)});
}

bool CategoryStore::update(Connection& connection, const Category& c) {
  return connection.execute(kUpdate, {std::string_view(c.id), nullable(c.parent_id), std::string_view(c.slug),
                                      std::string_view(c.name), std::string_view(c.description), c.position,
                                      to_unix_millis(c.updated_at)}) == 1;
}

bool CategoryStore::remove(Connection& connection, std::string_view id) {
  return connection.execute(kDelete, {id}) == 1;
}

std::optional<Category> CategoryStore::find_by_id(Connection& connection, std::string_view id) {
  return first(connection.query(kFindById, {id}));
}

std::optional<Category> CategoryStore::find_by_slug(Connection& connection, std::string_view slug) {
  return first(connection.query(kFindBySlug, {slug}));
}

std::optional<Category> CategoryStore::find(Connection& connection, std::string_view id_or_slug) {
  if (id_or_slug.starts_with(std::string(kCategoryIdPrefix) + "_")) {
    if (!is_valid_id(id_or_slug, kCategoryIdPrefix)) return std::nullopt;
    return find_by_id(connection, id_or_slug);
  }
  return find_by_slug(connection, id_or_slug);
}

bool CategoryStore::slug_taken(Connection& connection, std::string_view slug, std::string_view except_id) {
  return !connection.query(kSlugTaken, {slug, except_id}).empty();
}

std::vector<Category> CategoryStore::list_tree(Connection& connection) {
  return in_tree_order(read_all(connection.query(kListAll)));
}

std::vector<Category> CategoryStore::children(Connection& connection, const std::optional<std::string>& parent_id) {
  auto found = parent_id ? read_all(connection.query(kChildren, {std::string_view(*parent_id)}))
                         : read_all(connection.query(kRoots));
  std::sort(found.begin(), found.end(), sibling_before);
  return found;
}

std::int64_t CategoryStore::count_children(Connection& connection, std::string_view id) {
  return connection.query(kCountChildren, {id}).front().integer(0);
}

std::vector<Category> CategoryStore::on_path(Connection& connection, std::string_view path) {
  const auto ids = path_ids(path);
  std::map<std::string, Category, std::less<>> found;
  for (std::size_t start = 0; start < ids.size(); start += kIdsPerRound) {
    std::vector<Param> params(kIdsPerRound, nullptr);
    for (std::size_t i = 0; i < kIdsPerRound && start + i < ids.size(); ++i)
      params[i] = std::string_view(ids[start + i]);
    for (auto& category : read_all(connection.query(kByIds, std::span<const Param>(params))))
      found.emplace(category.id, std::move(category));
  }
  std::vector<Category> categories;
  for (const auto& id : ids) {
    if (auto it = found.find(id); it != found.end()) categories.push_back(it->second);
  }
  return categories;
}

std::vector<Category> CategoryStore::subtree(Connection& connection, std::string_view path) {
  const auto end = past_descendants(path);
  return read_all(connection.query(kSubtree, {path, std::string_view(end)}));
}

std::int64_t CategoryStore::move_subtree(Connection& connection, std::string_view old_path, std::string_view new_path,
                                         Timestamp now) {
  const auto end = past_descendants(old_path);
  return connection.execute(kMoveSubtree, {old_path, std::string_view(end), new_path, to_unix_millis(now)});
}

std::int64_t CategoryStore::count_live_products(Connection& connection, std::string_view id) {
  return connection.query(kCountLiveProducts, {id}).front().integer(0);
}

std::int64_t CategoryStore::reassign_products(Connection& connection, std::string_view from,
                                              const std::optional<std::string>& to, Timestamp now) {
  return connection.execute(kReassignProducts, {from, nullable(to), to_unix_millis(now)});
}

bool sibling_before(const Category& a, const Category& b) {
  if (a.position != b.position) return a.position < b.position;
  if (a.name != b.name) return a.name < b.name;  // char_traits<char>::compare: unsigned bytes, like memcmp
  return a.id < b.id;
}

std::vector<Category> in_tree_order(std::vector<Category> categories) {
  std::map<std::string, std::vector<std::size_t>, std::less<>> children;  // parent id → indexes
  std::set<std::string_view> present;
  for (const auto& category : categories) present.insert(category.id);
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < categories.size(); ++i) {
    const auto& parent = categories[i].parent_id;
    if (parent && present.contains(*parent)) {
      children[*parent].push_back(i);
    } else {
      roots.push_back(i);
    }
  }
  const auto by_sibling_order = [&](std::size_t a, std::size_t b) {
    return sibling_before(categories[a], categories[b]);
  };
  std::vector<Category> ordered;
  ordered.reserve(categories.size());
  // Depth first with an explicit stack: children are pushed in reverse so that the first sibling pops first.
  std::sort(roots.begin(), roots.end(), by_sibling_order);
  std::vector<std::size_t> stack(roots.rbegin(), roots.rend());
  while (!stack.empty()) {
    const auto index = stack.back();
    stack.pop_back();
    if (auto it = children.find(categories[index].id); it != children.end()) {
      std::sort(it->second.begin(), it->second.end(), by_sibling_order);
      stack.insert(stack.end(), it->second.rbegin(), it->second.rend());
    }
    ordered.push_back(std::move(categories[index]));
  }
  return ordered;
}

}  // namespace emporium::catalog
