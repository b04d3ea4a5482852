// The category tree against real databases: every TEST_P runs on SQLite and on PostgreSQL (the server
// EMPORIUM_TEST_POSTGRES_URL names: run under scripts/with-services).
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

namespace emporium::catalog {
namespace {
using storage::Backend;
using ::testing::ElementsAre;

// ---- Fixtures ------------------------------------------------------------------------------------------------
using catalog::testing::CountingCache;

struct Extra {
  std::optional<std::string> slug{};
  std::optional<std::string> description{};
  std::optional<std::int64_t> position{};
};

CategoryInput input(std::string name, std::optional<std::string> parent = std::nullopt, Extra extra = {}) {
  return {.name = std::move(name),
          .slug = std::move(extra.slug),
          .description = std::move(extra.description),
          .parent_id = std::move(parent),
          .position = extra.position};
}

std::vector<std::string> ids_of(const std::vector<Category>& categories) {
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

TEST_P(CategoryTree, CreatesRootsAndChildrenWithTheirPaths) {
  const auto clothing = create("Clothing");
  EXPECT_TRUE(is_valid_id(clothing.category.id, "cat")) << clothing.category.id;
  EXPECT_EQ(clothing.category.slug, "clothing");
  EXPECT_EQ(clothing.category.parent_id, std::nullopt);
  EXPECT_EQ(clothing.category.path, "/" + clothing.category.id + "/");
  EXPECT_EQ(clothing.category.depth(), 0);
  EXPECT_EQ(clothing.category.created_at, clock_.now());
  EXPECT_THAT(ids_of(clothing.path), ElementsAre(clothing.category.id));

  const auto shoes = create("Men's Shoes", clothing.category.id, {.description = "  Boots and more. ", .position = 3});
  EXPECT_EQ(shoes.category.slug, "men-s-shoes");
  EXPECT_EQ(shoes.category.parent_id, clothing.category.id);
  EXPECT_EQ(shoes.category.path, clothing.category.path + shoes.category.id + "/");
  EXPECT_EQ(shoes.category.depth(), 1);
  EXPECT_EQ(shoes.category.description, "Boots and more.");
  EXPECT_EQ(shoes.category.position, 3);
  EXPECT_THAT(ids_of(shoes.path), ElementsAre(clothing.category.id, shoes.category.id));

  for (const auto& key : {shoes.category.id, std::string("men-s-shoes")}) {
    const auto fetched = service_->get(key);
    ASSERT_TRUE(fetched.has_value()) << key;
    EXPECT_EQ(fetched->category.id, shoes.category.id);
    EXPECT_EQ(fetched->category.name, "Men's Shoes");
    EXPECT_THAT(ids_of(fetched->path), ElementsAre(clothing.category.id, shoes.category.id));
  }
}

TEST_P(CategoryTree, CreatesUnderAParentNamedBySlug) {
  const auto root = create("Garden");
  const auto child = create("Tools", std::string("garden"));
  EXPECT_EQ(child.category.parent_id, root.category.id);
}

TEST_P(CategoryTree, GetAnswers404ForUnknownIdsAndSlugs) {
  for (const auto* key : {"cat_01JDQ3ZZZZZZZZZZZZZZZZZZZZ", "nothing", "cat_bad", "", "Not A Slug"}) {
    const auto missing = service_->get(key);
    ASSERT_TRUE(missing.has_error()) << key;
    EXPECT_EQ(missing.error().status, 404);
    EXPECT_EQ(missing.error().code, "category_not_found");
  }
}

TEST_P(CategoryTree, GeneratesUniqueSlugsAndRefusesTakenOnes) {
  EXPECT_EQ(create("Crème Brûlée").category.slug, "creme-brulee");
  EXPECT_EQ(create("Creme brulee!").category.slug, "creme-brulee-2");
  EXPECT_EQ(create("CREME BRULEE").category.slug, "creme-brulee-3");
  EXPECT_EQ(create("日本").category.slug, "item");
  EXPECT_EQ(create("custom", std::nullopt, {.slug = "my-slug"}).category.slug, "my-slug");

  const auto taken = service_->create(admin_, input("Other", std::nullopt, {.slug = "creme-brulee-2"}));
  ASSERT_TRUE(taken.has_error());
  EXPECT_EQ(taken.error().status, 409);
  EXPECT_EQ(taken.error().code, "slug_taken");
}

TEST_P(CategoryTree, RefusesInvalidInputWithEveryErrorAtOnce) {
  const auto refused = service_->create(
      admin_, CategoryInput{.name = "  ", .slug = "Not_Valid", .description = std::string(2001, 'x'), .position = -1});
  ASSERT_TRUE(refused.has_error());
  EXPECT_EQ(refused.error().status, 422);
  std::set<std::string> fields;
  for (const auto& error : refused.error().errors) fields.insert(error.field);
  EXPECT_EQ(fields, (std::set<std::string>{"name", "slug", "description", "position"}));

  EXPECT_EQ(service_->create(admin_, input(std::string(121, 'n'))).error().status, 422);
  EXPECT_TRUE(service_->create(admin_, input(std::string(120, 'n'))).has_value());
  EXPECT_EQ(service_->create(admin_, input("Tab\tname")).error().status, 422);
  EXPECT_TRUE(service_->create(admin_, input("Lines", std::nullopt, {.description = "a\nb\tc"})).has_value());
  EXPECT_EQ(cache_.invalidations(), 2);
}

TEST_P(CategoryTree, RefusesAParentThatDoesNotExist) {
  for (const auto* parent : {"cat_01JDQ3ZZZZZZZZZZZZZZZZZZZZ", "no-such-slug"}) {
    const auto refused = service_->create(admin_, input("Orphan", std::string(parent)));
    ASSERT_TRUE(refused.has_error());
    EXPECT_EQ(refused.error().status, 422);
    ASSERT_EQ(refused.error().errors.size(), 1u);
    EXPECT_EQ(refused.error().errors[0].field, "parentId");
  }
  EXPECT_TRUE(list_all().empty());
}

TEST_P(CategoryTree, ListsTheWholeTreeInTreeOrder) {
  const auto b = create("Beta", std::nullopt, {.position = 1});
  const auto a = create("Alpha", std::nullopt, {.position = 1});
  const auto first = create("Zulu", std::nullopt, {.position = 0});
  const auto a2 = create("Second", a.category.id, {.position = 2});
  const auto a1 = create("First", a.category.id, {.position = 1});
  const auto a1x = create("Deep", a1.category.id);
  const auto b1 = create("Only", b.category.id);
  EXPECT_THAT(ids_of(list_all()), ElementsAre(first.category.id, a.category.id, a1.category.id, a1x.category.id,
                                              a2.category.id, b.category.id, b1.category.id));

  const auto page = service_->list({.page = 2, .limit = 3});
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->total, 7);
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->items[0].category.id, a1x.category.id);
  EXPECT_THAT(ids_of(page->items[0].path), ElementsAre(a.category.id, a1.category.id, a1x.category.id));
  EXPECT_EQ(page->next_cursor, b.category.id);

