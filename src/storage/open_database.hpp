#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "storage/database.hpp"

namespace emporium::storage {

struct DatabaseSettings {
  std::string url;  // sqlite://path/to/file.db or postgres://…
  std::size_t pool_size = 16;
  std::chrono::milliseconds pool_timeout{2000};
  std::chrono::milliseconds statement_timeout{5000};
};

// Opens the backend the URL names. Throws std::runtime_error with a one-line reason for a bad URL.
std::unique_ptr<Database> open_database(const DatabaseSettings& settings);
// "sqlite://data/emporium.db" → "data/emporium.db"; empty when the URL is not a SQLite URL.
std::string sqlite_path(std::string_view url);

}  // namespace emporium::storage
