// CORS (preflight and actual requests), credentials on /api, and the anonymous rate limit.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "assertions.hpp"
#include "server_process.hpp"

namespace emporium::testing {
namespace {

constexpr const char* kShop = "https://shop.example";
const EnvVars kCorsConfig{{"EMPORIUM_CORS_ORIGINS", kShop}};

Headers preflight_from(const std::string& origin) {
  return {
      {"Origin", origin}, {"Access-Control-Request-Method", "GET"}, {"Access-Control-Request-Headers", "x-request-id"}};
}

TEST(Cors, PreflightFromAllowedOriginIs204) {
  ServerProcess server(kCorsConfig);
  auto client = server.client();
  const auto response = client.request("OPTIONS", "/api/openapi.json", preflight_from(kShop));
  EXPECT_EQ(response.status, 204) << response.describe();
  EXPECT_EQ(response.header("Access-Control-Allow-Origin"), kShop);
  EXPECT_TRUE(icontains(response.header("Access-Control-Allow-Methods").value_or(""), "GET")) << response.describe();
  EXPECT_TRUE(icontains(response.header("Access-Control-Allow-Headers").value_or(""), "x-request-id"));
  EXPECT_TRUE(icontains(response.header("Vary").value_or(""), "Origin"));
}

TEST(Cors, PreflightFromOtherOriginIsRefused) {
  ServerProcess server(kCorsConfig);
  auto client = server.client();
  const auto response = client.request("OPTIONS", "/api/openapi.json", preflight_from("https://evil.example"));
  EXPECT_TRUE(is_problem(response, 403, "forbidden"));
  EXPECT_FALSE(response.has_header("Access-Control-Allow-Origin"));
  EXPECT_FALSE(response.has_header("Access-Control-Allow-Methods"));
}

TEST(Cors, ActualRequestFromAllowedOriginIsShared) {
  ServerProcess server(kCorsConfig);
  auto client = server.client();
  const auto response = client.get("/health", {{"Origin", kShop}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.header("Access-Control-Allow-Origin"), kShop);
  EXPECT_TRUE(icontains(response.header("Access-Control-Expose-Headers").value_or(""), "X-Request-Id"))
      << response.describe();
  EXPECT_TRUE(icontains(response.header("Access-Control-Expose-Headers").value_or(""), "RateLimit-Remaining"));
}

TEST(Cors, ActualRequestFromOtherOriginGetsNoCorsHeaders) {
  ServerProcess server(kCorsConfig);
  auto client = server.client();
  const auto response = client.get("/health", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_FALSE(response.has_header("Access-Control-Allow-Origin")) << response.describe();
}

TEST(Auth, InvalidBearerTokenOnAProtectedRouteIs401) {
  ServerProcess server;
  auto client = server.client();
  const auto response = client.get("/api/users/me", {{"Authorization", "Bearer not-a-token"}});
  EXPECT_TRUE(is_problem(response, 401, "invalid_token"));
  EXPECT_TRUE(icontains(response.header("WWW-Authenticate").value_or(""), "Bearer")) << response.describe();
}

TEST(Auth, UnknownApiKeyOnAProtectedRouteIs401) {
  ServerProcess server;
  auto client = server.client();
  const auto response = client.get("/api/users/me", {{"X-API-Key", "ek_live_unknown"}});
  EXPECT_TRUE(is_problem(response, 401, "invalid_api_key"));
}

TEST(Auth, BadCredentialsCountAsNoneOnPublicRoutes) {
  // A client that attaches an expired token to every call must still reach public routes (and /auth/refresh).
  ServerProcess server;
  auto client = server.client();
  EXPECT_EQ(client.get("/api/openapi.json", {{"Authorization", "Bearer not-a-token"}}).status, 200);
  EXPECT_EQ(client.get("/api/openapi.json", {{"X-API-Key", "ek_live_unknown"}}).status, 200);
}

// The limiter counts in fixed one-minute windows: start well inside one so that a window change cannot
// reset the count halfway through a test (this waits on purpose, at most a few seconds).
void avoid_rate_window_edge() {
  using namespace std::chrono;
  const auto into_minute = duration_cast<milliseconds>(system_clock::now().time_since_epoch()) % minutes(1);
  if (into_minute > seconds(58)) std::this_thread::sleep_for(minutes(1) - into_minute + milliseconds(100));
}

TEST(RateLimit, SixthAnonymousApiRequestIs429) {
  ServerProcess server(EnvVars{{"EMPORIUM_RATE_LIMIT_ANON", "5"}});
  auto client = server.client();
  avoid_rate_window_edge();
  for (int i = 1; i <= 5; ++i) {
    const auto response = client.get("/api/no-such-thing");
    EXPECT_EQ(response.status, 404) << "request " << i;
    EXPECT_EQ(response.header("RateLimit-Limit"), "5");
    EXPECT_EQ(response.header("RateLimit-Remaining"), std::to_string(5 - i));
    EXPECT_TRUE(response.has_header("RateLimit-Reset"));
  }
  const auto limited = client.get("/api/no-such-thing");
  EXPECT_TRUE(is_problem(limited, 429, "rate_limited"));
  const auto retry_after = std::stoi(limited.header("Retry-After").value_or("-1"));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 60);
  EXPECT_EQ(limited.header("RateLimit-Limit"), "5");
  EXPECT_EQ(limited.header("RateLimit-Remaining"), "0");
  EXPECT_TRUE(limited.has_header("RateLimit-Reset"));
}

TEST(RateLimit, HealthIsNotLimited) {
  ServerProcess server(EnvVars{{"EMPORIUM_RATE_LIMIT_ANON", "5"}});
  auto client = server.client();
  for (int i = 0; i < 12; ++i) {
    const auto response = client.get("/health");
    ASSERT_EQ(response.status, 200) << "request " << i + 1;
    EXPECT_FALSE(response.has_header("RateLimit-Limit"));
  }
}

}  // namespace
}  // namespace emporium::testing
