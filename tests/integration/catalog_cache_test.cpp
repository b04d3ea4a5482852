// No stale read after any kind of write: every test reads a product (by id and by slug), a list page and a
// facets page twice, so that the second read is served from the catalog cache, then writes, then reads again
// and must see the change everywhere. Reads are anonymous: anonymous and customer answers are the cached ones.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <optional>
#include <string>

#include "catalog_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

// What the public sees of one product of a vendor who has nothing else.
struct Reads {
  HttpResponse by_id;
  HttpResponse by_slug;
  json::object list;    // ?vendor=<vendor>
  json::object facets;  // ?vendor=<vendor>&facets=true

  json::object product() const { return by_id.json_object(); }
  // The product as the list shows it; throws when it is not listed.
  json::object listed() const {
    const auto& data = list.at("data").as_array();
    if (data.size() != 1) throw std::runtime_error("expected one listed product: " + json::serialize(list));
    return data[0].as_object();
  }
};

struct Subject {
  Account seller;
  std::string id;
  std::string slug;
};

Reads read_all(HttpClient& client, const Subject& subject, const std::string& extra_query = "") {
  const auto list = "/api/products?vendor=" + subject.seller.id + extra_query;
  Reads reads;
  for (int time = 0; time < 2; ++time) {  // the first read fills the cache; the second comes from it
    reads = Reads{get_product(client, subject.id), get_product(client, subject.slug), list_json(client, list),
                  list_json(client, list + "&facets=true")};
  }
  return reads;
}

class CacheTest : public CatalogSuite<CacheTest> {
 protected:
  // A new vendor with one active product (price 1000, stock 5, color red) in `category` when given.
  static Subject subject(const std::optional<std::string>& category = std::nullopt) {
    auto client = CacheTest::client();
    Subject s{.seller = new_vendor(client, admin()), .id = {}, .slug = {}};
    auto body = with(product_body(unique_sku(), 1000), "attributes", {{"color", "red"}});
    if (category) body["categoryId"] = *category;
    const auto product = create_product(client, s.seller, body);
    s.id = str(product.at("id"));
    s.slug = str(product.at("slug"));
    return s;
  }
  static HttpResponse patch(HttpClient& client, const Subject& s, const std::string& path, const json::object& body) {
    return send_json(client, "PATCH", "/api/products/" + s.id + path, body, bearer(s.seller.access_token));
  }
};

std::string default_variant(const Reads& reads) { return str(reads.product().at("variants").at(0).at("id")); }

TEST_F(CacheTest, ProductPatchIsSeenEverywhere) {
  auto client = this->client();
  const auto s = subject();
  const auto before = read_all(client, s);
  ASSERT_EQ(before.by_id.status, 200);
  ASSERT_EQ(patch(client, s, "", {{"name", "Renamed"}, {"attributes", {{"color", "blue"}}}}).status, 200);
  const auto after = read_all(client, s);
  EXPECT_EQ(str(after.product().at("name")), "Renamed");
  EXPECT_EQ(str(after.by_slug.json_object().at("name")), "Renamed");
  EXPECT_NE(after.by_id.header("ETag"), before.by_id.header("ETag"));
  EXPECT_EQ(str(after.listed().at("name")), "Renamed");
  EXPECT_EQ(after.facets.at("facets").at("attributes").at("color").at(0).at("value"), json::value("blue"));
}

TEST_F(CacheTest, VariantPriceChangeIsSeenEverywhere) {
  auto client = this->client();
  const auto s = subject();
  const auto before = read_all(client, s, "&maxPrice=1000");
  ASSERT_EQ(before.list.at("data").as_array().size(), 1u);
  ASSERT_EQ(patch(client, s, "/variants/" + default_variant(before), {{"price", 1500}}).status, 200);
  const auto after = read_all(client, s, "&maxPrice=1000");
  EXPECT_EQ(after.product().at("price"), json::value(1500));
  EXPECT_EQ(after.by_slug.json_object().at("variants").at(0).at("price"), json::value(1500));
  EXPECT_TRUE(after.list.at("data").as_array().empty()) << "no longer under maxPrice=1000";
  EXPECT_EQ(read_all(client, s).facets.at("facets").at("price").at("max"), json::value(1500));
}

