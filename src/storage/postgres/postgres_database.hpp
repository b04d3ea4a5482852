#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "storage/pooled_database.hpp"

namespace emporium::storage {

struct PostgresOptions {
  std::string url;  // postgres://user:password@host:port/dbname?…
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds statement_timeout{5000};
  PoolOptions pool;
};

// PostgreSQL through libpq: a bounded pool of connections, each preparing a statement once and reusing it,
// text-format parameters typed by their C++ type, results converted to the same Cells SQLite gives
// (integers, booleans as 0/1, bytea as bytes). A connection broken by a server restart is dropped and
// replaced on the next request; while the server is away, queries fail fast with DatabaseUnavailable.
// Does not connect at construction, so the server starts (and answers /ready with 503) while it is down.
std::unique_ptr<Database> open_postgres(const PostgresOptions& options);

}  // namespace emporium::storage
