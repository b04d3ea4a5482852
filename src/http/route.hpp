#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "http/method.hpp"
#include "http/principal.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "support/problem.hpp"

namespace emporium::http {

// Who may call a route. Every route declares one; the auth middleware enforces it.
struct Access {
  // OwnCredentials: the handler checks a credential of its own (the metrics token, a provider's signature);
  // the request's Authorization header is not an account's and is not looked at.
  enum class Kind { Public, Authenticated, Roles, OwnCredentials };
  Kind kind = Kind::Public;
  std::vector<Role> roles;

  static Access public_route() { return {Kind::Public, {}}; }
  static Access authenticated() { return {Kind::Authenticated, {}}; }
  static Access roles_only(std::vector<Role> allowed) { return {Kind::Roles, std::move(allowed)}; }
  static Access own_credentials() { return {Kind::OwnCredentials, {}}; }
  bool allows(Role role) const;
};

// Where the handler runs. Handlers are plain synchronous functions; the server keeps the I/O threads free
// by running anything that may wait elsewhere.
enum class Execution {
  Inline,    // never blocks: runs on the I/O thread (health, metrics, static documents)
  Database,  // talks to the database: inline on SQLite, on the blocking pool on PostgreSQL
  Cpu,       // seconds of CPU (password hashing, images, PDF): on the CPU pool
  Remote,    // calls another service (payment providers): on the blocking pool
};

using Handler = std::function<Result<Response>(Request&)>;

struct Route {
  Method method = Method::Get;
  std::string path;  // "/api/products/:id"
  Access access = Access::public_route();
  Handler handler;
  Execution execution = Execution::Database;
  std::size_t max_body_bytes = 0;  // 0: the server's default JSON limit
  std::size_t index = 0;           // assigned by the router; used for metrics
};

}  // namespace emporium::http
