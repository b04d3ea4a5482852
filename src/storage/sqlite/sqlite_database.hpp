#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "storage/pooled_database.hpp"

namespace emporium::storage {

struct SqliteOptions {
  std::string path;  // the database file; created when missing
  std::chrono::milliseconds busy_timeout{5000};
  PoolOptions pool;
};

// SQLite in WAL mode: many readers alongside one writer, each pooled connection with its own cache of
// prepared statements. Write transactions take the lock at BEGIN (IMMEDIATE) and wait up to the busy
// timeout for it.
std::unique_ptr<Database> open_sqlite(const SqliteOptions& options);

// "$1 … $12" → "?1 … ?12" outside string literals, identifiers and comments (exposed for tests).
std::string translate_placeholders(std::string_view sql);

}  // namespace emporium::storage
