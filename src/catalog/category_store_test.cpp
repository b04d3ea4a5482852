// The pure parts of the tree: paths, depth and tree order. The SQL runs in category_service_test.cpp.
#include "catalog/category_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace emporium::catalog {
namespace {
using ::testing::ElementsAre;

Category node(std::string id, std::optional<std::string> parent, std::string name, std::int64_t position = 0) {
  return Category{.id = std::move(id), .parent_id = std::move(parent), .name = std::move(name), .position = position};
}

std::vector<std::string> ids_of(const std::vector<Category>& categories) {
  std::vector<std::string> ids;
  for (const auto& category : categories) ids.push_back(category.id);
  return ids;
}

TEST(CategoryPath, ListsIdsRootFirst) {
  EXPECT_THAT(path_ids("/cat_a/cat_b/cat_c/"), ElementsAre("cat_a", "cat_b", "cat_c"));
  EXPECT_THAT(path_ids("/cat_a/"), ElementsAre("cat_a"));
  EXPECT_TRUE(path_ids("/").empty());
}

TEST(CategoryPath, DepthCountsAncestors) {
  EXPECT_EQ(Category{.path = "/cat_a/"}.depth(), 0);
  EXPECT_EQ(Category{.path = "/cat_a/cat_b/"}.depth(), 1);
  EXPECT_EQ(Category{.path = "/a/b/c/d/e/f/g/h/"}.depth(), 7);
}

TEST(TreeOrder, PutsParentsBeforeChildrenDepthFirst) {
  const auto ordered = in_tree_order({
      node("c1", "r1", "Child"),
      node("r2", std::nullopt, "Beta"),
      node("g1", "c1", "Grandchild"),
      node("r1", std::nullopt, "Alpha"),
      node("c2", "r2", "Other"),
  });
  EXPECT_THAT(ids_of(ordered), ElementsAre("r1", "c1", "g1", "r2", "c2"));
}

TEST(TreeOrder, OrdersSiblingsByPositionThenNameThenId) {
  const auto ordered = in_tree_order({
      node("r_b", std::nullopt, "Same", 1), node("r_a", std::nullopt, "Same", 1), node("r_z", std::nullopt, "Aaa", 2),
      node("r_y", std::nullopt, "Zzz", 0), node("r_x", std::nullopt, "Mmm", 1),
      node("r_e", std::nullopt, "Émile", 1),  // bytes: 'É' (0xC3…) sorts after every ASCII letter
  });
  EXPECT_THAT(ids_of(ordered), ElementsAre("r_y", "r_x", "r_a", "r_b", "r_e", "r_z"));
}

TEST(TreeOrder, TreatsCategoriesWithoutTheirParentInTheListAsRoots) {
  const auto ordered = in_tree_order({node("b", "missing", "B"), node("a", std::nullopt, "A")});
  EXPECT_THAT(ids_of(ordered), ElementsAre("a", "b"));
}

TEST(TreeOrder, SiblingBeforeIsAStrictOrder) {
  const auto a = node("a", std::nullopt, "Name", 1);
  const auto b = node("b", std::nullopt, "Name", 1);
  EXPECT_TRUE(sibling_before(a, b));
  EXPECT_FALSE(sibling_before(b, a));
  EXPECT_FALSE(sibling_before(a, a));
}

}  // namespace
}  // namespace emporium::catalog
