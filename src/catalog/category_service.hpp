#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_context.hpp"
#include "catalog/category.hpp"
#include "support/problem.hpp"

namespace emporium::catalog {

// Who makes a change, for the audit log. An empty user_id is the system itself (seeding, the command line).
struct CategoryActor {
  std::string user_id{};
  std::string client_ip{};
};

struct CategoryListQuery {
  // Only the direct children of this category (an id or a slug); with roots_only, only the roots. Neither:
  // the whole tree.
  std::optional<std::string> parent{};
  bool roots_only = false;
  std::int64_t page = 1;
  std::int64_t limit = 20;
  // The id of the last category of the previous page: the page continues after it (page is then ignored).
  std::optional<std::string> cursor{};
};

struct CategoryPage {
  std::vector<CategoryView> items{};
  std::int64_t total = 0;
  std::optional<std::string> next_cursor{};  // the last item's id, when more follow
};

// The category tree. Each public method is one transaction; every successful write records an audit entry
// (category.created|updated|deleted) in that transaction and calls cache.invalidate() once after it committed
// (never on failure).
//
// Rules:
// - name 1–120 characters, description at most 2000, both trimmed, no control characters (the description may
//   hold line breaks and tabs); position 0–1,000,000.
// - A slug given must be valid (is_valid_slug) and unused: 409 `slug_taken`. None given: made from the name
//   (slugify) and made unique with -2, -3, … on create; kept on replace (slugs are stable).
// - parentId (an id or a slug) must name an existing category: 422 on parentId. A category may not go under
//   itself or one of its descendants: 422 `category_cycle`. The tree is at most kMaxLevels deep (a root is
//   level 1): 422 `category_too_deep`, also when a move would push a descendant below it.
// - Replace is a full replace: absent description, parentId and position become "", root and 0.
// - Delete: a category with children is 409 `category_has_children`. One holding live (non-archived)
//   products is 409 `category_not_empty` unless `reassign_to` names another existing category outside it;
//   then all its products move there, their version and updated_at bumped. Archived products of a deleted
//   category without `reassign_to` are left without a category (also version-bumped).
//
// Concurrency: every write first takes the tree lock (CategoryStore::lock_tree), so writes of the tree run one
// at a time and each checks cycles, depth, children and slugs against the tree as the previous one left it:
// two concurrent moves can never make a cycle. A product written into a category while it is being deleted
// makes the delete a 409 `category_not_empty` (the foreign key refuses it), never a 500.
class CategoryService {
 public:
  static constexpr int kMaxLevels = 8;
  static constexpr std::int64_t kMaxPosition = 1'000'000;

  explicit CategoryService(CatalogContext& context) : context_(context) {}

  // Tree order (in_tree_order), or sibling order with a parent filter. An unknown parent: 404
  // `category_not_found`; an unknown cursor: 400 `invalid_query`.
  Result<CategoryPage> list(const CategoryListQuery& query);
  // By id or slug; 404 `category_not_found`.
  Result<CategoryView> get(const std::string& id_or_slug);
  Result<CategoryView> create(const CategoryActor& actor, CategoryInput input);
  Result<CategoryView> replace(const CategoryActor& actor, const std::string& id, CategoryInput input);
  Result<void> remove(const CategoryActor& actor, const std::string& id,
                      const std::optional<std::string>& reassign_to = std::nullopt);

  // For the product code, inside its own transactions: the category with this id or slug, and the categories
  // from the root down to `category` itself.
  static std::optional<Category> find(storage::Connection& connection, std::string_view id_or_slug);
  static std::vector<Category> path_of(storage::Connection& connection, const Category& category);

 private:
  CatalogContext& context_;
};

// Trims name, slug and description; an empty slug or description becomes absent.
CategoryInput normalised_category_input(CategoryInput input);

// Every rule a normalised input breaks that needs no database, by JSON field (name, slug, description,
// position); empty when valid.
std::vector<FieldError> category_input_errors(const CategoryInput& input);

// 404 with code `category_not_found`.
Problem category_not_found();

}  // namespace emporium::catalog
