#pragma once

#include <string>

#include "http/router.hpp"
#include "operations/metrics_registry.hpp"
#include "storage/database.hpp"

namespace emporium::operations {

struct OperationsSettings {
  std::string metrics_token;  // when set, GET /metrics requires "Authorization: Bearer <token>"
};

// GET /health, /ready, /metrics, /api/openapi.json, /docs and its assets.
void register_operations_routes(http::Router& router, storage::Database& database, const MetricsRegistry& metrics,
                                OperationsSettings settings);

// The OpenAPI document compiled into the binary (JSON).
std::string_view openapi_document();

}  // namespace emporium::operations
