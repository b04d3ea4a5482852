#include "operations/operations_routes.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <span>

#include "support/crypto.hpp"
#include "support/embedded_file.hpp"

namespace emporium::web_assets {
std::optional<std::string_view> find(std::string_view path);
}
namespace emporium::swagger_assets {
std::optional<std::string_view> find(std::string_view path);
}
namespace emporium::docs_pages {
std::optional<std::string_view> find(std::string_view path);
}

namespace emporium::operations {
namespace {
using http::Access;
using http::Execution;
using http::Method;
using http::Request;
using http::Response;

constexpr std::string_view kDocsPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'";

std::string_view content_type_for(std::string_view file) {
  if (file.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (file.ends_with(".css")) return "text/css; charset=utf-8";
  if (file.ends_with(".png")) return "image/png";
  if (file.ends_with(".html")) return "text/html; charset=utf-8";
  return "application/octet-stream";
}

Response docs_file(std::string_view content, std::string_view file) {
  auto response = http::text_response(200, std::string(content_type_for(file)), std::string(content));
  response.set_header("Content-Security-Policy", std::string(kDocsPolicy));
  response.set_header("Cache-Control", "public, max-age=3600");
  return response;
}

Result<Response> health(Request&) { return http::json_response(200, boost::json::object{{"status", "ok"}}); }

Result<Response> ready(storage::Database& database) {
  if (!database.ping()) return problems::service_unavailable("The database is not reachable.");
  return http::json_response(
      200, boost::json::object{{"status", "ready"}, {"checks", boost::json::object{{"database", "ok"}}}});
}

Result<Response> metrics(const Request& request, const MetricsRegistry& registry, const std::string& token) {
  if (!token.empty()) {
    const auto sent = request.header("Authorization").value_or("");
    if (!constant_time_equals(sent, "Bearer " + token)) return problems::unauthorized("Send the metrics token.");
  }
  return http::text_response(200, "text/plain; version=0.0.4; charset=utf-8", registry.render());
}

Result<Response> docs_asset(const Request& request) {
  const auto file = request.param("file");
  if (const auto ours = docs_pages::find(file)) return docs_file(*ours, file);
  if (const auto swagger = swagger_assets::find(file)) return docs_file(*swagger, file);
  return problems::not_found("No such documentation file.");
}
}  // namespace

std::string_view openapi_document() { return web_assets::find("openapi.json").value_or("{}"); }

void register_operations_routes(http::Router& router, storage::Database& database, const MetricsRegistry& registry,
                                OperationsSettings settings) {
  router.add({.method = Method::Get,
              .path = "/health",
              .access = Access::public_route(),
              .handler = health,
              .execution = Execution::Inline});
  router.add({.method = Method::Get,
              .path = "/ready",
              .access = Access::public_route(),
              .handler = [&database](Request&) { return ready(database); },
              .execution = Execution::Database});
  router.add({.method = Method::Get,
              .path = "/metrics",
              .access = Access::own_credentials(),
              .handler = [&registry, token = settings.metrics_token](
                             Request& request) { return metrics(request, registry, token); },
              .execution = Execution::Inline});
  router.add({.method = Method::Get,
              .path = "/api/openapi.json",
              .access = Access::public_route(),
              .handler = [](Request&) -> Result<Response> {
                auto response = http::text_response(200, "application/json", std::string(openapi_document()));
                response.set_header("Cache-Control", "no-cache");
                return response;
              },
              .execution = Execution::Inline});
  router.add({.method = Method::Get,
              .path = "/docs",
              .access = Access::public_route(),
              .handler = [](Request&) -> Result<Response> {
                return docs_file(docs_pages::find("index.html").value_or(""), "index.html");
              },
              .execution = Execution::Inline});
  router.add({.method = Method::Get,
              .path = "/docs/:file",
              .access = Access::public_route(),
              .handler = docs_asset,
              .execution = Execution::Inline});
}

}  // namespace emporium::operations
