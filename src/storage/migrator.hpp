#pragma once

#include <span>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/embedded_file.hpp"

namespace emporium::storage {

struct AppliedMigration {
  int version = 0;
  std::string name;
};

// Applies numbered migrations ("0003_orders.sql") in order, each in its own transaction, and records them in
// schema_migrations with a checksum. Refuses to run when an applied migration's file has since changed.
// Safe when several nodes start at once (PostgreSQL: an advisory lock; SQLite: the write lock).
class Migrator {
 public:
  Migrator(Database& database, std::span<const EmbeddedFile> files, const Clock& clock);
  // Returns the migrations applied by this call. Throws std::runtime_error with a one-line reason.
  std::vector<AppliedMigration> migrate();

 private:
  Database& database_;
  std::span<const EmbeddedFile> files_;
  const Clock& clock_;
};

// The migrations compiled into the binary for a backend, in version order.
std::span<const EmbeddedFile> migrations_for(Backend backend);

}  // namespace emporium::storage
