#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "storage/rows.hpp"
#include "storage/value.hpp"
#include "support/errors.hpp"
#include "support/metrics_source.hpp"

namespace emporium::storage {

enum class Backend { Sqlite, Postgres };
std::string_view to_string(Backend backend);

// Write: SQLite takes the write lock at BEGIN (BEGIN IMMEDIATE) so two writers never deadlock upgrading.
enum class TxMode { Read, Write };

// The database cannot be reached (down, restarting, pool exhausted): 503 for the client.
class DatabaseUnavailable : public UnavailableError {
 public:
  explicit DatabaseUnavailable(const std::string& internal)
      : UnavailableError(internal, "The database is unavailable. Try again shortly.") {}
};

// A statement broke a constraint. Domains prevent the expected ones (INSERT … ON CONFLICT DO NOTHING,
// conditional UPDATEs); one that still happens is a race they may map to 409.
class ConstraintViolation : public std::runtime_error {
 public:
  enum class Kind { Unique, ForeignKey, Check, NotNull, Other };
  ConstraintViolation(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// The transaction lost a race the database could not order (deadlock, serialization failure, SQLite busy):
// Database::transaction retries the whole body a few times, after a short random pause, before letting this
// escape — as a 503 for the client, whose retry will most likely go through.
class RetryableConflict : public UnavailableError {
 public:
  explicit RetryableConflict(const std::string& internal)
      : UnavailableError(internal, "The request collided with concurrent changes. Try again.") {}
};

// Any other SQL failure: a bug in a statement. Logged in full, 500 for the client.
class QueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A connection as domain stores see it. SQL uses PostgreSQL-style placeholders ($1, $2, …) on both
// backends; the SQLite backend translates them.
class Connection {
 public:
  virtual ~Connection() = default;

  virtual Rows query(std::string_view sql, std::span<const Param> params) = 0;
  // Returns the number of rows changed.
  virtual std::int64_t execute(std::string_view sql, std::span<const Param> params) = 0;
  // Several statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;

  Rows query(std::string_view sql, std::initializer_list<Param> params = {}) {
    return query(sql, std::span<const Param>(params.begin(), params.size()));
  }
  std::int64_t execute(std::string_view sql, std::initializer_list<Param> params = {}) {
    return execute(sql, std::span<const Param>(params.begin(), params.size()));
  }
};

struct PoolStats {
  std::size_t size = 0;  // connections open
  std::size_t in_use = 0;
  std::size_t capacity = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Backend backend() const = 0;
  // Runs `body` in a transaction on a pooled connection. Commits when it returns true, rolls back when it
  // returns false or throws (the exception then propagates). A RetryableConflict reruns the whole body
  // (up to 3 attempts), so bodies must not act outside the database.
  virtual void transaction(TxMode mode, const std::function<bool(Connection&)>& body) = 0;
  // Runs `work` on a pooled connection in autocommit mode (single statements, reads).
  virtual void with_connection(const std::function<void(Connection&)>& work) = 0;
  // True when a trivial query succeeds now (for /ready).
  virtual bool ping() = 0;
  virtual PoolStats pool_stats() const = 0;
  virtual const MetricsSource& metrics() const = 0;
};

// Runs `body(Connection&) -> Result<T>` in a transaction that commits only when the result holds a value.
template <class Body>
auto transact(Database& database, TxMode mode, Body&& body) -> std::invoke_result_t<Body&, Connection&> {
  std::optional<std::invoke_result_t<Body&, Connection&>> result;
  database.transaction(mode, [&](Connection& connection) {
    result.emplace(body(connection));
    return result->has_value();
  });
  return std::move(*result);
}

// Runs `work(Connection&)` on a pooled connection and returns what it returns.
template <class Work>
auto with_connection(Database& database, Work&& work) -> std::invoke_result_t<Work&, Connection&> {
  using Out = std::invoke_result_t<Work&, Connection&>;
  if constexpr (std::is_void_v<Out>) {
    database.with_connection([&](Connection& connection) { work(connection); });
  } else {
    std::optional<Out> out;
    database.with_connection([&](Connection& connection) { out.emplace(work(connection)); });
    return std::move(*out);
  }
}

}  // namespace emporium::storage
