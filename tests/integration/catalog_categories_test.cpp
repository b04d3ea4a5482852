// The category tree over HTTP: paths, moves (never under its own descendant), deletes refused while children
// or products remain unless products are reassigned, and writes for admins only.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "catalog_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class Categories : public CatalogSuite<Categories> {};

std::string id_of(const json::object& object) { return str(object.at("id")); }

// The ids along a category's `path`, root first.
std::vector<std::string> path_ids(const json::object& category) {
  std::vector<std::string> ids;
  for (const auto& step : category.at("path").as_array()) ids.emplace_back(step.at("id").as_string());
  return ids;
}

json::object category_json(HttpClient& client, const std::string& id_or_slug) {
  return list_json(client, "/api/categories/" + id_or_slug);
}

HttpResponse put_category(HttpClient& client, const Account& actor, const std::string& id, const json::object& body) {
  return send_json(client, "PUT", "/api/categories/" + id, body, bearer(actor.access_token));
}

HttpResponse delete_category(HttpClient& client, const Account& actor, const std::string& id,
                             const std::string& query = "") {
  return client.request("DELETE", "/api/categories/" + id + query, bearer(actor.access_token));
}

TEST_F(Categories, ATreeWithPathsSlugsAndChildren) {
  auto client = this->client();
  const auto tag = unique_tag("tree");
  const auto root = create_category(client, admin(), "Home " + tag);
  const auto child = create_category(client, admin(), "Kitchen " + tag, id_of(root));
  const auto grandchild = create_category(client, admin(), "Knives & Forks " + tag, id_of(child));
  EXPECT_TRUE(id_of(root).starts_with("cat_"));
  EXPECT_EQ(str(grandchild.at("slug")), "knives-forks-" + tag);
  EXPECT_EQ(grandchild.at("parentId"), json::value(id_of(child)));
  EXPECT_EQ(grandchild.at("depth"), json::value(child.at("depth").as_int64() + 1));
  EXPECT_EQ(path_ids(grandchild), (std::vector<std::string>{id_of(root), id_of(child), id_of(grandchild)}));
  EXPECT_TRUE(root.at("parentId").is_null());

  EXPECT_EQ(category_json(client, str(grandchild.at("slug"))), category_json(client, id_of(grandchild)));
  EXPECT_TRUE(is_problem(client.get("/api/categories/no-such-" + unique_word()), 404, "category_not_found"));
  EXPECT_EQ(ids_of(list_json(client, "/api/categories?parent=" + id_of(root))), std::vector<std::string>{id_of(child)});
  EXPECT_EQ(ids_of(list_json(client, "/api/categories?parent=" + str(child.at("slug")))),
            std::vector<std::string>{id_of(grandchild)});
  const auto roots = ids_of(list_json(client, "/api/categories?parent=root&limit=100"));
  EXPECT_NE(std::find(roots.begin(), roots.end(), id_of(root)), roots.end());
  EXPECT_EQ(std::find(roots.begin(), roots.end(), id_of(child)), roots.end());

  const auto whole = list_json(client, "/api/categories?limit=100");
  ASSERT_LE(whole.at("pagination").at("total").as_int64(), 100) << "more categories than this test reads";
  const auto all = ids_of(whole);
  const auto at = [&](const json::object& c) { return std::find(all.begin(), all.end(), id_of(c)) - all.begin(); };
  EXPECT_LT(at(root), at(child)) << "tree order: a parent before its children";
  EXPECT_LT(at(child), at(grandchild));
  EXPECT_LT(at(grandchild), static_cast<std::ptrdiff_t>(all.size()));
  EXPECT_TRUE(is_problem(client.get("/api/categories?bogus=1"), 400, "invalid_query"));
}

