// POST /api/auth/login: the answer, no account enumeration, and throttling per account and address and per
// address. Every client that fails logins here comes from a loopback address of its own (127.0.0.N), so
// the per-address counters of one test never reach another's.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include "accounts_api.hpp"
#include "assertions.hpp"
#include "shared_server.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class Login : public SharedServerTest<Login> {};

HttpResponse post_login(HttpClient& client, const std::string& email, const std::string& password) {
  return send_json(client, "POST", "/api/auth/login", json::object{{"email", email}, {"password", password}});
}

TEST_F(Login, AnswersWithTheUserAndANewSession) {
  auto client = this->client();
  const auto registered = register_account(client);
  const auto response = post_login(client, registered.email, kPassword);
  ASSERT_EQ(response.status, 200) << response.describe();
  const auto body = response.json_object();
  EXPECT_EQ(str(body.at("user").at("id")), registered.id);
  EXPECT_EQ(str(body.at("user").at("role")), "customer");
  EXPECT_EQ(str(body.at("tokenType")), "Bearer");
  EXPECT_EQ(body.at("expiresIn"), json::value(900));
  EXPECT_NE(str(body.at("refreshToken")), registered.refresh_token) << "each login opens its own session";
  EXPECT_EQ(client.get("/api/users/me", bearer(str(body.at("accessToken")))).status, 200);
  EXPECT_EQ(client.get("/api/users/me", bearer(registered.access_token)).status, 200) << "the first session lives on";
}

TEST_F(Login, UnknownEmailAndWrongPasswordAnswerAlike) {
  auto client = client_from("127.0.0.11");
  const auto account = register_account(client);
  const auto wrong_password = post_login(client, account.email, "not the password");
  const auto unknown_email = post_login(client, unique_email("nobody"), kPassword);
  EXPECT_TRUE(is_problem(wrong_password, 401, "invalid_credentials"));
  EXPECT_TRUE(is_problem(unknown_email, 401, "invalid_credentials"));
  auto without_request_id = [](const HttpResponse& response) {
    auto body = response.json_object();
    body.erase("requestId");
    return json::serialize(body);
  };
  EXPECT_EQ(without_request_id(wrong_password), without_request_id(unknown_email));
  for (const auto* header : {"Content-Type", "WWW-Authenticate", "Cache-Control"})
    EXPECT_EQ(wrong_password.header(header), unknown_email.header(header)) << header;
}

TEST_F(Login, RejectsIncompleteBodies) {
  auto client = this->client();
  EXPECT_TRUE(is_problem(send_json(client, "POST", "/api/auth/login", json::object{{"email", "a@b.co"}}), 422,
                         "validation_failed"));
  EXPECT_TRUE(is_problem(post_login(client, "a@b.co", ""), 422, "validation_failed"));
  EXPECT_TRUE(is_problem(send_json(client, "POST", "/api/auth/login",
                                   json::object{{"email", "a@b.co"}, {"password", kPassword}, {"remember", true}}),
                         422, "validation_failed"));
  EXPECT_TRUE(is_problem(client.request("POST", "/api/auth/login", {{"Content-Type", "application/json"}}, "{"), 400,
                         "malformed_json"));
}

TEST_F(Login, FiveFailuresForOneAccountFromOneAddressAre429WithRetryAfter) {
  avoid_throttle_window_edge();
  auto attacker = client_from("127.0.0.12");
  const auto victim = register_account(attacker);
  for (int i = 1; i <= 5; ++i) {
    EXPECT_TRUE(
        is_problem(post_login(attacker, victim.email, "guess number " + std::to_string(i)), 401, "invalid_credentials"))
        << "attempt " << i;
  }
  const auto throttled = post_login(attacker, victim.email, kPassword);
  EXPECT_TRUE(is_problem(throttled, 429, "login_throttled")) << "even the right password waits";
  const auto retry_after = std::stoi(throttled.header("Retry-After").value_or("-1"));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 15 * 60);

  // The lock is on the pair: the owner, from their own address, still logs in; the attacker's address still
  // reaches other accounts.
  auto owner = client_from("127.0.0.13");
  EXPECT_EQ(post_login(owner, victim.email, kPassword).status, 200);
  const auto other = register_account(attacker);
  EXPECT_EQ(post_login(attacker, other.email, kPassword).status, 200);
}

TEST_F(Login, UnknownEmailsAreThrottledLikeKnownOnes) {
  avoid_throttle_window_edge();
  auto client = client_from("127.0.0.14");
  const auto nobody = unique_email("nobody");
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(post_login(client, nobody, "guess " + std::to_string(i)).status, 401);
  EXPECT_TRUE(is_problem(post_login(client, nobody, "guess 6"), 429, "login_throttled"))
      << "throttling must not tell which emails have accounts";
}

TEST_F(Login, ASuccessClearsTheCountForThatAccountAndAddress) {
  avoid_throttle_window_edge();
  auto client = client_from("127.0.0.15");
  const auto account = register_account(client);
  for (int round = 0; round < 2; ++round) {
    for (int i = 1; i <= 4; ++i) EXPECT_EQ(post_login(client, account.email, "typo " + std::to_string(i)).status, 401);
    EXPECT_EQ(post_login(client, account.email, kPassword).status, 200) << "round " << round;
  }
}

TEST_F(Login, ThirtyFailuresFromOneAddressThrottleEveryAccountFromIt) {
  avoid_throttle_window_edge();
  auto sprayer = client_from("127.0.0.16");
  const auto bystander = register_account(sprayer);
  for (int i = 1; i <= 30; ++i) {
    const auto response = post_login(sprayer, unique_email("spray"), "password spraying");
    ASSERT_EQ(response.status, 401) << "attempt " << i << "\n" << response.describe();
  }
  const auto throttled = post_login(sprayer, bystander.email, kPassword);
  EXPECT_TRUE(is_problem(throttled, 429, "login_throttled"));
  EXPECT_TRUE(throttled.has_header("Retry-After"));
  auto elsewhere = client_from("127.0.0.17");
  EXPECT_EQ(post_login(elsewhere, bystander.email, kPassword).status, 200) << "other addresses are not affected";
}

TEST_F(Login, AThrottledLoginIsNotTheApiRateLimit) {
  // A throttled login still carries the API's rate-limit headers: the two limits are separate.
  avoid_throttle_window_edge();
  auto client = client_from("127.0.0.18");
  const auto nobody = unique_email("headers");
  for (int i = 1; i <= 5; ++i) post_login(client, nobody, "guess");
  const auto throttled = post_login(client, nobody, "guess");
  ASSERT_EQ(throttled.status, 429) << throttled.describe();
  EXPECT_TRUE(throttled.has_header("RateLimit-Limit")) << throttled.describe();
  EXPECT_NE(throttled.header("RateLimit-Remaining"), "0") << "not the API limiter's 429";
}

}  // namespace
}  // namespace emporium::testing
