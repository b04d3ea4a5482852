#include "catalog/category_service.hpp"

#include <algorithm>
#include <map>

#include "catalog/category_store.hpp"
#include "catalog/product_indexing.hpp"
#include "catalog/slug.hpp"
#include "storage/database.hpp"
#include "support/ids.hpp"
#include "support/strings.hpp"

namespace emporium::catalog {
namespace {
using storage::Connection;
using storage::TxMode;

constexpr std::size_t kMaxNameLength = 120;
constexpr std::size_t kMaxDescriptionLength = 2000;

Problem slug_taken() {
  return problems::conflict("slug_taken", "Another category already has this slug. Choose another one.");
}

Problem parent_not_found() { return problems::validation_failed({{"parentId", "must name an existing category"}}); }

Problem category_cycle() {
  return problems::validation_failed({{"parentId", "must not be the category itself or one of its descendants"}})
      .with_code("category_cycle")
      .with_detail("A category cannot be moved under itself or one of its own descendants.");
}

Problem category_too_deep() {
  const auto limit = std::to_string(CategoryService::kMaxLevels);
  return problems::validation_failed({{"parentId", "would make the tree deeper than " + limit + " levels"}})
      .with_code("category_too_deep")
      .with_detail("The category tree is at most " + limit + " levels deep.");
}

Problem category_has_children() {
  return problems::conflict("category_has_children",
                            "This category has sub-categories. Move or delete them before deleting it.");
}

Problem category_not_empty() {
  return problems::conflict("category_not_empty",
                            "This category still has products. Pass reassignTo=<category> to move them there.");
}

Problem bad_reassign_target(std::string message) {
  return problems::validation_failed({{"reassignTo", std::move(message)}});
}

void check_text(std::vector<FieldError>& errors, std::string field, std::string_view text, std::size_t min,
                std::size_t max, bool allow_whitespace) {
  if (!is_valid_utf8(text)) return errors.push_back({std::move(field), "must be valid UTF-8"});
  const auto length = utf8_length(text);
  if (length == 0 && min > 0) return errors.push_back({std::move(field), "must not be empty"});
  if (length < min || length > max) {
    return errors.push_back({std::move(field), "must be at most " + std::to_string(max) + " characters"});
  }
  if (has_control_character(text, allow_whitespace))
    errors.push_back({std::move(field), "must not contain control characters"});
}

void normalise(std::optional<std::string>& text) {
  if (!text) return;
  *text = std::string(trim(*text));
  if (text->empty()) text.reset();
}

bool is_within(const Category& category, const Category& ancestor) { return category.path.starts_with(ancestor.path); }

audit::AuditEntry audit_entry(const CategoryActor& actor, std::string action, const Category& category) {
  auto actor_id = actor.user_id.empty() ? std::nullopt : std::optional(actor.user_id);
  return {.actor_id = std::move(actor_id),
          .action = std::move(action),
          .target_type = "category",
          .target_id = category.id,
          .details = {{"slug", category.slug}, {"name", category.name}},
          .client_ip = actor.client_ip};
}

// Runs a write of the tree: the tree lock first, then `body`; the cache moves on once it committed.
template <class Body>
auto write_tree(CatalogContext& context, Body&& body) {
  auto result = storage::transact(context.database, TxMode::Write, [&](Connection& connection) {
    CategoryStore::lock_tree(connection, context.clock.now());
    return body(connection);
  });
  if (result) context.cache.invalidate();
  return result;
}

// The parent a create or replace names: nullopt for a root, a Problem when it does not exist.
Result<std::optional<Category>> resolve_parent(Connection& connection, const CategoryInput& input) {
  if (!input.parent_id) return std::optional<Category>();
  auto parent = CategoryService::find(connection, *input.parent_id);
  if (!parent) return parent_not_found();
  return parent;
}

Result<std::string> choose_slug(Connection& connection, const CategoryInput& input, const Category& category) {
  if (input.slug) {
    if (CategoryStore::slug_taken(connection, *input.slug, category.id)) return slug_taken();
    return *input.slug;
  }
  if (!category.slug.empty()) return category.slug;  // a replace without a slug keeps it
  return unique_slug(slugify(input.name), [&](const std::string& candidate) {
    return CategoryStore::slug_taken(connection, candidate, category.id);
  });
}

// The deepest level of `category`'s subtree once its root is at `new_depth`.
int deepest_after_move(Connection& connection, const Category& category, int new_depth) {
  int deepest = category.depth();
  for (const auto& below : CategoryStore::subtree(connection, category.path))
    deepest = std::max(deepest, below.depth());
  return new_depth + (deepest - category.depth());
}

// Where the category goes: its new path, or why it cannot go there.
Result<std::string> placement(Connection& connection, const Category& category, const std::optional<Category>& parent,
                              bool moving) {
  const bool exists = !category.path.empty();  // a new category has no path yet, and no descendants
  if (parent && exists && is_within(*parent, category)) return category_cycle();
  const int depth = parent ? parent->depth() + 1 : 0;
  const int deepest = moving ? deepest_after_move(connection, category, depth) : depth;
  if (deepest >= CategoryService::kMaxLevels) return category_too_deep();
  return (parent ? parent->path : std::string("/")) + category.id + "/";
}

void apply(Category& category, const CategoryInput& input, const std::optional<Category>& parent) {
  category.parent_id = parent ? std::optional(parent->id) : std::nullopt;
  category.name = input.name;
  category.description = input.description.value_or("");
  category.position = input.position.value_or(0);
}

Result<CategoryInput> valid(CategoryInput input) {
  input = normalised_category_input(std::move(input));
  if (auto errors = category_input_errors(input); !errors.empty())
    return problems::validation_failed(std::move(errors));
  return input;
}

// One page of `categories` (already in list order): after the cursor, or at the page's offset.
Result<std::vector<Category>> page_of(std::vector<Category> categories, const CategoryListQuery& query,
                                      std::optional<std::string>& next_cursor) {
  std::size_t start = 0;
  if (query.cursor) {
    const auto at =
        std::find_if(categories.begin(), categories.end(), [&](const Category& c) { return c.id == *query.cursor; });
    if (at == categories.end()) return problems::invalid_query({{"cursor", "does not name a category of this list"}});
    start = static_cast<std::size_t>(at - categories.begin()) + 1;
  } else {
    start = std::min(categories.size(), static_cast<std::size_t>((query.page - 1) * query.limit));
  }
  const auto end = std::min(categories.size(), start + static_cast<std::size_t>(query.limit));
  if (end > start && end < categories.size()) next_cursor = categories[end - 1].id;
  return std::vector<Category>(std::make_move_iterator(categories.begin() + static_cast<std::ptrdiff_t>(start)),
                               std::make_move_iterator(categories.begin() + static_cast<std::ptrdiff_t>(end)));
}

using CategoriesById = std::map<std::string, Category, std::less<>>;

// The categories of the list before paging: the direct children of the filter's parent, or the whole tree.
// `known` receives every category a listed one may have on its path.
Result<std::vector<Category>> listed(Connection& connection, const CategoryListQuery& query, CategoriesById& known) {
  if (!query.parent && !query.roots_only) {
    auto tree = CategoryStore::list_tree(connection);
    for (const auto& category : tree) known.emplace(category.id, category);
    return tree;
  }
  std::optional<std::string> parent_id;
  if (query.parent) {
    const auto parent = CategoryService::find(connection, *query.parent);
    if (!parent) return category_not_found();
    for (auto& above : CategoryService::path_of(connection, *parent)) known.emplace(above.id, std::move(above));
    parent_id = parent->id;
  }
  return CategoryStore::children(connection, parent_id);
}

CategoryView view_of(Category category, const CategoriesById& known) {
  std::vector<Category> path;
  for (const auto& id : path_ids(category.path)) {
    if (id == category.id) {
      path.push_back(category);
    } else if (const auto it = known.find(id); it != known.end()) {
      path.push_back(it->second);
    }
  }
  return {std::move(category), std::move(path)};
}
}  // namespace

Problem category_not_found() { return problems::not_found("No such category.").with_code("category_not_found"); }

CategoryInput normalised_category_input(CategoryInput input) {
  input.name = std::string(trim(input.name));
  normalise(input.slug);
  normalise(input.description);
  normalise(input.parent_id);
  return input;
}

std::vector<FieldError> category_input_errors(const CategoryInput& input) {
  std::vector<FieldError> errors;
  check_text(errors, "name", input.name, 1, kMaxNameLength, false);
  if (input.slug && !is_valid_slug(*input.slug)) {
    errors.push_back({"slug", "must be at most " + std::to_string(kMaxSlugLength) +
                                  " lower-case letters and digits, in words joined by single hyphens"});
  }
  if (input.description) check_text(errors, "description", *input.description, 0, kMaxDescriptionLength, true);
  if (input.position && (*input.position < 0 || *input.position > CategoryService::kMaxPosition))
    errors.push_back({"position", "must be between 0 and " + std::to_string(CategoryService::kMaxPosition)});
  return errors;
}

std::optional<Category> CategoryService::find(Connection& connection, std::string_view id_or_slug) {
  return CategoryStore::find(connection, id_or_slug);
}

std::vector<Category> CategoryService::path_of(Connection& connection, const Category& category) {
  return CategoryStore::on_path(connection, category.path);
}

Result<CategoryPage> CategoryService::list(const CategoryListQuery& query) {
  return storage::with_connection(context_.database, [&](Connection& connection) -> Result<CategoryPage> {
    CategoriesById known;
    auto categories = listed(connection, query, known);
    if (!categories) return categories.error();
    CategoryPage page{.total = static_cast<std::int64_t>(categories->size())};
    auto items = page_of(std::move(*categories), query, page.next_cursor);
    if (!items) return items.error();
    for (auto& category : *items) page.items.push_back(view_of(std::move(category), known));
    return page;
  });
}

Result<CategoryView> CategoryService::get(const std::string& id_or_slug) {
  return storage::with_connection(context_.database, [&](Connection& connection) -> Result<CategoryView> {
    auto category = find(connection, id_or_slug);
    if (!category) return category_not_found();
    auto path = path_of(connection, *category);
    return CategoryView{std::move(*category), std::move(path)};
  });
}

Result<CategoryView> CategoryService::create(const CategoryActor& actor, CategoryInput input) {
  auto checked = valid(std::move(input));
  if (!checked) return checked.error();
  const auto id = context_.ids.next(kCategoryIdPrefix);
  return write_tree(context_, [&](Connection& connection) -> Result<CategoryView> {
    auto parent = resolve_parent(connection, *checked);
    if (!parent) return parent.error();
    const auto now = context_.clock.now();
    Category category{.id = id, .created_at = now, .updated_at = now};
    apply(category, *checked, *parent);
    auto path = placement(connection, category, *parent, false);
    if (!path) return path.error();
    category.path = std::move(*path);
    auto slug = choose_slug(connection, *checked, category);
    if (!slug) return slug.error();
    category.slug = std::move(*slug);
    CategoryStore::insert(connection, category);
    context_.audit.record(connection, audit_entry(actor, "category.created", category));
    return CategoryView{category, path_of(connection, category)};
  });
}

Result<CategoryView> CategoryService::replace(const CategoryActor& actor, const std::string& id, CategoryInput input) {
  if (!is_valid_id(id, kCategoryIdPrefix)) return category_not_found();
  auto checked = valid(std::move(input));
  if (!checked) return checked.error();
  return write_tree(context_, [&](Connection& connection) -> Result<CategoryView> {
    auto category = CategoryStore::find_by_id(connection, id);
    if (!category) return category_not_found();
    auto parent = resolve_parent(connection, *checked);
    if (!parent) return parent.error();
    const auto& new_parent = *parent;
    const bool moving = (new_parent ? std::optional(new_parent->id) : std::nullopt) != category->parent_id;
    const auto old_path = category->path;
    auto path = placement(connection, *category, new_parent, moving);
    if (!path) return path.error();
    auto slug = choose_slug(connection, *checked, *category);
    if (!slug) return slug.error();
    auto entry = audit_entry(actor, "category.updated", *category);  // the details are the new values
    apply(*category, *checked, new_parent);
    category->slug = std::move(*slug);
    category->updated_at = context_.clock.now();
    CategoryStore::update(connection, *category);
    entry.details = {{"slug", category->slug}, {"name", category->name}};
    if (moving) {
      CategoryStore::move_subtree(connection, old_path, *path, category->updated_at);
      category->path = std::move(*path);
      entry.details.emplace_back("parentId", category->parent_id.value_or(""));
    }
    reindex_products_in_category(connection, category->id);  // the category's name is a search keyword
    context_.audit.record(connection, entry);
    return CategoryView{*category, path_of(connection, *category)};
  });
}

Result<void> CategoryService::remove(const CategoryActor& actor, const std::string& id,
                                     const std::optional<std::string>& reassign_to) {
  if (!is_valid_id(id, kCategoryIdPrefix)) return category_not_found();
  try {
    return write_tree(context_, [&](Connection& connection) -> Result<void> {
      const auto category = CategoryStore::find_by_id(connection, id);
      if (!category) return category_not_found();
      if (CategoryStore::count_children(connection, id) > 0) return category_has_children();
      std::optional<Category> target;
      if (reassign_to) {
        target = find(connection, *reassign_to);
        if (!target) return bad_reassign_target("must name an existing category");
        if (is_within(*target, *category)) return bad_reassign_target("must name a category other than this one");
      } else if (CategoryStore::count_live_products(connection, id) > 0) {
        return category_not_empty();
      }
      const auto target_id = target ? std::optional(target->id) : std::nullopt;
      const auto moved = CategoryStore::reassign_products(connection, id, target_id, context_.clock.now());
      CategoryStore::remove(connection, id);
      if (target) reindex_products_in_category(connection, target->id);
      auto entry = audit_entry(actor, "category.deleted", *category);
      if (target) entry.details.emplace_back("reassignedTo", target->id);
      entry.details.emplace_back("productsMoved", std::to_string(moved));
      context_.audit.record(connection, entry);
      return {};
    });
  } catch (const storage::ConstraintViolation& violation) {
    // A product was written into the category after it was counted or reassigned: the foreign key refused
    // the delete and nothing changed.
    if (violation.kind() != storage::ConstraintViolation::Kind::ForeignKey) throw;
    return category_not_empty();
  }
}

}  // namespace emporium::catalog
