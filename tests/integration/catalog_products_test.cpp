// Products over HTTP: create (default and explicit variants), slugs, reads by id and slug with ETags, PUT and
// PATCH with If-Match, archiving, and who may see and change what.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <string>

#include "catalog_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class Products : public CatalogSuite<Products> {};

HttpResponse write(HttpClient& client, std::string_view method, const Account& actor, const std::string& id,
                   const json::object& body, Headers extra = {}) {
  return send_json(client, method, "/api/products/" + id, body, bearer(actor.access_token, std::move(extra)));
}

std::int64_t version_of(const json::object& product) { return product.at("version").as_int64(); }

TEST_F(Products, CreateWithoutVariantsMakesOneDefaultVariant) {
  auto client = this->client();
  const auto sku = unique_sku("DEF");
  const auto response = send_json(client, "POST", "/api/products", with(product_body(sku, 2500), "description", "Hi"),
                                  bearer(vendor().access_token));
  ASSERT_EQ(response.status, 201) << response.describe();
  const auto product = response.json_object();
  const auto id = str(product.at("id"));
  EXPECT_TRUE(id.starts_with("prod_")) << id;
  EXPECT_EQ(response.header("Location"), "/api/products/" + id);
  EXPECT_TRUE(response.has_header("ETag"));
  EXPECT_EQ(str(product.at("vendorId")), vendor().id) << "the vendor who creates it owns it";
  EXPECT_EQ(str(product.at("status")), "active");
  EXPECT_EQ(str(product.at("currency")), "USD");
  EXPECT_EQ(product.at("price"), json::value(2500));
  EXPECT_EQ(product.at("inStock"), json::value(true));
  EXPECT_EQ(product.at("version"), json::value(1));
  EXPECT_TRUE(product.at("category").is_null());
  EXPECT_EQ(product.at("images"), json::array());
  EXPECT_EQ(product.at("ratingCount"), json::value(0));
  const auto& variants = product.at("variants").as_array();
  ASSERT_EQ(variants.size(), 1u) << response.body;
  const auto& variant = variants[0].as_object();
  EXPECT_TRUE(str(variant.at("id")).starts_with("var_"));
  EXPECT_EQ(str(variant.at("sku")), sku);
  EXPECT_EQ(variant.at("isDefault"), json::value(true));
  EXPECT_EQ(variant.at("options"), json::object());
  EXPECT_EQ(variant.at("price"), json::value(2500));
  EXPECT_EQ(variant.at("stock"), json::value(5)) << "the owner sees stock levels";

  const auto anonymous = product_json(client, id);
  EXPECT_FALSE(anonymous.at("variants").at(0).as_object().contains("stock")) << "stock levels are the owner's";
  EXPECT_EQ(anonymous.at("variants").at(0).at("inStock"), json::value(true));
}

TEST_F(Products, CreateWithVariantsTakesTheLowestPriceAndAnyStock) {
  auto client = this->client();
  auto body = without(without(product_body(unique_sku()), "sku"), "stock");
  body["variants"] = json::array{
      json::object{{"sku", unique_sku("M")}, {"options", {{"size", "m"}}}, {"price", 1500}, {"stock", 0}},
      json::object{{"sku", unique_sku("L")}, {"options", {{"size", "l"}}}, {"price", 1200}, {"stock", 2}},
  };
  const auto product = create_product(client, vendor(), without(body, "price"));
  const auto& variants = product.at("variants").as_array();
  ASSERT_EQ(variants.size(), 2u);
  for (const auto& variant : variants) EXPECT_EQ(variant.at("isDefault"), json::value(false));
  EXPECT_EQ(variants[0].at("options").at("size"), json::value("m"));
  EXPECT_EQ(variants[0].at("inStock"), json::value(false));
  EXPECT_EQ(product.at("price"), json::value(1200)) << "the product's price is its lowest variant price";
  EXPECT_EQ(product.at("inStock"), json::value(true)) << "some variant has stock";

  // Variants without a price take the product's.
  auto priced = without(product_body(unique_sku()), "sku");
  priced["variants"] = json::array{json::object{{"sku", unique_sku()}, {"options", {{"color", "red"}}}}};
  EXPECT_EQ(create_product(client, vendor(), without(priced, "stock")).at("variants").at(0).at("price"),
            json::value(1999));
}

