#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/method.hpp"
#include "http/principal.hpp"
#include "support/problem.hpp"

namespace emporium::http {

struct Route;

struct Header {
  std::string_view name;
  std::string_view value;
};

// The outcome of checking a request's credentials: nobody (anonymous), somebody, or a Problem (401).
using Identity = Result<std::optional<Principal>>;

// One HTTP request as handlers see it: no Beast types, views into the wire message that live as long as
// the request is being handled.
class Request {
 public:
  Method method = Method::Get;
  std::string_view method_text;  // as received, for logs
  std::string_view target;       // raw request-target, e.g. "/api/products?page=2"
  std::string path;              // decoded path, e.g. "/api/products"
  std::string_view raw_query;    // encoded query without "?"
  std::vector<Header> headers;
  std::string body;
  std::string client_ip;
  std::string request_id;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

  // Filled by the server from the router before the middleware chain runs.
  const Route* route = nullptr;
  std::vector<std::pair<std::string_view, std::string>> path_params;
  std::string allowed_methods;  // for 405 and OPTIONS when the path exists
  bool body_too_large = false;  // the body was not read because it exceeded the route's limit
  std::size_t body_limit = 0;

  // Set once per request by the first middleware that needs it (rate limit, then auth).
  std::optional<Identity> identity;

  std::optional<std::string_view> header(std::string_view name) const;  // case-insensitive
  // A path parameter by name (":id" in the route → "id"). Empty when the route has no such parameter.
  std::string_view param(std::string_view name) const;
  // The authenticated principal; only call on routes whose access rule requires one.
  const Principal& principal() const;
  const Principal* principal_or_null() const;
};

}  // namespace emporium::http
