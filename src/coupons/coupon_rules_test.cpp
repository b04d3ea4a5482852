// The coupon rules as plain functions: validation of what an admin writes, and the discount.
#include "coupons/coupon_rules.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace emporium::coupons {
namespace {
using pricing::PricedLine;

const Timestamp kNow = from_unix_millis(1'800'000'000'000);

PricedLine line(std::string product_id, std::int64_t total, std::string category_path = "",
                std::string currency = "USD") {
  PricedLine priced;
  priced.product_id = std::move(product_id);
  priced.category_path = std::move(category_path);
  priced.currency = std::move(currency);
  priced.unit_price = total;
  priced.quantity = 1;
  priced.line_total = total;
  return priced;
}

Coupon coupon(CouponType type, std::int64_t value) {
  Coupon c;
  c.code = "SAVE";
  c.type = type;
  c.value = value;
  return c;
}

std::string code_of(const Result<pricing::Discount>& result) { return result ? "ok" : result.error().code; }

CouponInput valid_input() {
  CouponInput input;
  input.code = "SUMMER-10_x";
  input.type = "percentage";
  input.value = 10;
  return input;
}

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& error : errors) out.push_back(error.field);
  return out;
}

TEST(CouponRules, PercentageRoundsDownToTheMinorUnit) {
  EXPECT_EQ(percent_of(999, 15), 149);  // 149.85
  EXPECT_EQ(percent_of(1, 99), 0);
  EXPECT_EQ(percent_of(100, 100), 100);
  EXPECT_EQ(percent_of(12345, 33), 4073);  // 4073.85
  const auto big = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(percent_of(big, 100), big);  // no overflow
  EXPECT_EQ(percent_of(big, 50), big / 2);
}

TEST(CouponRules, DiscountsByType) {
  const std::vector<PricedLine> basket{line("prod_a", 999), line("prod_b", 1000)};
  const auto percentage = discount_for(coupon(CouponType::Percentage, 15), basket, kNow, 0);
  ASSERT_TRUE(percentage);
  EXPECT_EQ(percentage->amount, 299);  // 1999 × 15 % = 299.85
  EXPECT_FALSE(percentage->free_shipping);
  const auto fixed = discount_for(coupon(CouponType::Fixed, 500), basket, kNow, 0);
  ASSERT_TRUE(fixed);
  EXPECT_EQ(fixed->amount, 500);
  const auto capped = discount_for(coupon(CouponType::Fixed, 5000), basket, kNow, 0);
  ASSERT_TRUE(capped);
  EXPECT_EQ(capped->amount, 1999);  // never above the eligible subtotal
  const auto shipping = discount_for(coupon(CouponType::FreeShipping, 0), basket, kNow, 0);
  ASSERT_TRUE(shipping);
  EXPECT_EQ(shipping->amount, 0);
  EXPECT_TRUE(shipping->free_shipping);
  const auto all = discount_for(coupon(CouponType::Percentage, 100), basket, kNow, 0);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->amount, 1999);
}

