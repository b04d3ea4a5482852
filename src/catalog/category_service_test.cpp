// The category tree against real databases: every TEST_P runs on SQLite and on PostgreSQL (the server
// EMPORIUM_TEST_POSTGRES_URL names: run under scripts/with-services).
#include "catalog/category_tree_fixture.hpp"

namespace emporium::catalog::category_testing {
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

INSTANTIATE_TEST_SUITE_P(Backends, CategoryTree, storage::all_backends(), storage::backend_name);

}  // namespace emporium::catalog::category_testing
