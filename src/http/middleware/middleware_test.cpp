#include <gtest/gtest.h>

#include "http/authenticator.hpp"
#include "http/http_metrics.hpp"
#include "http/middleware/auth.hpp"
#include "http/middleware/body_limit.hpp"
#include "http/middleware/cors.hpp"
#include "http/middleware/memory_rate_limiter.hpp"
#include "http/middleware/metrics.hpp"
#include "http/middleware/middleware_test_support.hpp"
#include "http/middleware/rate_limit.hpp"
#include "http/middleware/request_id.hpp"
#include "support/errors.hpp"

namespace emporium::http {
namespace {
using testing::answer;
using testing::make_route;
using testing::PipelineHarness;

// Accepts "Bearer admin" / "Bearer customer"; any other credential is invalid.
class FakeAuthenticator final : public Authenticator {
 public:
  int calls = 0;
  Identity authenticate(const Request& request) override {
    ++calls;
    const auto header = request.header("Authorization");
    if (!header) return std::optional<Principal>();
    if (*header == "Bearer admin") return std::optional<Principal>(Principal{"usr_admin", Role::Admin, "s1", ""});
    if (*header == "Bearer customer") return std::optional<Principal>(Principal{"usr_cust", Role::Customer, "s2", ""});
    return problems::unauthorized();
  }
};

TEST(RequestIdMiddleware, EchoesASaneClientId) {
  SystemClock clock;
  IdGenerator ids(clock);
  PipelineHarness harness;
  harness.use(std::make_unique<RequestIdMiddleware>(ids));
  auto request = harness.request(Method::Get, "/x", {{"X-Request-Id", "abc-123:x.y_z"}});
  const auto response = harness.send(request);
  EXPECT_EQ(response.header("X-Request-Id"), "abc-123:x.y_z");
}

TEST(RequestIdMiddleware, ReplacesAnUnsafeClientId) {
  SystemClock clock;
  IdGenerator ids(clock);
  PipelineHarness harness;
  harness.use(std::make_unique<RequestIdMiddleware>(ids));
  for (const auto& bad : {std::string("has space"), std::string(129, 'a'), std::string("new\nline"), std::string()}) {
    auto request = harness.request(Method::Get, "/x", {{"X-Request-Id", bad}});
    const auto response = harness.send(request);
    const auto id = response.header("X-Request-Id");
    ASSERT_TRUE(id);
    EXPECT_TRUE(id->starts_with("req_")) << *id;
  }
}

TEST(CorsMiddleware, AnswersPreflightFromAllowedOrigins) {
  PipelineHarness harness;
  harness.use(std::make_unique<CorsMiddleware>(CorsPolicy{{"https://shop.example"}}));
  auto request = harness.request(Method::Options, "/api/things",
                                 {{"Origin", "https://shop.example"},
                                  {"Access-Control-Request-Method", "POST"},
                                  {"Access-Control-Request-Headers", "Authorization, Content-Type"}});
  request.allowed_methods = "GET, HEAD, POST, OPTIONS";
  const auto response = harness.send(request);
  EXPECT_EQ(response.status, 204);
  EXPECT_EQ(response.header("Access-Control-Allow-Origin"), "https://shop.example");
  EXPECT_EQ(response.header("Access-Control-Allow-Methods"), "GET, HEAD, POST, OPTIONS");
  EXPECT_EQ(response.header("Access-Control-Allow-Headers"), "Authorization, Content-Type");
  EXPECT_FALSE(response.header("Access-Control-Allow-Credentials"));
}

TEST(CorsMiddleware, RefusesOtherOriginsMethodsAndHeaders) {
  PipelineHarness harness;
  harness.use(std::make_unique<CorsMiddleware>(CorsPolicy{{"https://shop.example"}}));
  auto evil = harness.request(Method::Options, "/api/things",
                              {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "GET"}});
  evil.allowed_methods = "GET, HEAD, OPTIONS";
  const auto refused = harness.send(evil);
  EXPECT_EQ(refused.status, 403);
  EXPECT_FALSE(refused.header("Access-Control-Allow-Origin"));

  auto wrong_method =
      harness.request(Method::Options, "/api/things",
                      {{"Origin", "https://shop.example"}, {"Access-Control-Request-Method", "DELETE"}});
  wrong_method.allowed_methods = "GET, HEAD, OPTIONS";
  EXPECT_EQ(harness.send(wrong_method).status, 405);

