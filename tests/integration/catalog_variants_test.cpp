// Variants over HTTP: add, PUT, PATCH and delete; the product's price, stock flag and version follow them;
// duplicate options and SKUs, If-Match on the variant's own version, and other people's products.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>

#include "catalog_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class Variants : public CatalogSuite<Variants> {
 protected:
  // A product of the vendor with its default variant (price 1000, stock 5): {product id, default variant id}.
  static std::pair<std::string, std::string> product() {
    auto http = client();
    const auto made = create_product(http, vendor(), product_body(unique_sku(), 1000));
    return {str(made.at("id")), str(made.at("variants").at(0).at("id"))};
  }
};

std::string variants_of(const std::string& product_id) { return "/api/products/" + product_id + "/variants"; }
std::string variant_url(const std::string& product_id, const std::string& variant_id) {
  return variants_of(product_id) + "/" + variant_id;
}

HttpResponse write_variant(HttpClient& client, std::string_view method, const Account& actor,
                           const std::string& product, const std::string& variant, const json::object& body,
                           Headers extra = {}) {
  return send_json(client, method, variant_url(product, variant), body, bearer(actor.access_token, std::move(extra)));
}

TEST_F(Variants, AddingChangingAndDeletingVariantsMovesTheProduct) {
  auto client = this->client();
  const auto [id, default_variant] = product();
  const auto sku = unique_sku("L");
  const auto added = send_json(client, "POST", variants_of(id),
                               {{"sku", sku}, {"options", {{"size", "l"}}}, {"price", 800}, {"stock", 0}},
                               bearer(vendor().access_token));
  ASSERT_EQ(added.status, 201) << added.describe();
  const auto variant = added.json_object();
  const auto variant_id = str(variant.at("id"));
  EXPECT_TRUE(variant_id.starts_with("var_"));
  EXPECT_EQ(added.header("Location"), variant_url(id, variant_id));
  EXPECT_EQ(str(variant.at("sku")), sku);
  EXPECT_EQ(str(variant.at("currency")), "USD");
  EXPECT_EQ(variant.at("isDefault"), json::value(false));
  EXPECT_EQ(variant.at("inStock"), json::value(false));
  EXPECT_EQ(variant.at("stock"), json::value(0));
  EXPECT_EQ(variant.at("version"), json::value(1));

  auto product = product_json(client, id);
  EXPECT_EQ(product.at("version"), json::value(2)) << "a new variant moves the product's version";
  EXPECT_EQ(product.at("variants").as_array().size(), 2u);
  EXPECT_EQ(product.at("price"), json::value(800)) << "the lowest variant price";

  const auto patched = write_variant(client, "PATCH", vendor(), id, variant_id, {{"price", 1200}});
  ASSERT_EQ(patched.status, 200) << patched.describe();
  EXPECT_EQ(patched.json_object().at("price"), json::value(1200));
  EXPECT_EQ(patched.json_object().at("options"), (json::object{{"size", "l"}})) << "PATCH keeps the rest";
  EXPECT_EQ(patched.json_object().at("version"), json::value(2));
  product = product_json(client, id);
  EXPECT_EQ(product.at("price"), json::value(1000));
  EXPECT_EQ(product.at("version"), json::value(3));

  const auto replaced = write_variant(client, "PUT", vendor(), id, variant_id,
                                      {{"sku", sku}, {"price", 700}, {"options", {{"size", "xl"}}}});
  ASSERT_EQ(replaced.status, 200) << replaced.describe();
  EXPECT_EQ(replaced.json_object().at("options"), (json::object{{"size", "xl"}}));
  EXPECT_EQ(replaced.json_object().at("lowStockThreshold"), json::value(0));
  EXPECT_EQ(product_json(client, id).at("price"), json::value(700));

  const auto deleted = client.request("DELETE", variant_url(id, variant_id), bearer(vendor().access_token));
  ASSERT_EQ(deleted.status, 204) << deleted.describe();
  product = product_json(client, id);
  ASSERT_EQ(product.at("variants").as_array().size(), 1u);
  EXPECT_EQ(product.at("variants").at(0).at("id"), json::value(default_variant));
  EXPECT_EQ(product.at("price"), json::value(1000)) << "the deleted variant's price no longer counts";
  EXPECT_EQ(product.at("version"), json::value(5));
  EXPECT_TRUE(
      is_problem(write_variant(client, "PATCH", vendor(), id, variant_id, {{"price", 1}}), 404, "variant_not_found"));
  EXPECT_EQ(add_variant(client, vendor(), id, {{"sku", sku}, {"price", 1}, {"options", {{"size", "s"}}}}).at("sku"),
            json::value(sku))
      << "a deleted variant's SKU is free again";
}

