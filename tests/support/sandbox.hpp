#pragma once
// What one emporium process needs of its own: a fresh data directory and a fresh database.

#include <filesystem>
#include <optional>
#include <string>

#include "environment.hpp"

namespace emporium::testing {

// A PostgreSQL database created for one test (CREATE DATABASE emporium_it_<random> against
// EMPORIUM_TEST_POSTGRES_URL) and dropped when this object goes away.
class PostgresDatabase {
 public:
  PostgresDatabase();  // throws when EMPORIUM_TEST_POSTGRES_URL is missing or the database cannot be made
  ~PostgresDatabase();
  PostgresDatabase(const PostgresDatabase&) = delete;
  PostgresDatabase& operator=(const PostgresDatabase&) = delete;

  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

// A directory under the system temp dir, removed with everything in it when this object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

class Sandbox {
 public:
  explicit Sandbox(Backend backend = test_backend());

  Backend backend() const { return backend_; }
  const std::filesystem::path& data_dir() const { return data_dir_.path(); }
  // EMPORIUM_DATA_DIR, and EMPORIUM_DATABASE_URL on PostgreSQL (SQLite uses its default file in the data dir).
  EnvVars env() const;

 private:
  Backend backend_;
  TempDir data_dir_;
  std::optional<PostgresDatabase> postgres_;
};

// Replaces the database name in a postgres:// URL (keeping any ?query).
std::string with_database_name(const std::string& url, const std::string& name);

}  // namespace emporium::testing