TEST_F(Categories, SlugsAreUniqueAndNamesChecked) {
  auto client = this->client();
  const auto name = "Garden " + unique_tag("g");
  const auto first = create_category(client, admin(), name);
  const auto second = create_category(client, admin(), name);
  EXPECT_EQ(str(second.at("slug")), str(first.at("slug")) + "-2");
  const auto post = [&](const json::object& body) {
    return send_json(client, "POST", "/api/categories", body, bearer(admin().access_token));
  };
  EXPECT_TRUE(is_problem(post({{"name", "Other"}, {"slug", str(first.at("slug"))}}), 409, "slug_taken"));
  EXPECT_TRUE(is_problem(post({{"name", ""}}), 422, "validation_failed"));
  EXPECT_TRUE(is_problem(post({{"name", std::string(121, 'n')}}), 422, "validation_failed"));
  EXPECT_TRUE(is_problem(post({{"name", "Bad"}, {"slug", "Bad Slug"}}), 422, "validation_failed"));
  EXPECT_TRUE(is_problem(post({{"name", "Orphan"}, {"parentId", "cat_nope"}}), 422, "validation_failed"));
  EXPECT_TRUE(is_problem(post({{"name", "Extra"}, {"path", "/x/"}}), 422, "validation_failed"));
  EXPECT_TRUE(is_problem(post({{"name", "Neg"}, {"position", -1}}), 422, "validation_failed"));
  const auto renamed = put_category(client, admin(), id_of(first), {{"name", "Renamed " + name}});
  ASSERT_EQ(renamed.status, 200) << renamed.describe();
  EXPECT_EQ(renamed.json_object().at("slug"), first.at("slug")) << "a category's slug is stable";
}

TEST_F(Categories, ACategoryNeverMovesUnderItselfOrItsDescendants) {
  auto client = this->client();
  const auto tag = unique_tag("move");
  const auto top = create_category(client, admin(), "Top " + tag);
  const auto middle = create_category(client, admin(), "Middle " + tag, id_of(top));
  const auto bottom = create_category(client, admin(), "Bottom " + tag, id_of(middle));
  const auto elsewhere = create_category(client, admin(), "Elsewhere " + tag);

  for (const auto* target : {&middle, &bottom, &top}) {
    const auto response =
        put_category(client, admin(), id_of(top), {{"name", "Top " + tag}, {"parentId", id_of(*target)}});
    EXPECT_TRUE(is_problem(response, 422, "category_cycle")) << str(target->at("name"));
  }
  EXPECT_TRUE(category_json(client, id_of(top)).at("parentId").is_null()) << "the refused moves changed nothing";

  const auto moved =
      put_category(client, admin(), id_of(middle), {{"name", "Middle " + tag}, {"parentId", id_of(elsewhere)}});
  ASSERT_EQ(moved.status, 200) << moved.describe();
  EXPECT_EQ(path_ids(category_json(client, id_of(bottom))),
            (std::vector<std::string>{id_of(elsewhere), id_of(middle), id_of(bottom)}))
      << "descendants move with their parent";
  EXPECT_TRUE(ids_of(list_json(client, "/api/categories?parent=" + id_of(top))).empty());
}

TEST_F(Categories, TheTreeIsAtMostEightLevelsDeep) {
  auto client = this->client();
  std::optional<std::string> parent;
  for (int level = 1; level <= 8; ++level)
    parent = id_of(create_category(client, admin(), "Level " + std::to_string(level) + " " + unique_tag("d"), parent));
  const auto ninth = send_json(client, "POST", "/api/categories", {{"name", "Too deep"}, {"parentId", *parent}},
                               bearer(admin().access_token));
  EXPECT_TRUE(is_problem(ninth, 422, "category_too_deep"));
}

