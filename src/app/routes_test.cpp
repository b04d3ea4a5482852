// The OpenAPI document compiled into the binary against the real route table: a route cannot exist without
// its contract, nor the contract describe a route that does not exist. Also checks what every operation must
// say (operationId, a success, a problem response) and that the error model in the document is the server's.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_to.hpp>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "app/application.hpp"
#include "http/problem_response.hpp"
#include "operations/operations_routes.hpp"
#include "support/random.hpp"

namespace emporium::app {
namespace {
namespace json = boost::json;
using Names = std::set<std::string>;

constexpr std::string_view kProblemSchema = "#/components/schemas/Problem";
constexpr std::string_view kProblemMediaType = "application/problem+json";
// OpenAPI path item keys that are operations.
constexpr std::string_view kOperationKeys[] = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

// The application on a SQLite database in its own temporary directory, removed afterwards.
class TempApplication {
 public:
  TempApplication()
      : dir_(std::filesystem::temp_directory_path() / fmt::format("emporium-routes-{:016x}", random_u64())) {
    Config config;
    config.data_dir = dir_.string();
    config.database_url = "sqlite://" + (dir_ / "emporium.db").string();
    config.password_hash_memory_kib = 8;
    config.password_hash_iterations = 1;
    application_ = std::make_unique<Application>(config);
    application_->open_and_migrate();
  }
  ~TempApplication() {
    application_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  TempApplication(const TempApplication&) = delete;
  TempApplication& operator=(const TempApplication&) = delete;
  Application& get() { return *application_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<Application> application_;
};

// "/api/products/:id/variants/:variantId" → "/api/products/{id}/variants/{variantId}".
std::string to_openapi_path(std::string_view route) {
  std::string out;
  std::size_t start = 0;
  while (start < route.size()) {
    const auto end = std::min(route.find('/', start + 1), route.size());
    const auto segment = route.substr(start, end - start);  // "/name" or "/:name"
    out += segment.starts_with("/:") ? "/{" + std::string(segment.substr(2)) + "}" : std::string(segment);
    start = end;
  }
  return out.empty() ? "/" : out;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return out;
}

// "GET /docs/{file}" for every route of the server's real route table.
Names router_operations() {
  TempApplication application;
  operations::MetricsRegistry metrics;
  http::Router router;
  application.get().register_routes(router, metrics);
  Names out;
  for (const auto& route : router.routes())
    out.insert(std::string(http::to_string(route->method)) + " " + to_openapi_path(route->path));
  return out;
}

// The document the binary serves at /api/openapi.json, parsed once.
const json::value& served_document() {
  static const json::value parsed = json::parse(operations::openapi_document());
  return parsed;
}

struct Operation {
  std::string name;  // "GET /docs/{file}"
  const json::object* path_item;
  const json::object* operation;
};

std::vector<Operation> operations_of(const json::value& document) {
  std::vector<Operation> out;
  const auto* paths = document.is_object() ? document.as_object().if_contains("paths") : nullptr;
  if (!paths || !paths->is_object()) return out;
  for (const auto& [path, item] : paths->as_object()) {
    if (!item.is_object()) continue;
    for (const auto key : kOperationKeys) {
      if (const auto* operation = item.as_object().if_contains(key); operation && operation->is_object())
        out.push_back({upper(key) + " " + std::string(path), &item.as_object(), &operation->as_object()});
    }
  }
  return out;
}

// Resolves a local reference ("#/components/responses/NotFound") in `document`; null when it points nowhere.
const json::value* resolve(const json::value& document, std::string_view ref) {
  if (!ref.starts_with("#/")) return nullptr;
  const json::value* at = &document;
  std::size_t start = 2;
  while (at && start <= ref.size()) {
    const auto end = std::min(ref.find('/', start), ref.size());
    std::string token;  // JSON Pointer escapes: "~1" is "/", "~0" is "~"
    for (std::size_t i = start; i < end; ++i) {
      if (ref[i] == '~' && i + 1 < end && (ref[i + 1] == '0' || ref[i + 1] == '1')) {
        token += ref[++i] == '1' ? '/' : '~';
      } else {
        token += ref[i];
      }
    }
    at = at->is_object() ? at->as_object().if_contains(token) : nullptr;
    start = end + 1;
  }
  return at;
}

// Follows `$ref` until an object that is not a reference (at most a few hops).
const json::object* deref(const json::value& document, const json::value& value) {
  const json::value* at = &value;
  for (int hops = 0; at && at->is_object() && hops < 8; ++hops) {
    const auto* ref = at->as_object().if_contains("$ref");
    if (!ref || !ref->is_string()) return &at->as_object();
    at = resolve(document, ref->as_string());
  }
  return nullptr;
}

bool is_problem_response(const json::value& document, const json::value& response) {
  const auto* resolved = deref(document, response);
  const auto* content = resolved ? resolved->if_contains("content") : nullptr;
  if (!content || !content->is_object()) return false;
  const auto* media = content->as_object().if_contains(kProblemMediaType);
  const auto* schema = media && media->is_object() ? media->as_object().if_contains("schema") : nullptr;
  const auto* ref = schema && schema->is_object() ? schema->as_object().if_contains("$ref") : nullptr;
  return ref && ref->is_string() && ref->as_string() == kProblemSchema;
}

// What one operation lacks: an operationId, a 2xx/3xx response, a problem response (unless exempt).
Names operation_findings(const json::value& document, const Names& exempt_from_problem) {
  Names findings;
  Names ids;
  for (const auto& [name, path_item, operation] : operations_of(document)) {
    const auto* id = operation->if_contains("operationId");
    if (!id || !id->is_string() || id->as_string().empty()) findings.insert(name + ": no operationId");
    if (id && id->is_string() && !ids.insert(std::string(id->as_string())).second)
      findings.insert(name + ": operationId " + std::string(id->as_string()) + " is used twice");

    bool success = false;
    bool problem = false;
    if (const auto* responses = operation->if_contains("responses"); responses && responses->is_object()) {
      for (const auto& [status, response] : responses->as_object()) {
        if (status.starts_with("2") || status.starts_with("3")) success = true;
        const bool error = status.starts_with("4") || status.starts_with("5") || status == "default";
        if (error && is_problem_response(document, response)) problem = true;
      }
    }
    if (!success) findings.insert(name + ": no 2xx or 3xx response");
    if (!problem && !exempt_from_problem.contains(name)) {
      findings.insert(name + ": no 4xx, 5xx or default response with an " + std::string(kProblemMediaType) +
                      " body of " + std::string(kProblemSchema));
    }
  }
  return findings;
}

// Path parameters of an operation's path that are not declared as required `in: path` parameters.
Names undeclared_path_parameters(const json::value& document) {
  Names findings;
  for (const auto& [name, path_item, operation] : operations_of(document)) {
    Names declared;
    for (const auto* owner : {path_item, operation}) {
      const auto* parameters = owner->if_contains("parameters");
      if (!parameters || !parameters->is_array()) continue;
      for (const auto& parameter : parameters->as_array()) {
        const auto* resolved = deref(document, parameter);
        const auto* in = resolved ? resolved->if_contains("in") : nullptr;
        const auto* required = resolved ? resolved->if_contains("required") : nullptr;
        const auto* parameter_name = resolved ? resolved->if_contains("name") : nullptr;
        if (in && in->is_string() && in->as_string() == "path" && required && required->is_bool() &&
            required->as_bool() && parameter_name && parameter_name->is_string())
          declared.insert(std::string(parameter_name->as_string()));
      }
    }
    const std::string_view path = std::string_view(name).substr(name.find(' ') + 1);
    for (auto open = path.find('{'); open != std::string_view::npos; open = path.find('{', open + 1)) {
      const auto parameter = std::string(path.substr(open + 1, path.find('}', open) - open - 1));
      if (!declared.contains(parameter)) findings.insert(name + ": {" + parameter + "}");
    }
  }
  return findings;
}

Names without(const Names& all, const Names& removed) {
  Names out;
  std::set_difference(all.begin(), all.end(), removed.begin(), removed.end(), std::inserter(out, out.end()));
  return out;
}

Names operation_names(const json::value& document) {
  Names out;
  for (const auto& operation : operations_of(document)) out.insert(operation.name);
  return out;
}

std::string listed(const Names& names) {
  std::string out;
  for (const auto& name : names) out += "\n  " + name;
  return out;
}

void collect_refs(const json::value& value, Names& refs) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.as_object()) {
      if (key == "$ref" && child.is_string()) refs.insert(std::string(child.as_string()));
      collect_refs(child, refs);
    }
  } else if (value.is_array()) {
    for (const auto& child : value.as_array()) collect_refs(child, refs);
  }
}

TEST(OpenApiDocument, IsOpenApi31) {
  const auto& document = served_document().as_object();
  const auto* version = document.if_contains("openapi");
  ASSERT_TRUE(version && version->is_string()) << "the embedded document has no `openapi` field";
  EXPECT_TRUE(version->as_string().starts_with("3.1.")) << version->as_string();
  const auto* info = document.if_contains("info");
  ASSERT_TRUE(info && info->is_object());
  EXPECT_EQ(json::value_to<std::string>(info->as_object().at("version")), "0.1.0");
}

TEST(OpenApiDocument, DescribesExactlyTheRoutesOfTheServer) {
  const auto routes = router_operations();
  const auto documented = operation_names(served_document());
  EXPECT_FALSE(routes.empty());
  EXPECT_EQ(without(routes, documented), Names{})
      << "routes the server has but openapi/openapi.yaml does not describe:" << listed(without(routes, documented));
  EXPECT_EQ(without(documented, routes), Names{})
      << "operations openapi/openapi.yaml describes but the server has no route for (HEAD and OPTIONS are "
         "answered by the server on every path; do not list them):"
      << listed(without(documented, routes));
}

TEST(OpenApiDocument, EveryOperationHasAnIdASuccessAndAProblemResponse) {
  // A liveness probe may have nothing to refuse.
  const auto findings = operation_findings(served_document(), {"GET /health"});
  EXPECT_EQ(findings, Names{}) << "operations that are incomplete:" << listed(findings);
}

TEST(OpenApiDocument, DeclaresEveryPathParameter) {
  const auto findings = undeclared_path_parameters(served_document());
  EXPECT_EQ(findings, Names{}) << "path parameters not declared as required `in: path` parameters:" << listed(findings);
}

TEST(OpenApiDocument, EveryReferenceResolves) {
  Names refs;
  collect_refs(served_document(), refs);
  EXPECT_FALSE(refs.empty());
  for (const auto& ref : refs) EXPECT_NE(resolve(served_document(), ref), nullptr) << "dangling $ref " << ref;
}

// The Problem schema must describe the bodies the one problem writer produces.
TEST(OpenApiDocument, ProblemSchemaMatchesTheServersProblemBodies) {
  const auto* schema = resolve(served_document(), kProblemSchema);
  ASSERT_TRUE(schema && schema->is_object());
  const auto& properties = schema->as_object().at("properties").as_object();
  const auto& required = schema->as_object().at("required").as_array();

  for (const auto& problem : {problems::validation_failed({{"price", "must be ≥ 0"}}), problems::not_found()}) {
    const auto response = http::problem_response(problem, "req_01KB2F6XWQ3Y9M8R5T7V4N2P1H");
    EXPECT_EQ(response.header("Content-Type").value_or(""), kProblemMediaType);
    const auto body = json::parse(response.body).as_object();
    for (const auto& [key, value] : body)
      EXPECT_TRUE(properties.contains(key)) << "the server sends `" << key << "` but Problem does not describe it";
    for (const auto& key : required) {
      EXPECT_TRUE(body.contains(key.as_string()))
          << "Problem requires `" << key.as_string() << "` but the server did not send it in " << response.body;
    }
  }
}

// x-error-codes (mirrored by the table in info.description) lists every problem the server can produce today
// with its status and title. Domain conflict codes (problems::conflict) join as the domains land.
TEST(OpenApiDocument, ErrorCodesAreTheServers) {
  const std::vector<Problem> server = {
      problems::bad_request(""),
      problems::malformed_json(""),
      problems::invalid_query({}),
      problems::unauthorized(),
      problems::forbidden(),
      problems::not_found(),
      problems::method_not_allowed("GET"),
      problems::request_timeout(),
      problems::precondition_failed(""),
      problems::payload_too_large(1),
      problems::unsupported_media_type(""),
      problems::validation_failed({}),
      problems::rate_limited(1),
      problems::header_too_large(1),
      problems::internal_error(),
      problems::service_unavailable(""),
  };
  const auto* listed_codes = served_document().as_object().if_contains("x-error-codes");
  ASSERT_TRUE(listed_codes && listed_codes->is_array()) << "openapi/openapi.yaml has no x-error-codes list";

  Names documented;
  for (const auto& entry : listed_codes->as_array()) {
    documented.insert(json::value_to<std::string>(entry.at("code")) + " " +
                      std::to_string(entry.at("status").to_number<int>()) + " " +
                      json::value_to<std::string>(entry.at("title")));
  }
  Names produced;
  for (const auto& problem : server)
    produced.insert(problem.code + " " + std::to_string(problem.status) + " " + problem.title);

  EXPECT_EQ(without(produced, documented), Names{})
      << "problems the server produces that x-error-codes lacks (code status title):"
      << listed(without(produced, documented));
  EXPECT_EQ(without(documented, produced), Names{})
      << "x-error-codes entries the server does not produce (code status title):"
      << listed(without(documented, produced));
}

TEST(OpenApiPath, ConvertsRouterParameters) {
  EXPECT_EQ(to_openapi_path("/health"), "/health");
  EXPECT_EQ(to_openapi_path("/docs/:file"), "/docs/{file}");
  EXPECT_EQ(to_openapi_path("/api/products/:id/variants/:variantId"), "/api/products/{id}/variants/{variantId}");
  EXPECT_EQ(to_openapi_path("/"), "/");
}

// The checks themselves, on a document that breaks every rule once.
TEST(OpenApiChecks, ReportWhatABrokenDocumentLacks) {
  const auto broken = json::parse(R"({
    "openapi": "3.1.0",
    "paths": {
      "/health": {"get": {"operationId": "getHealth", "responses": {"200": {"description": "ok"}}}},
      "/api/things/{id}": {
        "get": {"operationId": "getThing", "responses": {"404": {"$ref": "#/components/responses/NotFound"}}},
        "delete": {"operationId": "getThing", "responses": {"204": {"description": "gone"},
                   "404": {"description": "not a problem body"}}},
        "head": {"responses": {"200": {"description": "ok"}, "default": {"$ref": "#/components/responses/Gone"}}}
      }
    },
    "components": {"responses": {"NotFound": {"description": "no", "content": {"application/problem+json":
                   {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}
  })");

  EXPECT_EQ(without({"GET /health", "GET /api/things/{id}", "POST /api/things/{id}"}, operation_names(broken)),
            Names{"POST /api/things/{id}"});
  EXPECT_EQ(without(operation_names(broken), {"GET /health", "GET /api/things/{id}"}),
            (Names{"DELETE /api/things/{id}", "HEAD /api/things/{id}"}));
  EXPECT_EQ(operation_findings(broken, {"GET /health"}),
            (Names{"DELETE /api/things/{id}: no 4xx, 5xx or default response with an application/problem+json body "
                   "of #/components/schemas/Problem",
                   "DELETE /api/things/{id}: operationId getThing is used twice",
                   "GET /api/things/{id}: no 2xx or 3xx response",
                   "HEAD /api/things/{id}: no 4xx, 5xx or default response with an application/problem+json body of "
                   "#/components/schemas/Problem",
                   "HEAD /api/things/{id}: no operationId"}));
  EXPECT_EQ(undeclared_path_parameters(broken),
            (Names{"DELETE /api/things/{id}: {id}", "GET /api/things/{id}: {id}", "HEAD /api/things/{id}: {id}"}));
  EXPECT_EQ(resolve(broken, "#/components/responses/Gone"), nullptr);
  EXPECT_NE(resolve(broken, "#/components/responses/NotFound"), nullptr);
}

}  // namespace
}  // namespace emporium::app
