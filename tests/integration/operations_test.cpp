// The operations routes and the behaviour every response shares: /health, /ready, /metrics, the OpenAPI
// document, /docs, 404/405/OPTIONS, security headers, request ids and the access log.
#include <gtest/gtest.h>

#include "assertions.hpp"
#include "server_process.hpp"

namespace emporium::testing {
namespace {

TEST(Operations, HealthAnswersJsonOk) {
  ServerProcess server;
  auto client = server.client();
  const auto response = client.get("/health");
  EXPECT_EQ(response.status, 200) << response.describe();
  EXPECT_EQ(response.header("Content-Type"), "application/json");
  EXPECT_EQ(response.json(), boost::json::value({{"status", "ok"}}));
}

TEST(Operations, HeadHasContentLengthAndNoBody) {
  ServerProcess server;
  auto connection = server.connect();
  // HEAD then GET in one write: if HEAD sent a body, it would be read as the start of the GET's answer.
  connection.send("HEAD /health HTTP/1.1\r\nHost: t\r\n\r\nGET /health HTTP/1.1\r\nHost: t\r\n\r\n");
  const auto head = connection.read_response(kIoTimeout, /*to_head=*/true);
  const auto get = connection.read_response();
  EXPECT_EQ(head.status, 200) << head.describe();
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.header("Content-Length"), std::to_string(get.body.size()));
  EXPECT_EQ(get.status, 200) << get.describe();
  EXPECT_EQ(get.body, R"({"status":"ok"})");
}

TEST(Operations, ReadyReportsTheDatabase) {
  ServerProcess server;
  auto client = server.client();
  const auto response = client.get("/ready");
  ASSERT_EQ(response.status, 200) << response.describe();
  EXPECT_EQ(str(response.json_object().at("status")), "ready");
}

TEST(Operations, ServesFromTheChosenBackend) {
  ServerProcess server;
  const auto serving = server.wait_for_log(log_message_is("serving"));
  ASSERT_TRUE(serving) << server.output();
  EXPECT_EQ(str(serving->at("database")), to_string(server.backend()));
}

TEST(Operations, UnknownApiRouteIsProblem404) {
  ServerProcess server;
  auto client = server.client();
  const auto response = client.get("/api/no-such-thing");
  EXPECT_TRUE(is_problem(response, 404, "not_found"));
  EXPECT_EQ(str(response.json_object().at("type")), "/problems/not-found");
}

TEST(Operations, WrongMethodIs405WithAllow) {
  ServerProcess server;
  auto client = server.client();
  const auto response = client.request("POST", "/health", {{"Content-Type", "application/json"}}, "{}");
  EXPECT_TRUE(is_problem(response, 405, "method_not_allowed"));
  EXPECT_EQ(response.header("Allow"), "GET, HEAD, OPTIONS");
}

TEST(Operations, OptionsAnswers204WithAllow) {
  ServerProcess server;
  auto client = server.client();
  const auto response = client.request("OPTIONS", "/health");
  EXPECT_EQ(response.status, 204) << response.describe();
  EXPECT_EQ(response.header("Allow"), "GET, HEAD, OPTIONS");
  EXPECT_TRUE(response.body.empty());
}

TEST(Operations, SecurityHeadersOnSuccessAndOnProblems) {
  ServerProcess server;
  auto client = server.client();
  for (const auto* target : {"/health", "/api/no-such-thing"}) {
    const auto response = client.get(target);
    EXPECT_EQ(response.header("X-Content-Type-Options"), "nosniff") << target;
    EXPECT_TRUE(icontains(response.header("Content-Security-Policy").value_or(""), "default-src 'none'")) << target;
    EXPECT_EQ(response.header("X-Frame-Options"), "DENY") << target;
    EXPECT_TRUE(response.has_header("Referrer-Policy")) << target;
  }
}

TEST(Operations, SaneRequestIdIsEchoed) {
  ServerProcess server;
  auto client = server.client();
  const auto response = client.get("/health", {{"X-Request-Id", "client-42_a.b:c"}});
  EXPECT_EQ(response.header("X-Request-Id"), "client-42_a.b:c");
}

TEST(Operations, UnsafeRequestIdIsReplaced) {
  ServerProcess server;
  auto client = server.client();
  for (const auto& sent : {std::string(300, 'a'), std::string("has spaces in it"), std::string("semi;colon")}) {
    const auto response = client.get("/api/no-such-thing", {{"X-Request-Id", sent}});
    const auto id = response.header("X-Request-Id").value_or("");
    EXPECT_FALSE(id.empty());
    EXPECT_NE(id, sent);
    EXPECT_EQ(str(response.json_object().at("requestId")), id);
  }
}

TEST(Operations, GeneratedRequestIdsDiffer) {
  ServerProcess server;
  auto client = server.client();
  const auto first = client.get("/health").header("X-Request-Id");
  const auto second = client.get("/health").header("X-Request-Id");
  ASSERT_TRUE(first && second);
  EXPECT_NE(*first, *second);
}

TEST(Operations, OpenApiDocumentIsJson31DescribingTheRoutes) {
  ServerProcess server;
  auto client = server.client();
  const auto response = client.get("/api/openapi.json");
  ASSERT_EQ(response.status, 200) << response.describe();
  EXPECT_TRUE(response.header("Content-Type").value_or("").starts_with("application/json"));
  const auto document = response.json_object();
  ASSERT_TRUE(document.contains("openapi") && document.at("openapi").is_string());
  EXPECT_TRUE(document.at("openapi").as_string().starts_with("3.1")) << document.at("openapi");
  ASSERT_TRUE(document.contains("paths") && document.at("paths").is_object());
  for (const auto* path : {"/health", "/ready", "/metrics", "/api/openapi.json"}) {
    EXPECT_TRUE(document.at("paths").as_object().contains(path)) << path << " is not in the spec";
  }
}

TEST(Operations, DocsServeHtmlAndSwaggerAssets) {
  ServerProcess server;
  auto client = server.client();
  const auto page = client.get("/docs");
  EXPECT_EQ(page.status, 200) << page.describe();
  EXPECT_TRUE(page.header("Content-Type").value_or("").starts_with("text/html"));
  EXPECT_TRUE(icontains(page.body, "<html"));
  const auto bundle = client.get("/docs/swagger-ui-bundle.js");
  EXPECT_EQ(bundle.status, 200);
  EXPECT_TRUE(icontains(bundle.header("Content-Type").value_or(""), "javascript"));
  EXPECT_GT(bundle.body.size(), 100'000u);
  EXPECT_TRUE(is_problem(client.get("/docs/no-such-file.js"), 404, "not_found"));
}

TEST(Operations, AccessLogHasOneLinePerRequest) {
  ServerProcess server;
  auto client = server.client();
  client.get("/health", {{"X-Request-Id", "log-check-1"}});
  client.get("/api/no-such-thing", {{"X-Request-Id", "log-check-2"}});
  const auto for_id = [](const char* id) {
    return [id](const boost::json::object& record) {
      return log_message_is("request")(record) && record.contains("requestId") && str(record.at("requestId")) == id;
    };
  };
  const auto health = server.wait_for_log(for_id("log-check-1"));
  ASSERT_TRUE(health) << server.output();
  EXPECT_EQ(str(health->at("method")), "GET");
  EXPECT_EQ(str(health->at("route")), "/health");
  EXPECT_EQ(str(health->at("status")), "200");
  EXPECT_TRUE(health->contains("durationMs"));
  const auto missing = server.wait_for_log(for_id("log-check-2"));
  ASSERT_TRUE(missing) << server.output();
  EXPECT_EQ(str(missing->at("status")), "404");
  EXPECT_EQ(str(missing->at("path")), "/api/no-such-thing");
  const auto records = server.log_records();
  EXPECT_EQ(std::count_if(records.begin(), records.end(), for_id("log-check-1")), 1);
}

TEST(Operations, MetricsInPrometheusText) {
  ServerProcess server;
  auto client = server.client();
  ASSERT_EQ(client.get("/health").status, 200);
  const auto response = client.get("/metrics");
  ASSERT_EQ(response.status, 200) << response.describe();
  EXPECT_TRUE(response.header("Content-Type").value_or("").starts_with("text/plain; version=0.0.4"));
  const auto health_count =
      prometheus_sample(response.body, "emporium_http_requests_total", {"route=\"/health\"", "status=\"200\""});
  ASSERT_TRUE(health_count) << response.body;
  EXPECT_GE(*health_count, 1.0);
  EXPECT_GT(prometheus_sample(response.body, "process_resident_memory_bytes").value_or(0), 0.0);
  const std::string backend_label = std::string("backend=\"") + to_string(server.backend()) + "\"";
  EXPECT_TRUE(prometheus_sample(response.body, "emporium_db_pool_connections", {backend_label})) << response.body;
}

TEST(Operations, MetricsTokenGuardsMetrics) {
  ServerProcess server(EnvVars{{"EMPORIUM_METRICS_TOKEN", "s3cret-token"}});
  auto client = server.client();
  EXPECT_TRUE(is_problem(client.get("/metrics"), 401, "unauthorized"));
  EXPECT_TRUE(is_problem(client.get("/metrics", {{"Authorization", "Bearer wrong"}}), 401, "unauthorized"));
  const auto allowed = client.get("/metrics", {{"Authorization", "Bearer s3cret-token"}});
  EXPECT_EQ(allowed.status, 200) << allowed.describe();
  EXPECT_NE(allowed.body.find("process_resident_memory_bytes"), std::string::npos);
}

}  // namespace
}  // namespace emporium::testing
