// Every unhappy path of POST /api/products/:id/variants/:variantId/stock: callers who may not, objects that are
// not there or someone else's, and bodies that break a rule. Nothing changes in any of them.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <string>

#include "inventory_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class StockValidation : public CatalogSuite<StockValidation> {
 protected:
  void TearDown() override {
    if (!made_.product.empty()) {
      auto client = this->client();
      EXPECT_EQ(stock_of(client, vendor(), made_), expected_stock_) << "a refused change changed the stock";
      expect_ledger_balances(client, vendor(), made_.product);
    }
  }
  const Stocked& made() {
    if (made_.product.empty()) {
      auto client = this->client();
      made_ = stocked(client, vendor(), expected_stock_);
    }
    return made_;
  }
  HttpResponse post(const json::value& body) {
    auto client = this->client();
    return change_stock(client, vendor(), made().product, made().variant, body);
  }
  ::testing::AssertionResult refused_field(const json::value& body, const std::string& field) {
    const auto response = post(body);
    if (auto problem = is_problem(response, 422, "validation_failed"); !problem) return problem;
    if (!error_fields(response).contains(field))
      return ::testing::AssertionFailure() << "no error for " << field << "\n" << response.describe();
    return ::testing::AssertionSuccess();
  }

  Stocked made_;
  std::int64_t expected_stock_ = 5;
};

TEST_F(StockValidation, CustomersAreForbiddenAndAnonymousCallersUnauthorised) {
  auto client = this->client();
  const auto& m = made();
  EXPECT_TRUE(is_problem(change_stock(client, customer(), m.product, m.variant, stock_delta(1)), 403, "forbidden"));
  const auto anonymous = send_json(client, "POST", stock_url(m), stock_delta(1));
  EXPECT_TRUE(is_problem(anonymous, 401, "unauthorized"));
}

TEST_F(StockValidation, SomeoneElsesOrAnUnknownProductOrVariantIsNotFound) {
  auto client = this->client();
  const auto& m = made();
  EXPECT_TRUE(
      is_problem(change_stock(client, other_vendor(), m.product, m.variant, stock_delta(1)), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(change_stock(client, vendor(), "prod_01JZZZZZZZZZZZZZZZZZZZZZZZ", m.variant, stock_delta(1)),
                         404, "product_not_found"));
  EXPECT_TRUE(
      is_problem(change_stock(client, vendor(), "nonsense", m.variant, stock_delta(1)), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(change_stock(client, vendor(), m.product, "var_01JZZZZZZZZZZZZZZZZZZZZZZZ", stock_delta(1)),
                         404, "variant_not_found"));
  EXPECT_TRUE(is_problem(change_stock(client, vendor(), m.product, "var_x", stock_delta(1)), 404, "variant_not_found"));
  // A variant of another product of the same vendor is not this product's.
  const auto other = stocked(client, vendor(), 1);
  EXPECT_TRUE(
      is_problem(change_stock(client, vendor(), m.product, other.variant, stock_delta(1)), 404, "variant_not_found"));
  EXPECT_EQ(stock_of(client, vendor(), other), 1);
  expect_ledger_balances(client, vendor(), other.product);
}

TEST_F(StockValidation, ExactlyOneOfDeltaAndSet) {
  EXPECT_TRUE(refused_field({{"delta", 1}, {"set", 3}, {"reason", "both"}}, "delta"));
  EXPECT_TRUE(refused_field({{"reason", "neither"}}, "delta"));
  EXPECT_TRUE(refused_field({{"delta", 0}, {"reason", "nothing"}}, "delta"));
}

TEST_F(StockValidation, NumbersMustBeIntegersWithinBounds) {
  EXPECT_TRUE(refused_field({{"delta", 1'000'000'001}, {"reason", "r"}}, "delta"));
  EXPECT_TRUE(refused_field({{"delta", -1'000'000'001}, {"reason", "r"}}, "delta"));
  EXPECT_TRUE(refused_field({{"set", -1}, {"reason", "r"}}, "set"));
  EXPECT_TRUE(refused_field({{"set", 1'000'000'001}, {"reason", "r"}}, "set"));
  EXPECT_TRUE(refused_field({{"delta", 1.5}, {"reason", "r"}}, "delta"));
  EXPECT_TRUE(refused_field({{"delta", "3"}, {"reason", "r"}}, "delta"));
  EXPECT_TRUE(refused_field({{"set", nullptr}, {"delta", true}, {"reason", "r"}}, "delta"));
  EXPECT_TRUE(refused_field(json::parse("{\"delta\": 99999999999999999999, \"reason\": \"r\"}"), "delta"));
}

TEST_F(StockValidation, TheStockCannotPassTheCatalogsLimit) {
  expected_stock_ = 1'000'000'000;
  auto client = this->client();
  const auto& m = made();
  EXPECT_TRUE(refused_field({{"delta", 1}, {"reason", "too many"}}, "delta"));
  EXPECT_EQ(change_stock(client, vendor(), m.product, m.variant, stock_set(1'000'000'000)).status, 201);
}

TEST_F(StockValidation, AReasonIsRequiredShortAndPlainText) {
  EXPECT_TRUE(refused_field({{"delta", 1}}, "reason"));
  EXPECT_TRUE(refused_field({{"delta", 1}, {"reason", ""}}, "reason"));
  EXPECT_TRUE(refused_field({{"delta", 1}, {"reason", "   "}}, "reason"));
  EXPECT_TRUE(refused_field({{"delta", 1}, {"reason", std::string(201, 'r')}}, "reason"));
  EXPECT_TRUE(refused_field({{"delta", 1}, {"reason", "line\nbreak"}}, "reason"));
  EXPECT_TRUE(refused_field({{"delta", 1}, {"reason", "bell\x07"}}, "reason"));
  EXPECT_TRUE(refused_field({{"delta", 1}, {"reason", 42}}, "reason"));
  // 200 characters, some of them not ASCII, are fine.
  const auto longest = std::string(196, 'r') + "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";
  const auto accepted = post({{"delta", 1}, {"reason", longest}});
  ASSERT_EQ(accepted.status, 201) << accepted.describe();
  EXPECT_EQ(str(accepted.json_object().at("movement").at("note")), longest);
  expected_stock_ += 1;
}

TEST_F(StockValidation, UnknownFieldsAreRefused) {
  EXPECT_TRUE(refused_field({{"delta", 1}, {"reason", "r"}, {"stock", 100}}, "stock"));
  EXPECT_TRUE(refused_field({{"delta", 1}, {"reason", "r"}, {"actorId", "usr_01JZZZZZZZZZZZZZZZZZZZZZZZ"}}, "actorId"));
}

TEST_F(StockValidation, MalformedBodiesAreRefused) {
  auto client = this->client();
  const auto& m = made();
  const auto headers = bearer(vendor().access_token, {{"Content-Type", "application/json"}});
  EXPECT_TRUE(is_problem(client.request("POST", stock_url(m), headers, "{\"delta\": 1,"), 400, "malformed_json"));
  EXPECT_TRUE(is_problem(client.request("POST", stock_url(m), headers, ""), 400, "malformed_json"));
  EXPECT_EQ(client.request("POST", stock_url(m), headers, "[1]").status, 422);
  const auto text = bearer(vendor().access_token, {{"Content-Type", "text/plain"}});
  EXPECT_TRUE(is_problem(client.request("POST", stock_url(m), text, "{\"delta\": 1, \"reason\": \"r\"}"), 415,
                         "unsupported_media_type"));
}

}  // namespace
}  // namespace emporium::testing
