#include "http/json_body.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include <algorithm>

namespace emporium::http {
namespace {

Request json_request(std::string body, std::string_view content_type = "application/json") {
  static std::string type;  // header values are views; keep the text alive for the test
  type = content_type;
  Request request;
  request.headers.push_back({"Content-Type", type});
  request.body = std::move(body);
  return request;
}

struct Signup {
  std::string email;
  std::optional<std::string> name;
  std::int64_t age = 0;
  std::optional<bool> newsletter;
  std::optional<std::map<std::string, std::string>> attributes;
  std::vector<std::string> skus;
};

Result<Signup> read_signup(const Request& request) {
  return read_json_body<Signup>(request, [](ObjectReader& reader, Signup& out) {
    reader.required("email", out.email, {.min_length = 3, .max_length = 254});
    reader.optional("name", out.name, {.min_length = 1, .max_length = 5});
    reader.required("age", out.age, {.min = 0, .max = 150});
    reader.optional("newsletter", out.newsletter);
    reader.string_map("attributes", out.attributes, 2, {.min_length = 1, .max_length = 10}, {.max_length = 10});
    reader.objects("variants", false, 3, [&](ObjectReader& variant, std::size_t) {
      std::string sku;
      variant.required("sku", sku, {.min_length = 1});
      out.skus.push_back(sku);
    });
  });
}

bool has_error(const Problem& problem, std::string_view field, std::string_view fragment) {
  return std::any_of(problem.errors.begin(), problem.errors.end(), [&](const FieldError& error) {
    return error.field == field && error.message.find(fragment) != std::string::npos;
  });
}

TEST(JsonBody, ReadsEveryKindOfField) {
  const auto result = read_signup(json_request(
      R"({"email":"  a@b.c ","name":"Ann","age":30,"newsletter":true,"attributes":{"color":"red"},"variants":[{"sku":"S1"}]})"));
  ASSERT_TRUE(result) << result.error().detail;
  EXPECT_EQ(result->email, "a@b.c");  // trimmed
  EXPECT_EQ(result->name, "Ann");
  EXPECT_EQ(result->age, 30);
  EXPECT_EQ(result->newsletter, true);
  EXPECT_EQ(result->attributes->at("color"), "red");
  EXPECT_EQ(result->skus, std::vector<std::string>{"S1"});
}

TEST(JsonBody, ReportsEveryProblemAtOnce) {
  const auto result = read_signup(json_request(
      R"({"name":"Too long","age":-1,"newsletter":"yes","role":"admin","variants":[{"sku":""},{"x":1}]})"));
  ASSERT_FALSE(result);
  const auto& problem = result.error();
  EXPECT_EQ(problem.status, 422);
  EXPECT_EQ(problem.code, "validation_failed");
  EXPECT_TRUE(has_error(problem, "email", "required"));
  EXPECT_TRUE(has_error(problem, "name", "1 to 5"));
  EXPECT_TRUE(has_error(problem, "age", "at least 0"));
  EXPECT_TRUE(has_error(problem, "newsletter", "true or false"));
  EXPECT_TRUE(has_error(problem, "role", "not a known field"));
  EXPECT_TRUE(has_error(problem, "variants[0].sku", "must not be empty"));
  EXPECT_TRUE(has_error(problem, "variants[1].sku", "required"));
  EXPECT_TRUE(has_error(problem, "variants[1].x", "not a known field"));
}

TEST(JsonBody, RejectsFractionsAndHugeNumbersForIntegers) {
  EXPECT_TRUE(has_error(read_signup(json_request(R"({"email":"a@b.c","age":1.5})")).error(), "age", "integer"));
  EXPECT_TRUE(has_error(read_signup(json_request(R"({"email":"a@b.c","age":18446744073709551615})")).error(), "age",
                        "at most"));
}

TEST(JsonBody, TreatsNullAsAbsentForOptionalFields) {
  const auto result = read_signup(json_request(R"({"email":"a@b.c","age":1,"name":null})"));
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->name.has_value());
}

TEST(JsonBody, LimitsCollections) {
  const auto result = read_signup(
      json_request(R"({"email":"a@b.c","age":1,"attributes":{"a":"1","b":"2","c":"3"},"variants":[{},{},{},{}]})"));
  ASSERT_FALSE(result);
  EXPECT_TRUE(has_error(result.error(), "attributes", "at most 2"));
  EXPECT_TRUE(has_error(result.error(), "variants", "at most 3"));
}

TEST(JsonBody, RequiresAJsonObject) {
  const auto result = read_signup(json_request("[1,2]"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().status, 422);
  EXPECT_TRUE(has_error(result.error(), "body", "JSON object"));
}

TEST(JsonBody, AnswersMalformedJsonWith400) {
  for (const auto* body : {"{", "{\"a\":}", "", "{\"a\":\"\xff\"}"}) {
    const auto result = read_signup(json_request(body));
    ASSERT_FALSE(result) << body;
    EXPECT_EQ(result.error().status, 400) << body;
    EXPECT_EQ(result.error().code, "malformed_json") << body;
  }
}

TEST(JsonBody, LimitsNestingDepth) {
  const std::string deep = std::string(40, '[') + std::string(40, ']');
  const auto result = read_signup(json_request("{\"a\":" + deep + "}"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().status, 400);
}

TEST(JsonBody, AnswersOtherContentTypesWith415) {
  const auto result = read_signup(json_request(R"({"email":"a@b.c","age":1})", "text/plain"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().status, 415);
  EXPECT_TRUE(read_signup(json_request(R"({"email":"a@b.c","age":1})", "application/json; charset=utf-8")));
  EXPECT_TRUE(read_signup(json_request(R"({"email":"a@b.c","age":1})", "application/merge-patch+json")));
}

TEST(JsonBody, CountsLengthInCharactersNotBytes) {
  EXPECT_TRUE(read_signup(json_request(R"({"email":"a@b.c","age":1,"name":"Zoë日本"})")));
}

TEST(JsonBody, ChecksAllowedValues) {
  std::vector<FieldError> errors;
  const auto value = boost::json::parse(R"({"status":"deleted"})");
  ObjectReader reader(value, errors);
  std::string status;
  reader.required("status", status, {.one_of = {"draft", "active"}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "must be one of: draft, active");
}

}  // namespace
}  // namespace emporium::http
