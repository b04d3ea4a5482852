#include "idempotency/idempotency_http.hpp"

#include <gtest/gtest.h>

#include <deque>

namespace emporium::idempotency {
namespace {

http::Request request_with(std::string key, std::string body = "{}", std::string path = "/api/orders") {
  static std::deque<std::string> keys;  // header values are views: every key outlives its request
  const auto& stored_key = keys.emplace_back(std::move(key));
  http::Request request;
  request.method = http::Method::Post;
  request.path = std::move(path);
  request.body = std::move(body);
  request.headers.push_back({"Idempotency-Key", stored_key});
  return request;
}

TEST(IdempotencyKey, AcceptsOneTo255PrintableAsciiCharacters) {
  EXPECT_TRUE(is_valid_key("a"));
  EXPECT_TRUE(is_valid_key("0b8f1f8e-5d7c-4f2e-9a57-2c2a0f1d3c4b"));
  EXPECT_TRUE(is_valid_key("with space and ~!@#$%^&*()"));
  EXPECT_TRUE(is_valid_key(std::string(255, 'k')));
  EXPECT_FALSE(is_valid_key(""));
  EXPECT_FALSE(is_valid_key(std::string(256, 'k')));
  EXPECT_FALSE(is_valid_key("tab\there"));
  EXPECT_FALSE(is_valid_key("caf\xc3\xa9"));
  EXPECT_FALSE(is_valid_key(std::string("nul\0byte", 8)));
}

TEST(IdempotencyKey, ReadKeyAnswers400ForABadKeyAndNothingWithoutOne) {
  http::Request none;
  auto absent = read_key(none);
  ASSERT_TRUE(absent);
  EXPECT_FALSE(*absent);
  auto bad = read_key(request_with(std::string(300, 'x')));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().status, 400);
  EXPECT_EQ(bad.error().code, "invalid_idempotency_key");
  auto good = read_key(request_with("k-1"));
  ASSERT_TRUE(good);
  EXPECT_EQ(**good, "k-1");
}

TEST(IdempotencyKey, TheFingerprintCoversMethodPathAndEveryByteOfTheBody) {
  const auto base = request_fingerprint(request_with("k", "{\"a\":1}"));
  EXPECT_EQ(base, request_fingerprint(request_with("other key", "{\"a\":1}")));
  EXPECT_NE(base, request_fingerprint(request_with("k", "{\"a\": 1}")));
  EXPECT_NE(base, request_fingerprint(request_with("k", "{\"a\":1}", "/api/refunds")));
  auto put = request_with("k", "{\"a\":1}");
  put.method = http::Method::Put;
  EXPECT_NE(base, request_fingerprint(put));
  EXPECT_EQ(base.size(), 64u);
}

TEST(IdempotencyKey, ProblemsCarryTheirCodes) {
  EXPECT_EQ(key_reused().status, 422);
  EXPECT_EQ(key_reused().code, "idempotency_key_reused");
  EXPECT_EQ(key_in_progress().status, 409);
  EXPECT_EQ(key_in_progress().code, "idempotency_key_in_progress");
  EXPECT_FALSE(problem_for(Decision::Proceed));
  EXPECT_FALSE(problem_for(Decision::Replay));
  EXPECT_EQ(problem_for(Decision::Mismatch)->status, 422);
}

TEST(IdempotencyKey, StoredResponsesKeepStatusBodyAndDescribingHeadersOnly) {
  http::Response response;
  response.status = 201;
  response.body = "{\"id\":\"ord_1\"}";
  response.add_header("Content-Type", "application/json");
  response.add_header("Location", "/api/orders/ord_1");
  response.add_header("X-Request-Id", "req-1");
  const auto stored = to_stored(response);
  EXPECT_EQ(stored.status, 201);
  EXPECT_EQ(stored.body, response.body);
  ASSERT_EQ(stored.headers.size(), 2u);
  const auto again = replayed(stored);
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, response.body);
  EXPECT_EQ(again.header("Location"), "/api/orders/ord_1");
  EXPECT_EQ(again.header("Idempotent-Replayed"), "true");
  EXPECT_FALSE(again.header("X-Request-Id"));
}

}  // namespace
}  // namespace emporium::idempotency
