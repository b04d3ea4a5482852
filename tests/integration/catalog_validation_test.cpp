// What a product write refuses, and that a refused write changes nothing: missing, unknown and oversized
// fields, prices, currencies, attribute names, malformed bodies, duplicate SKUs and slugs, unknown categories.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <string>
#include <utility>
#include <vector>

#include "catalog_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;
using Fields = std::set<std::string>;

class ProductValidation : public CatalogSuite<ProductValidation> {};

HttpResponse post_product(HttpClient& client, const Account& seller, const json::value& body) {
  return send_json(client, "POST", "/api/products", body, bearer(seller.access_token));
}

// Everything the seller has, drafts included: a refused create must leave it as it was.
std::vector<std::string> products_of(HttpClient& client, const Account& seller) {
  return ids_of(list_json(client, "/api/products?limit=100&vendor=" + seller.id, &seller));
}

TEST_F(ProductValidation, CreateRefusesEveryBrokenRuleAndMakesNothing) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto valid = product_body(unique_sku());
  const std::string long_name(201, 'n');
  json::object many_attributes;
  for (int i = 0; i < 31; ++i) many_attributes["a" + std::to_string(i)] = "v";
  const std::vector<std::pair<json::object, Fields>> cases = {
      {without(valid, "name"), {"name"}},
      {without(valid, "currency"), {"currency"}},
      {without(valid, "sku"), {"sku"}},
      {without(valid, "price"), {"price"}},
      {with(valid, "name", "   "), {"name"}},
      {with(valid, "name", json::string(long_name)), {"name"}},
      {with(valid, "description", json::string(std::string(10'001, 'd'))), {"description"}},
      {with(valid, "sku", json::string(std::string(65, 'S'))), {"sku"}},
      {with(valid, "sku", "HAS SPACE"), {"sku"}},
      {with(valid, "price", -1), {"price"}},
      {with(valid, "price", 100'000'000'000), {"price"}},
      {with(valid, "price", 19.99), {"price"}},
      {with(valid, "price", "1999"), {"price"}},
      {with(valid, "stock", -5), {"stock"}},
      {with(valid, "currency", "XYZ"), {"currency"}},
      {with(valid, "currency", "EURO"), {"currency"}},
      {with(valid, "status", "archived"), {"status"}},
      {with(valid, "status", "published"), {"status"}},
      {with(valid, "attributes", {{"Color", "red"}}), {"attributes"}},
      {with(valid, "attributes", {{"co lor", "red"}}), {"attributes"}},
      {with(valid, "attributes", {{"color", std::string(101, 'r')}}), {"attributes.color"}},
      {with(valid, "attributes", {{"color", 3}}), {"attributes.color"}},
      {with(valid, "attributes", many_attributes), {"attributes"}},
      {with(valid, "attributes", json::array{"red"}), {"attributes"}},
      {with(valid, "slug", "Not A Slug"), {"slug"}},
      {with(valid, "vendorId", json::string(other_vendor().id)), {"vendorId"}},
      {with(valid, "ownerId", json::string(other_vendor().id)), {"ownerId"}},
      {with(valid, "ratingAverage", 5), {"ratingAverage"}},
      {with(valid, "ratingCount", 100), {"ratingCount"}},
      {with(valid, "version", 7), {"version"}},
      {with(valid, "id", "prod_mine"), {"id"}},
      {with(valid, "inStock", true), {"inStock"}},
      {with(with(valid, "name", ""), "price", -1), {"name", "price"}},
  };
  for (const auto& [body, fields] : cases) {
    const auto response = post_product(client, seller, body);
    EXPECT_TRUE(is_problem(response, 422, "validation_failed")) << json::serialize(body);
    if (response.status == 422) {
      EXPECT_EQ(error_fields(response), fields) << json::serialize(body);
    }
  }
  const auto edge = post_product(client, seller, with(valid, "price", 99'999'999'999));
  EXPECT_EQ(edge.status, 201) << "the largest price is allowed: " << edge.describe();
  const auto free = post_product(client, seller, with(with(valid, "sku", json::string(unique_sku())), "price", 0));
  EXPECT_EQ(free.status, 201) << "a price of 0 is allowed: " << free.describe();
  const auto lower =
      post_product(client, seller, with(with(valid, "sku", json::string(unique_sku())), "currency", "eur"));
  ASSERT_EQ(lower.status, 201) << "a currency code in lower case is read as the code: " << lower.describe();
  EXPECT_EQ(lower.json_object().at("currency"), json::value("EUR"));
  EXPECT_EQ(products_of(client, seller).size(), 3u) << "only the three valid creates made something";
}

TEST_F(ProductValidation, VariantsAreCheckedOneByOne) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto sku = unique_sku();
  auto body = without(without(product_body(unique_sku()), "sku"), "stock");
  body["variants"] = json::array{
      json::object{{"sku", sku}, {"options", {{"size", "m"}}}},
      json::object{{"sku", sku}, {"options", {{"size", "l"}}}},
      json::object{{"sku", unique_sku()}, {"options", {{"size", "m"}}}},
      json::object{{"sku", unique_sku()}, {"options", {{"Size", "x"}}}, {"price", -3}, {"bogus", 1}},
  };
  const auto response = post_product(client, seller, body);
  ASSERT_TRUE(is_problem(response, 422, "validation_failed"));
  const auto fields = error_fields(response);
  for (const auto* field : {"variants[3].options", "variants[3].price", "variants[3].bogus"})
    EXPECT_TRUE(fields.contains(field)) << field << "\n" << response.body;
  body["variants"].as_array().resize(3);
  const auto duplicates = post_product(client, seller, body);
  ASSERT_TRUE(is_problem(duplicates, 422, "validation_failed"));
  EXPECT_EQ(error_fields(duplicates), (Fields{"variants[1].sku", "variants[2].options"})) << duplicates.body;
  EXPECT_TRUE(
      is_problem(post_product(client, seller, with(body, "sku", json::string(unique_sku()))), 422, "validation_failed"))
      << "a product-level sku with variants is ambiguous";
  EXPECT_TRUE(products_of(client, seller).empty());
}

TEST_F(ProductValidation, MalformedWrongTypeAndOversizedBodies) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto headers = bearer(seller.access_token, {{"Content-Type", "application/json"}});
  EXPECT_TRUE(is_problem(client.request("POST", "/api/products", headers, "{\"name\": "), 400, "malformed_json"));
  EXPECT_TRUE(is_problem(client.request("POST", "/api/products", headers, ""), 400, "malformed_json"));
  EXPECT_TRUE(is_problem(client.request("POST", "/api/products", headers, "[1, 2]"), 422, "validation_failed"));
  const auto json_text = json::serialize(product_body(unique_sku()));
  EXPECT_TRUE(is_problem(
      client.request("POST", "/api/products", bearer(seller.access_token, {{"Content-Type", "text/plain"}}), json_text),
      415, "unsupported_media_type"));
  EXPECT_TRUE(is_problem(client.request("POST", "/api/products", bearer(seller.access_token), json_text), 415,
                         "unsupported_media_type"));

  // The declared length alone decides: the server answers before the body (2 MiB, over the 1 MiB limit) is sent.
  auto connection = server().connect();
  connection.send("POST /api/products HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nAuthorization: Bearer " +
                  seller.access_token + "\r\nContent-Length: 2097152\r\n\r\n{\"name\": \"");
  EXPECT_TRUE(is_problem(connection.read_response(), 413, "payload_too_large"));
  EXPECT_TRUE(products_of(client, seller).empty());
}

TEST_F(ProductValidation, SkusAreUniqueInTheStoreWhateverTheirCase) {
  auto client = this->client();
  const auto sku = unique_sku("Dup");
  const auto first = create_product(client, vendor(), product_body(sku));
  EXPECT_TRUE(is_problem(post_product(client, vendor(), product_body(sku)), 409, "sku_taken"));
  auto lower = sku;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(is_problem(post_product(client, vendor(), product_body(lower)), 409, "sku_taken"));
  EXPECT_TRUE(is_problem(post_product(client, other_vendor(), product_body(sku)), 409, "sku_taken"))
      << "unique in the store, not per vendor";

  const auto second = create_product(client, vendor(), product_body(unique_sku()));
  const auto second_id = str(second.at("id"));
  EXPECT_TRUE(is_problem(
      send_json(client, "PATCH", "/api/products/" + second_id, {{"sku", lower}}, bearer(vendor().access_token)), 409,
      "sku_taken"));
  EXPECT_TRUE(
      is_problem(send_json(client, "POST", "/api/products/" + second_id + "/variants",
                           {{"sku", sku}, {"price", 100}, {"options", {{"size", "s"}}}}, bearer(vendor().access_token)),
                 409, "sku_taken"));
  EXPECT_EQ(product_json(client, second_id, &vendor()), second) << "the refused writes changed nothing";
  EXPECT_EQ(product_json(client, str(first.at("id")), &vendor()), first);
}

TEST_F(ProductValidation, SlugsAreUnique) {
  auto client = this->client();
  const auto slug = "slug-" + unique_tag("s");
  const auto first = create_product(client, vendor(), with(product_body(unique_sku()), "slug", json::string(slug)));
  EXPECT_EQ(str(first.at("slug")), slug);
  const auto sku = unique_sku();
  EXPECT_TRUE(is_problem(post_product(client, other_vendor(), with(product_body(sku), "slug", json::string(slug))), 409,
                         "slug_taken"));
  const auto second = create_product(client, other_vendor(), product_body(sku));  // the refused create kept no SKU
  EXPECT_TRUE(is_problem(send_json(client, "PATCH", "/api/products/" + str(second.at("id")), {{"slug", slug}},
                                   bearer(other_vendor().access_token)),
                         409, "slug_taken"));
  EXPECT_EQ(product_json(client, str(second.at("id")), &other_vendor()), second);
  EXPECT_EQ(send_json(client, "PATCH", "/api/products/" + str(first.at("id")), {{"slug", slug}},
                      bearer(vendor().access_token))
                .status,
            200)
      << "a product may keep its own slug";
}

TEST_F(ProductValidation, AnUnknownCategoryIs422) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto response = post_product(client, seller, with(product_body(unique_sku()), "categoryId", "cat_nope"));
  ASSERT_TRUE(is_problem(response, 422, "validation_failed"));
  EXPECT_EQ(error_fields(response), Fields{"categoryId"});
  EXPECT_TRUE(products_of(client, seller).empty());
}

TEST_F(ProductValidation, ARefusedUpdateChangesNothing) {
  auto client = this->client();
  const auto category = create_category(client, admin(), "Tools " + unique_tag("c"));
  auto body = product_body(unique_sku(), 1234);
  body["categoryId"] = category.at("id");
  body["attributes"] = {{"color", "red"}};
  const auto product = create_product(client, vendor(), body);
  const auto id = str(product.at("id"));
  const auto patch = [&](const json::object& change, Headers extra = {}) {
    return send_json(client, "PATCH", "/api/products/" + id, change, bearer(vendor().access_token, std::move(extra)));
  };
  EXPECT_TRUE(is_problem(patch({{"price", -1}}), 422, "validation_failed"));
  EXPECT_TRUE(is_problem(patch({{"name", "Good"}, {"price", -1}}), 422, "validation_failed"))
      << "one bad field refuses the whole write";
  EXPECT_TRUE(is_problem(patch({{"currency", "ZZZ"}}), 422, "validation_failed"));
  EXPECT_TRUE(is_problem(patch({{"categoryId", "cat_nope"}}), 422, "validation_failed"));
  EXPECT_TRUE(is_problem(patch({{"name", ""}}), 422, "validation_failed"));
  EXPECT_TRUE(is_problem(patch({{"status", "archived"}}), 422, "validation_failed"));
  EXPECT_TRUE(is_problem(patch({{"vendorId", other_vendor().id}}), 422, "validation_failed"));
  EXPECT_TRUE(is_problem(patch({{"variants", json::array{}}}), 422, "validation_failed"))
      << "variants are changed through their own routes";
  EXPECT_TRUE(is_problem(
      send_json(client, "PUT", "/api/products/" + id, {{"name", "No Currency"}}, bearer(vendor().access_token)), 422,
      "validation_failed"));
  const auto headers = bearer(vendor().access_token, {{"Content-Type", "application/json"}});
  EXPECT_TRUE(is_problem(client.request("PATCH", "/api/products/" + id, headers, "{oops"), 400, "malformed_json"));
  EXPECT_EQ(product_json(client, id, &vendor()), product) << "every refused write left the product as it was";

  add_variant(client, vendor(), id, {{"sku", unique_sku()}, {"price", 50}, {"options", {{"size", "xl"}}}});
  const auto several = patch({{"price", 10}});
  EXPECT_TRUE(is_problem(several, 422, "validation_failed"))
      << "a product with several variants has no single price to set: " << several.describe();
}

}  // namespace
}  // namespace emporium::testing
