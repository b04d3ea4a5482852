#include "storage/migrator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <stdexcept>

#include "support/log.hpp"

namespace emporium::migrations_sqlite {
std::span<const EmbeddedFile> all();
}
namespace emporium::migrations_postgres {
std::span<const EmbeddedFile> all();
}

namespace emporium::storage {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)";
constexpr std::string_view kSelectApplied = "SELECT version, name, checksum FROM schema_migrations ORDER BY version";
constexpr std::string_view kInsertApplied =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kIsApplied = "SELECT 1 FROM schema_migrations WHERE version = $1";
// Serialises concurrent migrators on PostgreSQL until the end of the transaction.
constexpr std::string_view kPostgresLock = "SELECT pg_advisory_xact_lock(72150331)";

struct MigrationFile {
  int version = 0;
  std::string name;
  std::string_view sql;
  std::string checksum;
};

std::string checksum_of(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a: detects edits, not an adversary
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return fmt::format("{:016x}", hash);
}

MigrationFile parse_file(const EmbeddedFile& file) {
  const auto base = file.path.substr(file.path.find_last_of('/') + 1);
  int version = 0;
  const auto [end, error] = std::from_chars(base.data(), base.data() + base.size(), version);
  if (error != std::errc() || version <= 0 || *end != '_' || !base.ends_with(".sql"))
    throw std::runtime_error("migration file name must look like 0001_name.sql: " + std::string(file.path));
  const auto name_start = static_cast<std::size_t>(end - base.data()) + 1;
  return {version, std::string(base.substr(name_start, base.size() - name_start - 4)), file.content,
          checksum_of(file.content)};
}

}  // namespace

std::span<const EmbeddedFile> migrations_for(Backend backend) {
  return backend == Backend::Sqlite ? migrations_sqlite::all() : migrations_postgres::all();
}

Migrator::Migrator(Database& database, std::span<const EmbeddedFile> files, const Clock& clock)
    : database_(database), files_(files), clock_(clock) {}

std::vector<AppliedMigration> Migrator::migrate() {
  std::vector<MigrationFile> files;
  for (const auto& file : files_) files.push_back(parse_file(file));
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < files.size(); ++i) {
    if (files[i].version == files[i - 1].version)
      throw std::runtime_error(fmt::format("two migrations have version {}", files[i].version));
  }

  database_.with_connection([](Connection& connection) { connection.execute_script(kCreateTable); });
  std::map<int, std::string> applied_checksums;
  database_.with_connection([&](Connection& connection) {
    for (const auto row : connection.query(kSelectApplied)) {
      applied_checksums[static_cast<int>(row.integer(0))] = row.text(2);
    }
  });

  std::vector<AppliedMigration> applied;
  for (const auto& file : files) {
    if (const auto found = applied_checksums.find(file.version); found != applied_checksums.end()) {
      if (found->second != file.checksum)
        throw std::runtime_error(
            fmt::format("migration {:04}_{} changed after it was applied; add a new migration "
                        "instead of editing an applied one",
                        file.version, file.name));
      continue;
    }
    try {
      bool ran = false;
      database_.transaction(TxMode::Write, [&](Connection& connection) {
        if (database_.backend() == Backend::Postgres) connection.query(kPostgresLock);
        ran = false;
        if (!connection.query(kIsApplied, {std::int64_t{file.version}}).empty()) return true;  // another node did it
        connection.execute_script(file.sql);
        connection.execute(kInsertApplied, {std::int64_t{file.version}, std::string_view(file.name),
                                            std::string_view(file.checksum), to_unix_millis(clock_.now())});
        ran = true;
        return true;
      });
      if (ran) {
        log::info("migration applied", {{"version", file.version}, {"name", file.name}});
        applied.push_back({file.version, file.name});
      }
    } catch (const std::exception& e) {
      throw std::runtime_error(fmt::format("migration {:04}_{} failed: {}", file.version, file.name, e.what()));
    }
  }
  return applied;
}

}  // namespace emporium::storage