TEST(CouponRules, ScopeByProductsAndCategoriesWithDescendants) {
  const std::vector<PricedLine> basket{line("prod_a", 1000, "/cat_root/cat_shoes/"),
                                       line("prod_b", 2000, "/cat_root/cat_shoes/cat_boots/"),
                                       line("prod_c", 4000, "/cat_root/cat_shoes2/"), line("prod_d", 8000)};
  auto by_category = coupon(CouponType::Percentage, 50);
  by_category.category_ids = {"cat_shoes"};
  EXPECT_EQ(eligible_subtotal(by_category, basket), 3000);  // the category and its descendant, not cat_shoes2
  EXPECT_EQ(discount_for(by_category, basket, kNow, 0)->amount, 1500);

  auto by_product = coupon(CouponType::Fixed, 10'000);
  by_product.product_ids = {"prod_c"};
  EXPECT_EQ(discount_for(by_product, basket, kNow, 0)->amount, 4000);  // capped at the eligible lines

  auto both = coupon(CouponType::Percentage, 10);
  both.product_ids = {"prod_d"};
  both.category_ids = {"cat_boots"};
  EXPECT_EQ(eligible_subtotal(both, basket), 10'000);
  EXPECT_EQ(eligible_subtotal(coupon(CouponType::Percentage, 10), basket), 15'000);  // no scope: everything

  auto elsewhere = coupon(CouponType::Percentage, 10);
  elsewhere.category_ids = {"cat_toys"};
  EXPECT_EQ(code_of(discount_for(elsewhere, basket, kNow, 0)), "coupon_not_applicable");
}

TEST(CouponRules, EveryReasonHasItsOwnCode) {
  const std::vector<PricedLine> basket{line("prod_a", 1000), line("prod_b", 500)};
  auto c = coupon(CouponType::Percentage, 10);
  c.active = false;
  EXPECT_EQ(code_of(discount_for(c, basket, kNow, 0)), "coupon_inactive");
  c = coupon(CouponType::Percentage, 10);
  c.starts_at = kNow + std::chrono::milliseconds(1);
  EXPECT_EQ(code_of(discount_for(c, basket, kNow, 0)), "coupon_not_started");
  c.starts_at = kNow;
  EXPECT_EQ(code_of(discount_for(c, basket, kNow, 0)), "ok");
  c.expires_at = kNow;
  EXPECT_EQ(code_of(discount_for(c, basket, kNow, 0)), "coupon_expired");
  c = coupon(CouponType::Percentage, 10);
  c.usage_limit = 3;
  c.times_used = 3;
  EXPECT_EQ(code_of(discount_for(c, basket, kNow, 0)), "coupon_usage_limit_reached");
  c.times_used = 2;
  c.per_customer_limit = 1;
  EXPECT_EQ(code_of(discount_for(c, basket, kNow, 1)), "coupon_customer_limit_reached");
  EXPECT_EQ(code_of(discount_for(c, basket, kNow, 0)), "ok");
  c = coupon(CouponType::Fixed, 100);
  c.currency = "EUR";
  EXPECT_EQ(code_of(discount_for(c, basket, kNow, 0)), "coupon_currency_mismatch");
  c.currency = "USD";
  EXPECT_EQ(code_of(discount_for(c, basket, kNow, 0)), "ok");
  c.min_subtotal = 1501;
  EXPECT_EQ(code_of(discount_for(c, basket, kNow, 0)), "coupon_min_subtotal_not_met");
  c.min_subtotal = 1500;
  c.product_ids = {"prod_b"};  // the minimum is of the whole basket, not of the lines in scope
  EXPECT_EQ(discount_for(c, basket, kNow, 0)->amount, 100);
  EXPECT_EQ(code_of(discount_for(coupon(CouponType::Percentage, 10), {}, kNow, 0)), "coupon_not_applicable");
  const auto problem = discount_for(coupon(CouponType::Percentage, 10), {}, kNow, 0).error();
  EXPECT_EQ(problem.status, 422);
}

TEST(CouponRules, AValidInputHasNoErrors) {
  EXPECT_TRUE(coupon_input_errors(valid_input()).empty());
  auto fixed = valid_input();
  fixed.type = "fixed";
  fixed.value = 500;
  fixed.currency = "EUR";
  fixed.starts_at = "2026-01-01T00:00:00Z";
  fixed.expires_at = "2026-02-01T00:00:00Z";
  fixed.usage_limit = 1;
  fixed.per_customer_limit = 1;
  fixed.product_ids = {"prod_01JDQ3ZK9M8X7V6T5R4Q3P2N1M"};
  EXPECT_TRUE(coupon_input_errors(fixed).empty());
  auto shipping = valid_input();
  shipping.type = "free_shipping";
  shipping.value.reset();
  EXPECT_TRUE(coupon_input_errors(shipping).empty());
}

TEST(CouponRules, BrokenRulesNameTheirFields) {
  auto input = valid_input();
  input.code = "ab";
  EXPECT_EQ(fields(coupon_input_errors(input)), std::vector<std::string>{"code"});
  input.code = std::string(41, 'a');
  EXPECT_EQ(fields(coupon_input_errors(input)), std::vector<std::string>{"code"});
  input.code = "NO SPACES";
  EXPECT_EQ(fields(coupon_input_errors(input)), std::vector<std::string>{"code"});
  input = valid_input();
  input.value = 0;
  EXPECT_EQ(fields(coupon_input_errors(input)), std::vector<std::string>{"value"});
  input.value = 101;
  EXPECT_EQ(fields(coupon_input_errors(input)), std::vector<std::string>{"value"});
  input.type = "fixed";
  input.value = 0;
  EXPECT_EQ(fields(coupon_input_errors(input)), (std::vector<std::string>{"value", "currency"}));
  input.type = "free_shipping";
  input.value = 5;
  EXPECT_EQ(fields(coupon_input_errors(input)), std::vector<std::string>{"value"});
  input = valid_input();
  input.type = "bogus";
  input.currency = "XYZ";
  input.min_subtotal = -1;
  input.usage_limit = 0;
  input.per_customer_limit = 0;
  EXPECT_EQ(fields(coupon_input_errors(input)),
            (std::vector<std::string>{"type", "currency", "minSubtotal", "usageLimit", "perCustomerLimit"}));
  input = valid_input();
  input.starts_at = "2026-02-01T00:00:00Z";
  input.expires_at = "2026-02-01T00:00:00Z";
  EXPECT_EQ(fields(coupon_input_errors(input)), std::vector<std::string>{"expiresAt"});
  input.starts_at = "yesterday";
  EXPECT_EQ(fields(coupon_input_errors(input)), std::vector<std::string>{"startsAt"});
}

TEST(CouponRules, ScopeIdsAreCheckedAndNormalised) {
  auto input = valid_input();
  input.product_ids = {"prod_01JDQ3ZK9M8X7V6T5R4Q3P2N1M", "nope"};
  input.category_ids = {"prod_01JDQ3ZK9M8X7V6T5R4Q3P2N1M"};
  EXPECT_EQ(fields(coupon_input_errors(input)), (std::vector<std::string>{"productIds[1]", "categoryIds[0]"}));
  input = valid_input();
  input.product_ids.assign(101, "prod_01JDQ3ZK9M8X7V6T5R4Q3P2N1M");
  EXPECT_EQ(fields(coupon_input_errors(input)), std::vector<std::string>{"productIds"});
  input.currency = "eur";
  const auto normalised = normalised_coupon_input(input);
  EXPECT_EQ(normalised.product_ids.size(), 1u);
  EXPECT_EQ(normalised.currency, "EUR");
  EXPECT_EQ(code_key("SuMmEr-10"), "summer-10");
}

}  // namespace
}  // namespace emporium::coupons