  auto odd_header = harness.request(Method::Options, "/api/things",
                                    {{"Origin", "https://shop.example"},
                                     {"Access-Control-Request-Method", "GET"},
                                     {"Access-Control-Request-Headers", "X-Secret"}});
  odd_header.allowed_methods = "GET, HEAD, OPTIONS";
  EXPECT_EQ(harness.send(odd_header).status, 403);
}

TEST(CorsMiddleware, DecoratesActualResponsesAndAddsSecurityHeaders) {
  PipelineHarness harness;
  harness.use(std::make_unique<CorsMiddleware>(CorsPolicy{{"https://shop.example"}}));
  auto route = make_route(answer(200));
  auto request = harness.request(Method::Get, "/api/things", {{"Origin", "https://shop.example"}});
  request.route = &route;
  const auto response = harness.send(request);
  EXPECT_EQ(response.header("Access-Control-Allow-Origin"), "https://shop.example");
  EXPECT_TRUE(response.header("Access-Control-Expose-Headers")->find("RateLimit-Remaining") != std::string::npos);
  EXPECT_EQ(response.header("Vary"), "Origin");
  EXPECT_EQ(response.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response.header("Content-Security-Policy"), "default-src 'none'; frame-ancestors 'none'");
  EXPECT_EQ(response.header("Cache-Control"), "no-store");
}

TEST(CorsMiddleware, SendsAStarForAnyOriginAndNeverCredentials) {
  PipelineHarness harness;
  harness.use(std::make_unique<CorsMiddleware>(CorsPolicy{{"*"}}));
  auto route = make_route(answer(200));
  auto request = harness.request(Method::Get, "/api/things", {{"Origin", "https://anyone.example"}});
  request.route = &route;
  const auto response = harness.send(request);
  EXPECT_EQ(response.header("Access-Control-Allow-Origin"), "*");
  EXPECT_FALSE(response.header("Access-Control-Allow-Credentials"));
}

TEST(BodyLimitMiddleware, Answers413AndClosesWithoutCallingTheHandler) {
  PipelineHarness harness;
  harness.use(std::make_unique<BodyLimitMiddleware>());
  bool called = false;
  auto route = make_route([&](Request&) -> Result<Response> {
    called = true;
    return no_content();
  });
  auto request = harness.request(Method::Post, "/api/things");
  request.route = &route;
  request.body_too_large = true;
  request.body_limit = 1024;
  const auto response = harness.send(request);
  EXPECT_EQ(response.status, 413);
  EXPECT_TRUE(response.close_connection);
  EXPECT_FALSE(called);
}

TEST(MemoryRateLimiter, CountsPerKeyInFixedWindows) {
  ManualClock clock(from_unix_millis(60'000 * 1000 + 15'000));
  MemoryRateLimiter limiter(clock, std::chrono::seconds(60));
  for (int i = 1; i <= 3; ++i) {
    const auto decision = limiter.hit("ip:1", 3);
    EXPECT_TRUE(decision.allowed);
    EXPECT_EQ(decision.remaining, 3 - i);
    EXPECT_EQ(decision.reset_seconds, 45);
  }
  EXPECT_FALSE(limiter.hit("ip:1", 3).allowed);
  EXPECT_TRUE(limiter.hit("ip:2", 3).allowed);  // other keys are unaffected
  clock.advance(std::chrono::seconds(45));      // the next window
  EXPECT_TRUE(limiter.hit("ip:1", 3).allowed);
}

TEST(MemoryRateLimiter, StaysBoundedUnderAFloodOfKeys) {
  ManualClock clock(from_unix_millis(0));
  MemoryRateLimiter limiter(clock, std::chrono::seconds(60), 3200);
  for (int i = 0; i < 100'000; ++i) limiter.hit("ip:" + std::to_string(i), 10);
  // No crash and still counting: a key seen again in the same window continues from where it was or anew.
  EXPECT_TRUE(limiter.hit("ip:42", 10).allowed);
}

TEST(RateLimitMiddleware, LimitsAnonymousClientsByIpAndAddsHeaders) {
  ManualClock clock(from_unix_millis(0));
  MemoryRateLimiter limiter(clock, std::chrono::seconds(60));
  FakeAuthenticator authenticator;
  PipelineHarness harness;
  harness.use(std::make_unique<RateLimitMiddleware>(limiter, authenticator, RateLimits{2, 100}));
  auto route = make_route(answer(200));
  for (int i = 0; i < 2; ++i) {
    auto request = harness.request(Method::Get, "/api/things");
    request.route = &route;
    const auto response = harness.send(request);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("RateLimit-Limit"), "2");
    EXPECT_EQ(response.header("RateLimit-Remaining"), std::to_string(1 - i));
    EXPECT_EQ(response.header("RateLimit-Reset"), "60");
  }
  auto over = harness.request(Method::Get, "/api/things");
  over.route = &route;
  const auto refused = harness.send(over);
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.header("Retry-After"), "60");
  EXPECT_EQ(refused.header("RateLimit-Remaining"), "0");
}