TEST_F(CacheTest, VariantStockChangeFlipsInStockEverywhere) {
  auto client = this->client();
  const auto s = subject();
  const auto before = read_all(client, s, "&inStock=true");
  ASSERT_EQ(before.product().at("inStock"), json::value(true));
  ASSERT_EQ(patch(client, s, "/variants/" + default_variant(before), {{"stock", 0}}).status, 200);
  auto after = read_all(client, s, "&inStock=true");
  EXPECT_EQ(after.product().at("inStock"), json::value(false));
  EXPECT_EQ(after.by_slug.json_object().at("variants").at(0).at("inStock"), json::value(false));
  EXPECT_TRUE(after.list.at("data").as_array().empty());
  ASSERT_EQ(patch(client, s, "/variants/" + default_variant(before), {{"stock", 2}}).status, 200);
  after = read_all(client, s, "&inStock=true");
  EXPECT_EQ(after.product().at("inStock"), json::value(true));
  EXPECT_EQ(after.listed().at("inStock"), json::value(true));
}

TEST_F(CacheTest, AddingAndDeletingAVariantIsSeenEverywhere) {
  auto client = this->client();
  const auto s = subject();
  read_all(client, s);
  const auto variant =
      add_variant(client, s.seller, s.id, {{"sku", unique_sku()}, {"price", 300}, {"options", {{"size", "s"}}}});
  auto after = read_all(client, s);
  EXPECT_EQ(after.product().at("variants").as_array().size(), 2u);
  EXPECT_EQ(after.listed().at("price"), json::value(300));
  ASSERT_EQ(client
                .request("DELETE", "/api/products/" + s.id + "/variants/" + str(variant.at("id")),
                         bearer(s.seller.access_token))
                .status,
            204);
  after = read_all(client, s);
  EXPECT_EQ(after.by_slug.json_object().at("variants").as_array().size(), 1u);
  EXPECT_EQ(after.listed().at("price"), json::value(1000));
}

TEST_F(CacheTest, ImageUploadAndDeleteAreSeenEverywhere) {
  auto client = this->client();
  const auto s = subject();
  read_all(client, s);
  const auto uploaded = upload_image(client, s.seller, s.id, png_image(40, 30, 11));
  ASSERT_EQ(uploaded.status, 201) << uploaded.describe();
  const auto image_id = str(uploaded.json_object().at("id"));
  auto after = read_all(client, s);
  ASSERT_EQ(after.product().at("images").as_array().size(), 1u);
  EXPECT_EQ(after.by_slug.json_object().at("images").at(0).at("id"), json::value(image_id));
  EXPECT_EQ(after.listed().at("images").as_array().size(), 1u);
  ASSERT_EQ(patch(client, s, "/images/" + image_id, {{"alt", "A red thing"}}).status, 200);
  after = read_all(client, s);
  EXPECT_EQ(after.product().at("images").at(0).at("alt"), json::value("A red thing"));
  ASSERT_EQ(
      client.request("DELETE", "/api/products/" + s.id + "/images/" + image_id, bearer(s.seller.access_token)).status,
      204);
  after = read_all(client, s);
  EXPECT_EQ(after.product().at("images"), json::array());
  EXPECT_EQ(after.listed().at("images"), json::array());
}

TEST_F(CacheTest, CategoryRenameIsSeenInTheProductsPath) {
  auto client = this->client();
  const auto parent = create_category(client, admin(), "Parent " + unique_tag("c"));
  const auto child = create_category(client, admin(), "Child " + unique_tag("c"), str(parent.at("id")));
  const auto s = subject(str(child.at("id")));
  const auto before = read_all(client, s);
  ASSERT_EQ(before.product().at("category").at("path").as_array().size(), 2u);
  const auto renamed = send_json(client, "PUT", "/api/categories/" + str(parent.at("id")), {{"name", "Renamed Parent"}},
                                 bearer(admin().access_token));
  ASSERT_EQ(renamed.status, 200) << renamed.describe();
  const auto after = read_all(client, s);
  EXPECT_EQ(after.product().at("category").at("path").at(0).at("name"), json::value("Renamed Parent"));
  EXPECT_EQ(after.by_slug.json_object().at("category").at("path").at(0).at("name"), json::value("Renamed Parent"));
  EXPECT_EQ(after.listed().at("category").at("path").at(0).at("name"), json::value("Renamed Parent"));
  EXPECT_EQ(client.get("/api/categories/" + str(child.at("id"))).json_object().at("path").at(0).at("name"),
            json::value("Renamed Parent"));
}