TEST_F(Products, SlugIsMadeFromTheNameMadeUniqueAndKeptWhenTheNameChanges) {
  auto client = this->client();
  const auto tag = unique_tag("mug");
  const auto name = "Blue Café Mug " + tag;
  const auto first = create_product(client, vendor(), product_body(unique_sku(), 900, name));
  EXPECT_EQ(str(first.at("slug")), "blue-cafe-mug-" + tag);
  const auto second = create_product(client, other_vendor(), product_body(unique_sku(), 900, name));
  EXPECT_EQ(str(second.at("slug")), "blue-cafe-mug-" + tag + "-2") << "slugs are unique across the store";

  const auto id = str(first.at("id"));
  const auto renamed = write(client, "PATCH", vendor(), id, {{"name", "Red Mug " + tag}});
  ASSERT_EQ(renamed.status, 200) << renamed.describe();
  EXPECT_EQ(str(renamed.json_object().at("slug")), "blue-cafe-mug-" + tag) << "a slug is stable";
  const auto replaced = write(client, "PUT", vendor(), id, {{"name", "Green Mug " + tag}, {"currency", "USD"}});
  ASSERT_EQ(replaced.status, 200) << replaced.describe();
  EXPECT_EQ(str(replaced.json_object().at("slug")), "blue-cafe-mug-" + tag) << "PUT without a slug keeps it";

  const auto chosen = write(client, "PATCH", vendor(), id, {{"slug", "green-mug-" + tag}});
  ASSERT_EQ(chosen.status, 200) << chosen.describe();
  EXPECT_EQ(product_json(client, "green-mug-" + tag).at("id"), json::value(id));
  EXPECT_EQ(get_product(client, "blue-cafe-mug-" + tag).status, 404);

  for (const auto* bad : {"Has Spaces", "under_score", "-leading", "double--hyphen", "trailing-"}) {
    EXPECT_TRUE(is_problem(write(client, "PATCH", vendor(), id, {{"slug", bad}}), 422, "validation_failed")) << bad;
  }
  const auto symbols = create_product(client, vendor(), product_body(unique_sku(), 900, "!!!"));
  EXPECT_TRUE(str(symbols.at("slug")).starts_with("item")) << symbols.at("slug");
}

TEST_F(Products, ReadsByIdAndBySlugAnswerTheSameProductWithAStrongETag) {
  auto client = this->client();
  const auto product = create_product(client, vendor(), product_body(unique_sku()));
  const auto id = str(product.at("id"));
  const auto by_id = get_product(client, id);
  const auto by_slug = get_product(client, str(product.at("slug")));
  ASSERT_EQ(by_id.status, 200) << by_id.describe();
  ASSERT_EQ(by_slug.status, 200) << by_slug.describe();
  EXPECT_EQ(by_id.body, by_slug.body);
  const auto etag = by_id.header("ETag").value_or("");
  EXPECT_TRUE(etag.size() > 2 && etag.front() == '"' && etag.back() == '"') << "a strong ETag: " << etag;
  EXPECT_EQ(by_slug.header("ETag"), etag);

  for (const auto& tag : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
    const auto cached = get_product(client, id, nullptr, {{"If-None-Match", tag}});
    EXPECT_EQ(cached.status, 304) << tag << "\n" << cached.describe();
    EXPECT_TRUE(cached.body.empty());
    EXPECT_EQ(cached.header("ETag"), etag);
  }
  EXPECT_EQ(get_product(client, id, nullptr, {{"If-None-Match", "\"stale\""}}).status, 200);

  ASSERT_EQ(write(client, "PATCH", vendor(), id, {{"description", "changed"}}).status, 200);
  const auto changed = get_product(client, id, nullptr, {{"If-None-Match", etag}});
  EXPECT_EQ(changed.status, 200) << "the old ETag no longer matches: " << changed.describe();
  EXPECT_NE(changed.header("ETag"), etag);
  EXPECT_EQ(str(changed.json_object().at("description")), "changed");
}