TEST(RateLimitMiddleware, LimitsAuthenticatedUsersSeparatelyAndSkipsNonApiPaths) {
  ManualClock clock(from_unix_millis(0));
  MemoryRateLimiter limiter(clock, std::chrono::seconds(60));
  FakeAuthenticator authenticator;
  PipelineHarness harness;
  harness.use(std::make_unique<RateLimitMiddleware>(limiter, authenticator, RateLimits{1, 5}));
  auto route = make_route(answer(200));
  auto anonymous = harness.request(Method::Get, "/api/things");
  anonymous.route = &route;
  EXPECT_EQ(harness.send(anonymous).status, 200);
  auto user = harness.request(Method::Get, "/api/things", {{"Authorization", "Bearer customer"}});
  user.route = &route;
  const auto response = harness.send(user);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.header("RateLimit-Limit"), "5");
  auto health = harness.request(Method::Get, "/health");
  health.route = &route;
  const auto health_response = harness.send(health);
  EXPECT_EQ(health_response.status, 200);
  EXPECT_FALSE(health_response.header("RateLimit-Limit"));
}

TEST(RateLimitMiddleware, CountsInvalidCredentialsAgainstTheIp) {
  ManualClock clock(from_unix_millis(0));
  MemoryRateLimiter limiter(clock, std::chrono::seconds(60));
  FakeAuthenticator authenticator;
  PipelineHarness harness;
  harness.use(std::make_unique<RateLimitMiddleware>(limiter, authenticator, RateLimits{1, 100}));
  auto route = make_route(answer(200));
  for (const auto* token : {"Bearer forged-1", "Bearer forged-2"}) {
    auto request = harness.request(Method::Get, "/api/things", {{"Authorization", token}});
    request.route = &route;
    harness.send(request);
  }
  EXPECT_FALSE(limiter.hit("ip:192.0.2.1", 1).allowed);
}

TEST(AuthMiddleware, EnforcesTheRoutesAccessRule) {
  FakeAuthenticator authenticator;
  PipelineHarness harness;
  harness.use(std::make_unique<AuthMiddleware>(authenticator));
  auto admin_only = make_route(answer(200), Access::roles_only({Role::Admin}));
  auto signed_in = make_route(answer(200), Access::authenticated());
  auto open = make_route(answer(200), Access::public_route());
  const auto status = [&](Route& route, std::vector<std::pair<std::string, std::string>> headers) {
    auto request = harness.request(Method::Get, "/api/things", std::move(headers));
    request.route = &route;
    return harness.send(request).status;
  };
  EXPECT_EQ(status(admin_only, {}), 401);
  EXPECT_EQ(status(admin_only, {{"Authorization", "Bearer customer"}}), 403);
  EXPECT_EQ(status(admin_only, {{"Authorization", "Bearer admin"}}), 200);
  EXPECT_EQ(status(signed_in, {}), 401);
  EXPECT_EQ(status(signed_in, {{"Authorization", "Bearer customer"}}), 200);
  EXPECT_EQ(status(open, {}), 200);
  EXPECT_EQ(status(open, {{"Authorization", "Bearer forged"}}), 200);  // public: a bad token counts as none
}