TEST_F(Categories, DeletingIsRefusedWhileChildrenOrProductsRemainUnlessTheyAreReassigned) {
  auto client = this->client();
  const auto tag = unique_tag("del");
  const auto parent = create_category(client, admin(), "Parent " + tag);
  const auto child = create_category(client, admin(), "Child " + tag, id_of(parent));
  const auto target = create_category(client, admin(), "Target " + tag);
  const auto product = create_product(client, vendor(), with(product_body(unique_sku()), "categoryId", child.at("id")));
  const auto product_id = str(product.at("id"));

  EXPECT_TRUE(is_problem(delete_category(client, admin(), id_of(parent)), 409, "category_has_children"));
  EXPECT_TRUE(is_problem(delete_category(client, admin(), id_of(child)), 409, "category_not_empty"));
  EXPECT_TRUE(
      is_problem(delete_category(client, admin(), id_of(child), "?reassignTo=cat_nope"), 422, "validation_failed"));
  EXPECT_TRUE(is_problem(delete_category(client, admin(), id_of(child), "?reassignTo=" + id_of(child)), 422,
                         "validation_failed"));
  EXPECT_TRUE(is_problem(delete_category(client, admin(), id_of(child), "?bogus=1"), 400, "invalid_query"));
  EXPECT_EQ(category_json(client, id_of(child)).at("id"), child.at("id")) << "still there";
  EXPECT_EQ(product_json(client, product_id).at("version"), json::value(1));

  const auto reassigned = delete_category(client, admin(), id_of(child), "?reassignTo=" + str(target.at("slug")));
  ASSERT_EQ(reassigned.status, 204) << reassigned.describe();
  EXPECT_TRUE(is_problem(client.get("/api/categories/" + id_of(child)), 404, "category_not_found"));
  const auto moved = product_json(client, product_id);
  EXPECT_EQ(moved.at("category").at("id"), target.at("id")) << "the product moved to the target";
  EXPECT_EQ(moved.at("version"), json::value(2)) << "a reassigned product's version moves";

  const auto deleted = delete_category(client, admin(), id_of(parent));
  EXPECT_EQ(deleted.status, 204) << "no children left: " << deleted.describe();

  // Archived products do not hold a category back; they are left without one.
  const auto holder = create_category(client, admin(), "Holder " + tag);
  const auto archived =
      create_product(client, vendor(), with(product_body(unique_sku()), "categoryId", holder.at("id")));
  ASSERT_EQ(client.request("DELETE", "/api/products/" + str(archived.at("id")), bearer(vendor().access_token)).status,
            204);
  ASSERT_EQ(delete_category(client, admin(), id_of(holder)).status, 204);
  EXPECT_TRUE(product_json(client, str(archived.at("id")), &vendor()).at("category").is_null());
}

TEST_F(Categories, OnlyAdminsWriteTheTree) {
  auto client = this->client();
  const auto category = create_category(client, admin(), "Guarded " + unique_tag("a"));
  for (const auto* actor : {&vendor(), &customer()}) {
    EXPECT_TRUE(
        is_problem(send_json(client, "POST", "/api/categories", {{"name", "Mine"}}, bearer(actor->access_token)), 403,
                   "forbidden"));
    EXPECT_TRUE(is_problem(put_category(client, *actor, id_of(category), {{"name", "Mine"}}), 403, "forbidden"));
    EXPECT_TRUE(is_problem(delete_category(client, *actor, id_of(category)), 403, "forbidden"));
  }
  EXPECT_TRUE(is_problem(send_json(client, "POST", "/api/categories", {{"name", "Mine"}}), 401, "unauthorized"));
  EXPECT_TRUE(is_problem(client.request("DELETE", "/api/categories/" + id_of(category)), 401, "unauthorized"));
  EXPECT_EQ(category_json(client, id_of(category)), category) << "nothing changed";
  EXPECT_TRUE(is_problem(put_category(client, admin(), "cat_nope", {{"name", "Ghost"}}), 404, "category_not_found"));
  EXPECT_TRUE(is_problem(delete_category(client, admin(), "cat_nope"), 404, "category_not_found"));
}

}  // namespace
}  // namespace emporium::testing