TEST_F(Products, PatchMergesAndPutReplaces) {
  auto client = this->client();
  const auto category = create_category(client, admin(), "Kitchen " + unique_tag("c"));
  auto body = product_body(unique_sku(), 1000);
  body["description"] = "Long text";
  body["categoryId"] = category.at("id");
  body["attributes"] = {{"color", "red"}, {"material", "steel"}};
  const auto id = str(create_product(client, vendor(), body).at("id"));

  const auto patched = write(client, "PATCH", vendor(), id, {{"name", "Patched"}, {"attributes", {{"color", "blue"}}}});
  ASSERT_EQ(patched.status, 200) << patched.describe();
  auto product = patched.json_object();
  EXPECT_EQ(str(product.at("name")), "Patched");
  EXPECT_EQ(str(product.at("description")), "Long text") << "PATCH keeps what it does not name";
  EXPECT_EQ(product.at("category").at("id"), category.at("id"));
  EXPECT_EQ(product.at("attributes"), (json::object{{"color", "blue"}})) << "a map given is the new map";
  EXPECT_EQ(product.at("price"), json::value(1000));
  EXPECT_EQ(product.at("version"), json::value(2));

  const auto replaced = write(client, "PUT", vendor(), id, {{"name", "Replaced"}, {"currency", "EUR"}});
  ASSERT_EQ(replaced.status, 200) << replaced.describe();
  product = replaced.json_object();
  EXPECT_EQ(str(product.at("name")), "Replaced");
  EXPECT_EQ(str(product.at("currency")), "EUR");
  EXPECT_EQ(str(product.at("description")), "") << "PUT resets what it leaves out";
  EXPECT_TRUE(product.at("category").is_null());
  EXPECT_EQ(product.at("attributes"), json::object());
  EXPECT_EQ(product.at("version"), json::value(3));
  EXPECT_EQ(str(product_json(client, id).at("name")), "Replaced") << "the change is stored";

  ASSERT_EQ(write(client, "PATCH", vendor(), id, {{"categoryId", category.at("id")}}).status, 200);
  const auto cleared = write(client, "PATCH", vendor(), id, json::object{{"categoryId", nullptr}});
  ASSERT_EQ(cleared.status, 200) << cleared.describe();
  EXPECT_TRUE(cleared.json_object().at("category").is_null()) << "null clears the category";

  const auto priced = write(client, "PATCH", vendor(), id, {{"price", 777}, {"stock", 0}});
  ASSERT_EQ(priced.status, 200) << priced.describe();
  EXPECT_EQ(priced.json_object().at("price"), json::value(777)) << "single-variant fields reach the default variant";
  EXPECT_EQ(priced.json_object().at("inStock"), json::value(false));
  EXPECT_EQ(priced.json_object().at("variants").at(0).at("price"), json::value(777));
}

TEST_F(Products, IfMatchGuardsEveryWrite) {
  auto client = this->client();
  const auto id = str(create_product(client, vendor(), product_body(unique_sku())).at("id"));
  const auto first = write(client, "PATCH", vendor(), id, {{"name", "First"}}, if_match(1));
  ASSERT_EQ(first.status, 200) << first.describe();
  EXPECT_EQ(first.json_object().at("version"), json::value(2));

  EXPECT_TRUE(
      is_problem(write(client, "PATCH", vendor(), id, {{"name", "Stale"}}, if_match(1)), 412, "version_mismatch"));
  EXPECT_TRUE(is_problem(write(client, "PUT", vendor(), id, {{"name", "Stale"}, {"currency", "USD"}}, if_match(1)), 412,
                         "version_mismatch"));
  EXPECT_TRUE(is_problem(client.request("DELETE", "/api/products/" + id, bearer(vendor().access_token, if_match(1))),
                         412, "version_mismatch"));
  for (const auto* garbage : {"abc", "\"\"", "\"0\"", "\"-1\"", "\"2x\"", "\"1\", \"2\""}) {
    const auto response = write(client, "PATCH", vendor(), id, {{"name", "Garbage"}}, {{"If-Match", garbage}});
    EXPECT_EQ(response.status, 400) << garbage << "\n" << response.describe();
  }
  const auto now = product_json(client, id);
  EXPECT_EQ(str(now.at("name")), "First") << "refused writes change nothing";
  EXPECT_EQ(version_of(now), 2);

  const auto unquoted = write(client, "PATCH", vendor(), id, {{"name", "Second"}}, {{"If-Match", "2"}});
  EXPECT_EQ(unquoted.status, 200) << "quotes are optional: " << unquoted.describe();
  const auto any = write(client, "PATCH", vendor(), id, {{"name", "Third"}}, {{"If-Match", "*"}});
  EXPECT_EQ(any.status, 200) << "* matches any current version: " << any.describe();
  EXPECT_EQ(client.request("DELETE", "/api/products/" + id, bearer(vendor().access_token, if_match(4))).status, 204);
}