TEST(AuthMiddleware, LeavesRoutesWithTheirOwnCredentialsAlone) {
  FakeAuthenticator authenticator;
  PipelineHarness harness;
  harness.use(std::make_unique<AuthMiddleware>(authenticator));
  auto metrics = make_route(answer(200), Access::own_credentials());
  auto request = harness.request(Method::Get, "/metrics", {{"Authorization", "Bearer metrics-token"}});
  request.route = &metrics;
  EXPECT_EQ(harness.send(request).status, 200);
  EXPECT_EQ(authenticator.calls, 0);
}

TEST(AuthMiddleware, ChecksCredentialsOnceWhenRateLimitAlreadyDid) {
  ManualClock clock(from_unix_millis(0));
  MemoryRateLimiter limiter(clock, std::chrono::seconds(60));
  FakeAuthenticator authenticator;
  PipelineHarness harness;
  harness.use(std::make_unique<RateLimitMiddleware>(limiter, authenticator, RateLimits{10, 10}));
  harness.use(std::make_unique<AuthMiddleware>(authenticator));
  auto route = make_route(answer(200), Access::authenticated());
  auto request = harness.request(Method::Get, "/api/things", {{"Authorization", "Bearer admin"}});
  request.route = &route;
  EXPECT_EQ(harness.send(request).status, 200);
  EXPECT_EQ(authenticator.calls, 1);
}

TEST(Pipeline, TurnsProblemsIntoProblemJson) {
  PipelineHarness harness;
  auto route = make_route([](Request&) -> Result<Response> { return problems::not_found("No such thing."); });
  auto request = harness.request(Method::Get, "/api/things");
  request.route = &route;
  request.request_id = "req_1";
  const auto response = harness.send(request);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.header("Content-Type"), "application/problem+json");
  EXPECT_NE(response.body.find("\"detail\":\"No such thing.\""), std::string::npos);
  EXPECT_NE(response.body.find("\"requestId\":\"req_1\""), std::string::npos);
}

TEST(Pipeline, HidesExceptionsBehindA500) {
  PipelineHarness harness;
  auto route = make_route([](Request&) -> Result<Response> { throw std::runtime_error("SELECT secret FROM /etc/x"); });
  auto request = harness.request(Method::Get, "/api/things");
  request.route = &route;
  const auto response = harness.send(request);
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
  EXPECT_EQ(response.body.find("/etc"), std::string::npos);
}

TEST(Pipeline, AnswersOutagesWith503) {
  PipelineHarness harness;
  auto route = make_route([](Request&) -> Result<Response> {
    throw UnavailableError("connection refused to 10.0.0.5:5432", "The database is unavailable.");
  });
  auto request = harness.request(Method::Get, "/api/things");
  request.route = &route;
  const auto response = harness.send(request);
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.header("Retry-After"), "1");
  EXPECT_EQ(response.body.find("10.0.0.5"), std::string::npos);
}

TEST(Pipeline, Answers404And405WithoutARoute) {
  PipelineHarness harness;
  auto unknown = harness.request(Method::Get, "/api/nothing");
  EXPECT_EQ(harness.send(unknown).status, 404);
  auto wrong_method = harness.request(Method::Post, "/health");
  wrong_method.allowed_methods = "GET, HEAD, OPTIONS";
  const auto response = harness.send(wrong_method);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.header("Allow"), "GET, HEAD, OPTIONS");
}

TEST(MetricsMiddleware, CountsByRouteAndStatus) {
  Router router;
  const auto& route = router.add(make_route(answer(201)));
  HttpMetrics metrics(router);
  PipelineHarness harness;
  harness.use(std::make_unique<MetricsMiddleware>(metrics));
  for (int i = 0; i < 3; ++i) {
    auto request = harness.request(Method::Get, "/api/things");
    request.route = &route;
    harness.send(request);
  }
  auto unmatched = harness.request(Method::Get, "/nowhere");
  harness.send(unmatched);
  EXPECT_EQ(metrics.count(&route, 201), 3u);
  EXPECT_EQ(metrics.count(nullptr, 404), 1u);
  std::string text;
  metrics.write_prometheus(text);
  EXPECT_NE(text.find("emporium_http_requests_total{method=\"GET\",route=\"/api/things\",status=\"201\"} 3"),
            std::string::npos);
  EXPECT_NE(
      text.find("emporium_http_request_duration_seconds_count{method=\"GET\",route=\"/api/things\",status=\"201\"} 3"),
      std::string::npos);
}

}  // namespace
}  // namespace emporium::http
