// Catalog races over HTTP, on both backends: many writes at once, each on its own connection, with one
// winner where the rules allow one (a SKU, a version) and every one succeeding where they allow all.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <set>
#include <thread>
#include <vector>

#include "catalog_suite.hpp"
#include "races.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class CatalogRaces : public CatalogSuite<CatalogRaces> {
 protected:
  static std::vector<HttpResponse> at_once(int n, const std::function<HttpResponse(HttpClient&, int)>& request) {
    return send_at_once(server().port(), n, request);
  }
};

TEST_F(CatalogRaces, TenCreatesWithOneSkuMakeOneProduct) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto sku = unique_sku("RACE");
  const auto responses = at_once(10, [&](HttpClient& racer, int i) {
    return send_json(racer, "POST", "/api/products",
                     product_body(sku, 100, "Racer " + std::to_string(i) + " " + unique_tag("r")),
                     bearer(seller.access_token));
  });
  EXPECT_EQ(count_status(responses, 201), 1) << statuses(responses);
  EXPECT_EQ(count_status(responses, 409), 9) << statuses(responses);
  for (const auto& response : responses) {
    if (response.status == 409) {
      EXPECT_TRUE(is_problem(response, 409, "sku_taken"));
    }
  }
  EXPECT_EQ(ids_of(list_json(client, "/api/products?vendor=" + seller.id, &seller)).size(), 1u);
}

TEST_F(CatalogRaces, TenPatchesWithOneIfMatchLetOneThrough) {
  auto client = this->client();
  const auto product = create_product(client, vendor(), product_body(unique_sku()));
  const auto id = str(product.at("id"));
  const auto responses = at_once(10, [&](HttpClient& racer, int i) {
    return send_json(racer, "PATCH", "/api/products/" + id, {{"name", "Winner " + std::to_string(i)}},
                     bearer(vendor().access_token, if_match(1)));
  });
  EXPECT_EQ(count_status(responses, 200), 1) << statuses(responses);
  EXPECT_EQ(count_status(responses, 412), 9) << statuses(responses);
  const auto now = product_json(client, id);
  EXPECT_EQ(now.at("version"), json::value(2)) << "exactly one write happened";
  for (const auto& response : responses) {
    if (response.status == 200) {
      EXPECT_EQ(now.at("name"), response.json_object().at("name"));
    }
  }
}

TEST_F(CatalogRaces, TenVariantPatchesWithOneIfMatchLetOneThrough) {
  auto client = this->client();
  const auto product = create_product(client, vendor(), product_body(unique_sku()));
  const auto id = str(product.at("id"));
  const auto variant = str(product.at("variants").at(0).at("id"));
  const auto responses = at_once(10, [&](HttpClient& racer, int i) {
    return send_json(racer, "PATCH", "/api/products/" + id + "/variants/" + variant, {{"price", 100 + i}},
                     bearer(vendor().access_token, if_match(1)));
  });
  EXPECT_EQ(count_status(responses, 200), 1) << statuses(responses);
  EXPECT_EQ(count_status(responses, 412), 9) << statuses(responses);
  EXPECT_EQ(product_json(client, id).at("variants").at(0).at("version"), json::value(2));
}

TEST_F(CatalogRaces, TenVariantsWithTheSameOptionsMakeOne) {
  auto client = this->client();
  const auto id = str(create_product(client, vendor(), product_body(unique_sku())).at("id"));
  const auto responses = at_once(10, [&](HttpClient& racer, int) {
    return send_json(racer, "POST", "/api/products/" + id + "/variants",
                     {{"sku", unique_sku()}, {"price", 10}, {"options", {{"size", "xxl"}}}},
                     bearer(vendor().access_token));
  });
  EXPECT_EQ(count_status(responses, 201), 1) << statuses(responses);
  EXPECT_EQ(count_status(responses, 409), 9) << statuses(responses);
  EXPECT_EQ(product_json(client, id).at("variants").as_array().size(), 2u);
}

TEST_F(CatalogRaces, TenCreatesWithOneNameAllGetTheirOwnSlug) {
  // Nobody chose a slug, so nothing conflicts: the slug made from the name is made unique for each.
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto name = "Same Name " + unique_tag("n");
  const auto responses = at_once(10, [&](HttpClient& racer, int) {
    return send_json(racer, "POST", "/api/products", product_body(unique_sku(), 100, name),
                     bearer(seller.access_token));
  });
  EXPECT_EQ(count_status(responses, 201), 10) << statuses(responses);
  std::set<std::string> slugs;
  for (const auto& response : responses) {
    if (response.status == 201) slugs.insert(str(response.json_object().at("slug")));
  }
  EXPECT_EQ(slugs.size(), static_cast<std::size_t>(count_status(responses, 201)));
}

}  // namespace
}  // namespace emporium::testing