  const auto after = service_->list({.limit = 3, .cursor = page->next_cursor});
  ASSERT_TRUE(after.has_value());
  ASSERT_EQ(after->items.size(), 1u);
  EXPECT_EQ(after->items[0].category.id, b1.category.id);
  EXPECT_EQ(after->next_cursor, std::nullopt);

  EXPECT_TRUE(service_->list({.page = 9, .limit = 3})->items.empty());
  EXPECT_EQ(service_->list({.cursor = "cat_unknown"}).error().status, 400);
}

TEST_P(CategoryTree, ListsTheDirectChildrenOfAParentOrTheRoots) {
  const auto a = create("Alpha");
  const auto b = create("Beta");
  const auto a2 = create("Two", a.category.id, {.position = 2});
  const auto a1 = create("One", a.category.id, {.position = 1});
  create("Below", a1.category.id);

  for (const auto& parent : {a.category.id, std::string("alpha")}) {
    const auto children = service_->list({.parent = parent});
    ASSERT_TRUE(children.has_value());
    EXPECT_EQ(children->total, 2);
    ASSERT_EQ(children->items.size(), 2u);
    EXPECT_EQ(children->items[0].category.id, a1.category.id);
    EXPECT_THAT(ids_of(children->items[1].path), ElementsAre(a.category.id, a2.category.id));
  }
  const auto roots = service_->list({.roots_only = true});
  ASSERT_TRUE(roots.has_value());
  EXPECT_EQ(roots->total, 2);
  EXPECT_EQ(roots->items[1].category.id, b.category.id);

  const auto unknown = service_->list({.parent = "nope"});
  ASSERT_TRUE(unknown.has_error());
  EXPECT_EQ(unknown.error().code, "category_not_found");
}

TEST_P(CategoryTree, ReplaceIsAFullReplaceThatKeepsTheSlugWhenAbsent) {
  const auto root = create("Root");
  const auto made = create("Kitchen", root.category.id, {.description = "Pots", .position = 4});
  clock_.advance(std::chrono::minutes(1));
  const auto replaced = replace(made.category.id, input("Kitchen & Dining"));
  EXPECT_EQ(replaced.category.slug, "kitchen");
  EXPECT_EQ(replaced.category.name, "Kitchen & Dining");
  EXPECT_EQ(replaced.category.description, "");
  EXPECT_EQ(replaced.category.position, 0);
  EXPECT_EQ(replaced.category.parent_id, std::nullopt);  // no parentId: a root now
  EXPECT_EQ(replaced.category.path, "/" + made.category.id + "/");
  EXPECT_EQ(replaced.category.created_at, made.category.created_at);
  EXPECT_EQ(replaced.category.updated_at, clock_.now());

  EXPECT_EQ(replace(made.category.id, input("Kitchen", std::nullopt, {.slug = "cooking"})).category.slug, "cooking");
  EXPECT_EQ(replace(made.category.id, input("Kitchen", std::nullopt, {.slug = "cooking"})).category.slug, "cooking");
  EXPECT_EQ(service_->replace(admin_, made.category.id, input("K", std::nullopt, {.slug = "root"})).error().code,
            "slug_taken");
  EXPECT_EQ(service_->replace(admin_, "cat_01JDQ3ZZZZZZZZZZZZZZZZZZZZ", input("X")).error().status, 404);
  EXPECT_EQ(service_->replace(admin_, "kitchen", input("X")).error().status, 404);  // writes take ids only
}

TEST_P(CategoryTree, MovingRewritesThePathsOfEveryDescendant) {
  const auto a = create("A");
  const auto b = create("B", a.category.id);
  const auto c = create("C", b.category.id);
  const auto d = create("D", c.category.id);
  const auto sibling = create("Sibling", a.category.id);
  const auto other = create("Other");
  clock_.advance(std::chrono::minutes(1));

  const auto moved = replace(b.category.id, input("B", other.category.id));
  EXPECT_EQ(moved.category.path, other.category.path + b.category.id + "/");
  EXPECT_THAT(ids_of(moved.path), ElementsAre(other.category.id, b.category.id));

  const auto deep = service_->get(d.category.id);
  ASSERT_TRUE(deep.has_value());
  EXPECT_EQ(deep->category.path, moved.category.path + c.category.id + "/" + d.category.id + "/");
  EXPECT_EQ(deep->category.depth(), 3);
  EXPECT_EQ(deep->category.updated_at, clock_.now());
  EXPECT_THAT(ids_of(deep->path), ElementsAre(other.category.id, b.category.id, c.category.id, d.category.id));
  EXPECT_EQ(service_->get(sibling.category.id)->category.path, a.category.path + sibling.category.id + "/");
  EXPECT_EQ(service_->get(a.category.id)->category.updated_at, a.category.updated_at);  // untouched

  replace(b.category.id, input("B"));  // back to a root
  EXPECT_EQ(service_->get(d.category.id)->category.depth(), 2);
  expect_consistent_tree();
}

TEST_P(CategoryTree, RefusesToMoveACategoryUnderItselfOrItsDescendants) {
  const auto a = create("A");
  const auto b = create("B", a.category.id);
  const auto c = create("C", b.category.id);
  const auto d = create("D", c.category.id);
  const auto invalidations = cache_.invalidations();
  for (const auto& target : {a.category.id, b.category.id, d.category.id, std::string("d")}) {
    const auto refused = service_->replace(admin_, a.category.id, input("A", target));
    ASSERT_TRUE(refused.has_error()) << target;
    EXPECT_EQ(refused.error().status, 422);
    EXPECT_EQ(refused.error().code, "category_cycle");
  }
  EXPECT_EQ(service_->replace(admin_, c.category.id, input("C", c.category.id)).error().code, "category_cycle");
  EXPECT_EQ(cache_.invalidations(), invalidations);
  EXPECT_EQ(service_->get(a.category.id)->category.path, a.category.path);
  expect_consistent_tree();
}

TEST_P(CategoryTree, KeepsTheTreeAtMostEightLevelsDeep) {
  std::vector<CategoryView> chain{create("Level 1")};
  for (int level = 2; level <= CategoryService::kMaxLevels; ++level)
    chain.push_back(create("Level " + std::to_string(level), chain.back().category.id));
  EXPECT_EQ(chain.back().category.depth(), 7);
  EXPECT_EQ(chain.back().path.size(), 8u);

  const auto too_deep = service_->create(admin_, input("Level 9", chain.back().category.id));
  ASSERT_TRUE(too_deep.has_error());
  EXPECT_EQ(too_deep.error().status, 422);
  EXPECT_EQ(too_deep.error().code, "category_too_deep");

  // A two-level subtree fits under level 6 but not under level 7.
  const auto top = create("Top");
  create("Under", top.category.id);
  EXPECT_TRUE(service_->replace(admin_, top.category.id, input("Top", chain[5].category.id)).has_value());
  const auto refused = service_->replace(admin_, top.category.id, input("Top", chain[6].category.id));
  ASSERT_TRUE(refused.has_error());
  EXPECT_EQ(refused.error().code, "category_too_deep");
  expect_consistent_tree();
}

TEST_P(CategoryTree, RefusesToDeleteACategoryWithChildren) {
  const auto a = create("A");
  create("B", a.category.id);
  const auto refused = service_->remove(admin_, a.category.id);
  ASSERT_TRUE(refused.has_error());
  EXPECT_EQ(refused.error().status, 409);
  EXPECT_EQ(refused.error().code, "category_has_children");
  EXPECT_TRUE(service_->get(a.category.id).has_value());
}

TEST_P(CategoryTree, RefusesToDeleteACategoryWithLiveProducts) {
  const auto a = create("A");
  const auto product = add_product(a.category.id, "draft");
  const auto invalidations = cache_.invalidations();
  const auto refused = service_->remove(admin_, a.category.id);
  ASSERT_TRUE(refused.has_error());
  EXPECT_EQ(refused.error().status, 409);
  EXPECT_EQ(refused.error().code, "category_not_empty");
  EXPECT_EQ(product_category(product), a.category.id);
  EXPECT_EQ(cache_.invalidations(), invalidations);
}

TEST_P(CategoryTree, DeletesACategoryHoldingOnlyArchivedProductsAndDetachesThem) {
  const auto a = create("A");
  const auto archived = add_product(a.category.id, "archived");
  clock_.advance(std::chrono::minutes(1));
  ASSERT_TRUE(service_->remove(admin_, a.category.id).has_value());
  EXPECT_EQ(product_category(archived), std::nullopt);
  EXPECT_EQ(product_version(archived), 2);
  EXPECT_EQ(service_->get(a.category.id).error().status, 404);
}

TEST_P(CategoryTree, DeletingWithReassignToMovesEveryProductAndBumpsItsVersion) {
  const auto a = create("A");
  const auto target = create("Target");
  const auto active = add_product(a.category.id, "active");
  const auto archived = add_product(a.category.id, "archived");
  const auto elsewhere = add_product(target.category.id, "active");
  clock_.advance(std::chrono::minutes(1));
  ASSERT_TRUE(service_->remove(admin_, a.category.id, std::string("target")).has_value());
  for (const auto& product : {active, archived}) {
    EXPECT_EQ(product_category(product), target.category.id);
    EXPECT_EQ(product_version(product), 2);
    EXPECT_EQ(product_updated_at(product), to_unix_millis(clock_.now()));
  }
  EXPECT_EQ(product_version(elsewhere), 1);
  EXPECT_EQ(service_->get(a.category.id).error().status, 404);
}

TEST_P(CategoryTree, RefusesAReassignTargetThatIsMissingOrTheCategoryItself) {
  const auto a = create("A");
  const auto product = add_product(a.category.id, "active");
  for (const auto& target : {a.category.id, std::string("a"), std::string("missing")}) {
    const auto refused = service_->remove(admin_, a.category.id, target);
    ASSERT_TRUE(refused.has_error()) << target;
    EXPECT_EQ(refused.error().status, 422);
    ASSERT_EQ(refused.error().errors.size(), 1u);
    EXPECT_EQ(refused.error().errors[0].field, "reassignTo");
  }
  EXPECT_EQ(product_category(product), a.category.id);
  EXPECT_EQ(service_->remove(admin_, "cat_01JDQ3ZZZZZZZZZZZZZZZZZZZZ").error().status, 404);
}

TEST_P(CategoryTree, RecordsEveryWriteInTheAuditLog) {
  const auto a = create("A");
  replace(a.category.id, input("A2"));
  const auto b = create("B");
  replace(a.category.id, input("A2", b.category.id));
  service_->remove(admin_, a.category.id + "x");  // refused: no entry
  ASSERT_TRUE(service_->remove(admin_, a.category.id).has_value());
  EXPECT_THAT(audit_actions(a.category.id),
              ElementsAre("category.created", "category.updated", "category.updated", "category.deleted"));
  EXPECT_EQ(audit_actor(a.category.id), admin_.user_id);

  const auto seeded = service_->create(CategoryActor{}, input("Seeded"));  // the system: no actor
  ASSERT_TRUE(seeded.has_value());
  EXPECT_TRUE(query("SELECT actor_id FROM audit_log WHERE target_id = $1", {std::string_view(seeded->category.id)})
                  .front()
                  .is_null(0));
}

TEST_P(CategoryTree, InvalidatesTheCacheOncePerSuccessfulWrite) {
  const auto a = create("A");
  EXPECT_EQ(cache_.invalidations(), 1);
  replace(a.category.id, input("A"));
  EXPECT_EQ(cache_.invalidations(), 2);
  EXPECT_TRUE(service_->create(admin_, input("B", std::nullopt, {.slug = "a"})).has_error());
  EXPECT_TRUE(service_->replace(admin_, a.category.id, input("A", a.category.id)).has_error());
  EXPECT_TRUE(service_->remove(admin_, "cat_01JDQ3ZZZZZZZZZZZZZZZZZZZZ").has_error());
  EXPECT_EQ(cache_.invalidations(), 2);
  EXPECT_TRUE(service_->remove(admin_, a.category.id).has_value());
  EXPECT_EQ(cache_.invalidations(), 3);
}

// Runs both moves at once, `rounds` times on fresh categories; each round exactly one may succeed.
struct Outcomes {
  std::atomic<int> moved{0};
  std::atomic<int> cycles{0};
  std::atomic<int> failed{0};
};

void move_at_once(CategoryService& service, const CategoryActor& actor,
                  const std::vector<std::pair<std::string, std::string>>& moves, Outcomes& outcomes) {
  std::latch start(static_cast<std::ptrdiff_t>(moves.size()));
  std::vector<std::thread> threads;
  for (const auto& [id, parent] : moves) {
    threads.emplace_back([&, id, parent] {
      start.arrive_and_wait();
      try {
        const auto result = service.replace(actor, id, input("Moved", parent));
        if (result) {
          ++outcomes.moved;
        } else if (result.error().code == "category_cycle") {
          ++outcomes.cycles;
        } else {
          ++outcomes.failed;
          ADD_FAILURE() << "replace refused: " << result.error().code;
        }
      } catch (const std::exception& e) {
        ++outcomes.failed;
        ADD_FAILURE() << "replace threw: " << e.what();
      }
    });
  }
  for (auto& thread : threads) thread.join();
}

TEST_P(CategoryTree, ConcurrentOppositeMovesNeverMakeACycle) {
  constexpr int kRounds = 8;
  Outcomes outcomes;
  for (int round = 0; round < kRounds; ++round) {
    const auto a = create("A");
    const auto b = create("B");
    move_at_once(*service_, admin_, {{a.category.id, b.category.id}, {b.category.id, a.category.id}}, outcomes);
  }
  EXPECT_EQ(outcomes.moved, kRounds);
  EXPECT_EQ(outcomes.cycles, kRounds);
  EXPECT_EQ(outcomes.failed, 0);
  expect_consistent_tree();
}

TEST_P(CategoryTree, ConcurrentMovesUnderEachOthersDescendantsNeverMakeACycle) {
  constexpr int kRounds = 8;
  Outcomes outcomes;
  for (int round = 0; round < kRounds; ++round) {
    const auto a = create("A");
    const auto b = create("B");
    const auto c = create("C", a.category.id);
    const auto d = create("D", b.category.id);
    // A under D and B under C: two disjoint pairs of rows, a cycle A → D → B → C → A if both went through.
    move_at_once(*service_, admin_, {{a.category.id, d.category.id}, {b.category.id, c.category.id}}, outcomes);
  }
  EXPECT_EQ(outcomes.moved, kRounds);
  EXPECT_EQ(outcomes.cycles, kRounds);
  EXPECT_EQ(outcomes.failed, 0);
  expect_consistent_tree();
}

INSTANTIATE_TEST_SUITE_P(Backends, CategoryTree, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::catalog
