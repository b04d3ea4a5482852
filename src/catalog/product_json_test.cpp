#include "catalog/product_json.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace emporium::catalog {
namespace {

ProductView view_with_rating(std::int64_t x100) {
  ProductView view;
  view.product.id = "prod_1";
  view.product.name = "Lamp \"Lux\"";
  view.product.currency = "USD";
  view.product.rating_average_x100 = x100;
  view.product.rating_count = 3;
  Variant variant;
  variant.id = "var_1";
  variant.product_id = "prod_1";
  variant.sku = "L-1";
  variant.stock = 4;
  view.variants.push_back(variant);
  return view;
}

TEST(RatingText, WritesHundredthsAsAPlainDecimal) {
  EXPECT_EQ(rating_text(0), "0");
  EXPECT_EQ(rating_text(400), "4");
  EXPECT_EQ(rating_text(450), "4.5");
  EXPECT_EQ(rating_text(437), "4.37");
  EXPECT_EQ(rating_text(405), "4.05");
  EXPECT_EQ(rating_text(500), "5");
}

TEST(ProductJsonText, IsOneValidObjectWithTheRatingAsANumber) {
  const auto text = product_json_text(view_with_rating(437), {});
  EXPECT_EQ(text.find("E0"), std::string::npos);
  const auto json = boost::json::parse(text).as_object();
  EXPECT_DOUBLE_EQ(json.at("ratingAverage").as_double(), 4.37);
  EXPECT_EQ(json.at("ratingCount").as_int64(), 3);
  EXPECT_EQ(json.at("name").as_string(), "Lamp \"Lux\"");
  EXPECT_EQ(boost::json::parse(product_json_text(view_with_rating(0), {})).at("ratingAverage").as_int64(), 0);
}

TEST(ProductJsonText, ShowsStockLevelsOnlyWhenAsked) {
  const auto view = view_with_rating(0);
  const auto hidden = boost::json::parse(product_json_text(view, {.media_base_url = "/media", .show_stock = false}));
  const auto& variant = hidden.at("variants").as_array().at(0).as_object();
  EXPECT_FALSE(variant.contains("stock"));
  EXPECT_TRUE(variant.at("inStock").as_bool());
  const auto shown = boost::json::parse(product_json_text(view, {.media_base_url = "/media", .show_stock = true}));
  EXPECT_EQ(shown.at("variants").as_array().at(0).at("stock").as_int64(), 4);
}

}  // namespace
}  // namespace emporium::catalog