TEST_F(CacheTest, CategoryDeleteWithReassignIsSeenEverywhere) {
  auto client = this->client();
  const auto old_home = create_category(client, admin(), "Old Home " + unique_tag("c"));
  const auto new_home = create_category(client, admin(), "New Home " + unique_tag("c"));
  const auto s = subject(str(old_home.at("id")));
  const auto before = read_all(client, s, "&category=" + str(new_home.at("slug")));
  ASSERT_TRUE(before.list.at("data").as_array().empty());
  ASSERT_EQ(before.facets.at("facets").at("categories").as_array().size(), 0u);
  ASSERT_EQ(
      client
          .request("DELETE", "/api/categories/" + str(old_home.at("id")) + "?reassignTo=" + str(new_home.at("id")),
                   bearer(admin().access_token))
          .status,
      204);
  const auto after = read_all(client, s, "&category=" + str(new_home.at("slug")));
  EXPECT_EQ(after.product().at("category").at("id"), new_home.at("id"));
  EXPECT_EQ(after.by_slug.json_object().at("category").at("id"), new_home.at("id"));
  EXPECT_EQ(after.listed().at("id"), json::value(s.id));
  EXPECT_EQ(after.facets.at("facets").at("categories").at(0).at("slug"), new_home.at("slug"));
}

TEST_F(CacheTest, ArchivingHidesTheProductEverywhere) {
  auto client = this->client();
  const auto s = subject();
  const auto before = read_all(client, s);
  ASSERT_EQ(before.list.at("data").as_array().size(), 1u);
  ASSERT_EQ(client.request("DELETE", "/api/products/" + s.id, bearer(s.seller.access_token)).status, 204);
  const auto after = read_all(client, s);
  EXPECT_EQ(after.by_id.status, 404);
  EXPECT_EQ(after.by_slug.status, 404);
  EXPECT_TRUE(after.list.at("data").as_array().empty());
  EXPECT_EQ(after.facets.at("facets").at("price").at("max"), json::value(nullptr));
}

TEST_F(CacheTest, ANewProductAndPublishingADraftAreListedAtOnce) {
  auto client = this->client();
  const auto s = subject();
  read_all(client, s);
  const auto draft = create_product(client, s.seller, with(product_body(unique_sku()), "status", "draft"));
  EXPECT_EQ(read_all(client, s).list.at("data").as_array().size(), 1u) << "a draft is not listed";
  ASSERT_EQ(get_product(client, str(draft.at("id"))).status, 404);
  ASSERT_EQ(send_json(client, "PATCH", "/api/products/" + str(draft.at("id")), {{"status", "active"}},
                      bearer(s.seller.access_token))
                .status,
            200);
  EXPECT_EQ(read_all(client, s).list.at("data").as_array().size(), 2u);
  EXPECT_EQ(get_product(client, str(draft.at("id"))).status, 200) << "a 404 is never kept past a write";
}

TEST_F(CacheTest, ListPagesCarryETagsThatMoveWithTheirContent) {
  auto client = this->client();
  const auto s = subject();
  const auto list = "/api/products?vendor=" + s.seller.id;
  const auto first = client.get(list);
  ASSERT_EQ(first.status, 200);
  const auto etag = first.header("ETag").value_or("");
  ASSERT_FALSE(etag.empty()) << first.describe();
  EXPECT_EQ(client.get(list, {{"If-None-Match", etag}}).status, 304);
  ASSERT_EQ(patch(client, s, "", {{"name", "Moved On"}}).status, 200);
  const auto after = client.get(list, {{"If-None-Match", etag}});
  EXPECT_EQ(after.status, 200) << "the old ETag no longer matches";
  EXPECT_NE(after.header("ETag"), etag);
}

}  // namespace
}  // namespace emporium::testing