TEST_F(Products, DeleteArchivesTheProductForEveryoneButItsOwnerAndAdmins) {
  auto client = this->client();
  const auto product = create_product(client, vendor(), product_body(unique_sku()));
  const auto id = str(product.at("id"));
  const auto slug = str(product.at("slug"));
  const auto deleted = client.request("DELETE", "/api/products/" + id, bearer(vendor().access_token));
  ASSERT_EQ(deleted.status, 204) << deleted.describe();
  EXPECT_TRUE(deleted.body.empty());

  EXPECT_TRUE(is_problem(get_product(client, id), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(get_product(client, slug), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(get_product(client, id, &customer()), 404, "product_not_found"));
  EXPECT_EQ(get_product(client, id, &other_vendor()).status, 404);
  for (const auto* viewer : {&vendor(), &admin()}) {
    const auto seen = product_json(client, id, viewer);
    EXPECT_EQ(str(seen.at("status")), "archived");
    EXPECT_TRUE(seen.contains("archivedAt"));
    EXPECT_EQ(version_of(seen), 2);
  }
  const auto vendor_list = "/api/products?vendor=" + vendor().id + "&limit=100";
  const auto listed_ids = [&](const std::string& target, const Account* viewer) {
    const auto ids = ids_of(list_json(client, target, viewer));
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  EXPECT_FALSE(listed_ids(vendor_list, nullptr)) << "archived products leave the public list";
  EXPECT_FALSE(listed_ids(vendor_list, &vendor())) << "and the owner's default list";
  EXPECT_TRUE(listed_ids(vendor_list + "&status=archived", &vendor())) << "the owner finds them by status";
  EXPECT_TRUE(is_problem(client.get("/api/products?status=archived"), 400, "invalid_query"));
  EXPECT_EQ(client.request("DELETE", "/api/products/" + id, bearer(vendor().access_token)).status, 204)
      << "deleting again is harmless";
}

TEST_F(Products, DraftsAreSeenOnlyByTheirOwnerAndAdmins) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto draft = create_product(client, seller, with(product_body(unique_sku()), "status", "draft"));
  const auto id = str(draft.at("id"));
  EXPECT_EQ(str(draft.at("status")), "draft");
  EXPECT_TRUE(is_problem(get_product(client, id), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(get_product(client, str(draft.at("slug"))), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(get_product(client, id, &customer()), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(get_product(client, id, &other_vendor()), 404, "product_not_found"));
  EXPECT_EQ(get_product(client, id, &seller).status, 200);
  EXPECT_EQ(get_product(client, id, &admin()).status, 200);

  const auto list = "/api/products?vendor=" + seller.id;
  EXPECT_TRUE(ids_of(list_json(client, list)).empty()) << "drafts are not listed publicly";
  EXPECT_TRUE(ids_of(list_json(client, list, &customer())).empty());
  EXPECT_TRUE(ids_of(list_json(client, list, &other_vendor())).empty());
  EXPECT_EQ(ids_of(list_json(client, list, &seller)), std::vector<std::string>{id});
  EXPECT_EQ(ids_of(list_json(client, list, &admin())), std::vector<std::string>{id});

  ASSERT_EQ(write(client, "PATCH", seller, id, {{"status", "active"}}).status, 200);
  EXPECT_EQ(get_product(client, id).status, 200) << "published";
  EXPECT_EQ(ids_of(list_json(client, list)), std::vector<std::string>{id});
}

TEST_F(Products, OnlyTheOwnerAndAdminsChangeAProduct) {
  auto client = this->client();
  const auto product = create_product(client, vendor(), product_body(unique_sku(), 1000, "Owned " + unique_tag("o")));
  const auto id = str(product.at("id"));
  const auto target = "/api/products/" + id;
  const auto& other = other_vendor();
  EXPECT_TRUE(is_problem(write(client, "PATCH", other, id, {{"name", "Stolen"}}), 404, "product_not_found"));
  EXPECT_TRUE(
      is_problem(write(client, "PUT", other, id, {{"name", "Stolen"}, {"currency", "USD"}}), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(client.request("DELETE", target, bearer(other.access_token)), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(send_json(client, "POST", target + "/variants", {{"sku", unique_sku()}, {"price", 1}},
                                   bearer(other.access_token)),
                         404, "product_not_found"));
  EXPECT_TRUE(is_problem(write(client, "PATCH", customer(), id, {{"name", "Stolen"}}), 403, "forbidden"));
  EXPECT_TRUE(is_problem(send_json(client, "PATCH", target, {{"name", "Stolen"}}), 401, "unauthorized"));
  EXPECT_EQ(product_json(client, id, &vendor()), product) << "nothing changed";

  const auto by_admin = write(client, "PATCH", admin(), id, {{"name", "Fixed By Admin"}});
  ASSERT_EQ(by_admin.status, 200) << by_admin.describe();
  EXPECT_EQ(str(by_admin.json_object().at("vendorId")), vendor().id) << "an admin's edit keeps the owner";

  EXPECT_TRUE(is_problem(
      send_json(client, "POST", "/api/products", product_body(unique_sku()), bearer(customer().access_token)), 403,
      "forbidden"));
  EXPECT_TRUE(is_problem(send_json(client, "POST", "/api/products", product_body(unique_sku())), 401, "unauthorized"));
  const auto by_admin_created = create_product(client, admin(), product_body(unique_sku()));
  EXPECT_EQ(str(by_admin_created.at("vendorId")), admin().id);
}

TEST_F(Products, UnknownIdsAndSlugsAre404) {
  auto client = this->client();
  EXPECT_TRUE(is_problem(get_product(client, "prod_doesnotexist"), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(get_product(client, "no-such-slug-" + unique_word()), 404, "product_not_found"));
  EXPECT_TRUE(
      is_problem(write(client, "PATCH", vendor(), "prod_doesnotexist", {{"name", "x"}}), 404, "product_not_found"));
  EXPECT_EQ(get_product(client, "..%2F..%2Fetc%2Fpasswd").status, 404);
}

}  // namespace
}  // namespace emporium::testing