TEST_F(Variants, TheLastVariantCannotBeDeleted) {
  auto client = this->client();
  const auto [id, default_variant] = product();
  EXPECT_TRUE(is_problem(client.request("DELETE", variant_url(id, default_variant), bearer(vendor().access_token)), 409,
                         "last_variant"));
  EXPECT_EQ(product_json(client, id).at("variants").as_array().size(), 1u);
}

TEST_F(Variants, StockDecidesInStock) {
  auto client = this->client();
  const auto [id, default_variant] = product();
  ASSERT_EQ(write_variant(client, "PATCH", vendor(), id, default_variant, {{"stock", 0}}).status, 200);
  auto product = product_json(client, id);
  EXPECT_EQ(product.at("inStock"), json::value(false));
  EXPECT_EQ(product.at("variants").at(0).at("inStock"), json::value(false));
  add_variant(client, vendor(), id, {{"sku", unique_sku()}, {"price", 5000}, {"stock", 1}, {"options", {{"a", "b"}}}});
  EXPECT_EQ(product_json(client, id).at("inStock"), json::value(true)) << "one variant with stock is enough";
}

TEST_F(Variants, OptionsAreUniqueWithinAProduct) {
  auto client = this->client();
  const auto [id, default_variant] = product();
  const auto red =
      add_variant(client, vendor(), id, {{"sku", unique_sku()}, {"price", 1}, {"options", {{"color", "red"}}}});
  EXPECT_TRUE(is_problem(
      send_json(client, "POST", variants_of(id), {{"sku", unique_sku()}, {"price", 1}, {"options", {{"color", "red"}}}},
                bearer(vendor().access_token)),
      409, "variant_options_taken"));
  EXPECT_TRUE(is_problem(
      send_json(client, "POST", variants_of(id), {{"sku", unique_sku()}, {"price", 1}}, bearer(vendor().access_token)),
      409, "variant_options_taken"))
      << "no options is the default variant's";
  const auto blue =
      add_variant(client, vendor(), id, {{"sku", unique_sku()}, {"price", 1}, {"options", {{"color", "blue"}}}});
  EXPECT_TRUE(
      is_problem(write_variant(client, "PATCH", vendor(), id, str(blue.at("id")), {{"options", {{"color", "red"}}}}),
                 409, "variant_options_taken"));
  EXPECT_TRUE(
      is_problem(write_variant(client, "PATCH", vendor(), id, str(blue.at("id")), {{"sku", str(red.at("sku"))}}), 409,
                 "sku_taken"));
  EXPECT_EQ(product_json(client, id).at("variants").as_array().size(), 3u);
  EXPECT_EQ(product_json(client, id).at("version"), json::value(3)) << "refused writes did not move the product";
}

TEST_F(Variants, IfMatchUsesTheVariantsOwnVersion) {
  auto client = this->client();
  const auto [id, default_variant] = product();
  const auto extra =
      add_variant(client, vendor(), id, {{"sku", unique_sku()}, {"price", 1}, {"options", {{"x", "y"}}}});
  const auto extra_id = str(extra.at("id"));
  // The product is at version 2 now; the variant at 1.
  const auto first = write_variant(client, "PATCH", vendor(), id, extra_id, {{"price", 2}}, if_match(1));
  ASSERT_EQ(first.status, 200) << first.describe();
  EXPECT_EQ(first.json_object().at("version"), json::value(2));
  EXPECT_TRUE(is_problem(write_variant(client, "PATCH", vendor(), id, extra_id, {{"price", 3}}, if_match(1)), 412,
                         "version_mismatch"));
  EXPECT_TRUE(
      is_problem(write_variant(client, "PUT", vendor(), id, extra_id,
                               {{"sku", str(extra.at("sku"))}, {"price", 3}, {"options", {{"x", "y"}}}}, if_match(1)),
                 412, "version_mismatch"));
  EXPECT_TRUE(
      is_problem(client.request("DELETE", variant_url(id, extra_id), bearer(vendor().access_token, if_match(1))), 412,
                 "version_mismatch"));
  EXPECT_EQ(write_variant(client, "PATCH", vendor(), id, extra_id, {{"price", 3}}, {{"If-Match", "soon"}}).status, 400);
  const auto product = product_json(client, id);
  EXPECT_EQ(product.at("variants").at(1).at("price"), json::value(2)) << "the refused writes changed nothing";
  EXPECT_EQ(client.request("DELETE", variant_url(id, extra_id), bearer(vendor().access_token, if_match(2))).status,
            204);
}

TEST_F(Variants, OnlyTheOwnerAndAdminsTouchVariants) {
  auto client = this->client();
  const auto [id, default_variant] = product();
  const auto body = json::object{{"sku", unique_sku()}, {"price", 10}, {"options", {{"size", "s"}}}};
  const auto& other = other_vendor();
  EXPECT_TRUE(is_problem(send_json(client, "POST", variants_of(id), body, bearer(other.access_token)), 404,
                         "product_not_found"));
  EXPECT_TRUE(
      is_problem(write_variant(client, "PATCH", other, id, default_variant, {{"price", 1}}), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(write_variant(client, "PUT", other, id, default_variant, body), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(client.request("DELETE", variant_url(id, default_variant), bearer(other.access_token)), 404,
                         "product_not_found"));
  EXPECT_TRUE(
      is_problem(write_variant(client, "PATCH", customer(), id, default_variant, {{"price", 1}}), 403, "forbidden"));
  EXPECT_TRUE(
      is_problem(send_json(client, "PATCH", variant_url(id, default_variant), {{"price", 1}}), 401, "unauthorized"));
  EXPECT_EQ(product_json(client, id).at("version"), json::value(1));

  const auto [elsewhere, elsewhere_variant] = product();
  EXPECT_TRUE(is_problem(write_variant(client, "PATCH", vendor(), id, elsewhere_variant, {{"price", 1}}), 404,
                         "variant_not_found"))
      << "a variant is found under its own product only";
  const auto by_admin = write_variant(client, "PATCH", admin(), id, default_variant, {{"price", 42}});
  ASSERT_EQ(by_admin.status, 200) << by_admin.describe();
  EXPECT_EQ(product_json(client, id).at("price"), json::value(42));
}

TEST_F(Variants, BadVariantBodiesAre422) {
  auto client = this->client();
  const auto made = product();
  const auto& id = made.first;
  const auto& default_variant = made.second;
  const auto post = [&](const json::object& body) {
    return send_json(client, "POST", variants_of(id), body, bearer(vendor().access_token));
  };
  const auto sku = unique_sku();
  const json::object six_options{{"a", "1"}, {"b", "1"}, {"c", "1"}, {"d", "1"}, {"e", "1"}, {"f", "1"}};
  for (const auto& body : {
           json::object{{"price", 10}, {"options", {{"size", "m"}}}},
           json::object{{"sku", sku}, {"options", {{"size", "m"}}}},
           json::object{{"sku", sku}, {"price", -1}, {"options", {{"size", "m"}}}},
           json::object{{"sku", sku}, {"price", 1}, {"stock", -1}, {"options", {{"size", "m"}}}},
           json::object{{"sku", sku}, {"price", 1}, {"options", {{"Size", "m"}}}},
           json::object{{"sku", sku}, {"price", 1}, {"options", six_options}},
           json::object{{"sku", sku}, {"price", 1}, {"options", {{"size", std::string(51, 'm')}}}},
           json::object{{"sku", sku}, {"price", 1}, {"options", {{"size", "m"}}}, {"isDefault", true}},
           json::object{{"sku", sku}, {"price", 1}, {"options", {{"size", "m"}}}, {"version", 9}},
       }) {
    EXPECT_TRUE(is_problem(post(body), 422, "validation_failed")) << json::serialize(body);
  }
  EXPECT_TRUE(
      is_problem(write_variant(client, "PUT", vendor(), id, default_variant, {{"sku", sku}}), 422, "validation_failed"))
      << "PUT needs a price";
  EXPECT_TRUE(is_problem(write_variant(client, "PATCH", vendor(), id, default_variant, {{"price", "cheap"}}), 422,
                         "validation_failed"));
  const auto product = product_json(client, id);
  EXPECT_EQ(product.at("variants").as_array().size(), 1u);
  EXPECT_EQ(product.at("version"), json::value(1));
}

}  // namespace
}  // namespace emporium::testing
