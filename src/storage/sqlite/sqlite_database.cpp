#include "storage/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include <list>
#include <unordered_map>

namespace emporium::storage {
namespace {

constexpr std::size_t kStatementCacheSize = 256;

[[noreturn]] void throw_sqlite_error(sqlite3* db, int code, std::string_view context) {
  const std::string message =
      fmt::format("{}: {} (sqlite {})", context, db ? sqlite3_errmsg(db) : sqlite3_errstr(code), code);
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      throw ConstraintViolation(ConstraintViolation::Kind::Unique, message);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      throw ConstraintViolation(ConstraintViolation::Kind::ForeignKey, message);
    case SQLITE_CONSTRAINT_CHECK:
      throw ConstraintViolation(ConstraintViolation::Kind::Check, message);
    case SQLITE_CONSTRAINT_NOTNULL:
      throw ConstraintViolation(ConstraintViolation::Kind::NotNull, message);
    default:
      break;
  }
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      throw ConstraintViolation(ConstraintViolation::Kind::Other, message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw RetryableConflict(message);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
      throw DatabaseUnavailable(message);
    default:
      throw QueryError(message);
  }
}

class SqliteConnection final : public BackendConnection {
 public:
  explicit SqliteConnection(const SqliteOptions& options) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int code = sqlite3_open_v2(options.path.c_str(), &db_, flags, nullptr);
    if (code != SQLITE_OK) {
      const std::string reason = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
      sqlite3_close_v2(db_);
      db_ = nullptr;
      throw DatabaseUnavailable("cannot open SQLite database " + options.path + ": " + reason);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, static_cast<int>(options.busy_timeout.count()));
    execute_script(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
        "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16000;");
  }

  ~SqliteConnection() override {
    for (auto& [sql, statement] : statements_) sqlite3_finalize(statement.handle);
    sqlite3_close_v2(db_);
  }

  Rows query(std::string_view sql, std::span<const Param> params) override {
    auto* statement = prepare(sql, params);
    const int columns = sqlite3_column_count(statement);
    std::vector<std::string> names;
    names.reserve(static_cast<std::size_t>(columns));
    for (int i = 0; i < columns; ++i) names.emplace_back(sqlite3_column_name(statement, i));
    Rows rows(std::move(names));
    for (;;) {
      const int code = sqlite3_step(statement);
      if (code == SQLITE_DONE) break;
      if (code != SQLITE_ROW) fail(statement, code, sql);
      for (int i = 0; i < columns; ++i) rows.push(read_cell(statement, i));
    }
    sqlite3_reset(statement);
    return rows;
  }

  std::int64_t execute(std::string_view sql, std::span<const Param> params) override {
    auto* statement = prepare(sql, params);
    int code = SQLITE_ROW;
    while (code == SQLITE_ROW) code = sqlite3_step(statement);
    if (code != SQLITE_DONE) fail(statement, code, sql);
    sqlite3_reset(statement);
    return sqlite3_changes64(db_);
  }

  void execute_script(std::string_view sql) override {
    char* error = nullptr;
    const std::string text(sql);
    const int code = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    if (code != SQLITE_OK) {
      const std::string reason = error ? error : sqlite3_errstr(code);
      sqlite3_free(error);
      throw_sqlite_error(nullptr, code, "script failed: " + reason);
    }
  }

  void begin(TxMode mode) override { execute_script(mode == TxMode::Write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED"); }
  void commit() override { execute_script("COMMIT"); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) execute_script("ROLLBACK");
  }
  bool healthy() const override { return db_ != nullptr; }

 private:
  struct CachedStatement {
    sqlite3_stmt* handle = nullptr;
    std::list<std::string>::iterator recency;
  };

  [[noreturn]] void fail(sqlite3_stmt* statement, int code, std::string_view sql) {
    sqlite3_reset(statement);
    throw_sqlite_error(db_, code, fmt::format("statement failed [{}]", sql.substr(0, 200)));
  }

  sqlite3_stmt* prepare(std::string_view sql, std::span<const Param> params) {
    auto* statement = cached(sql);
    sqlite3_clear_bindings(statement);
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(statement)) {
      throw QueryError(fmt::format("statement expects {} parameters, got {} [{}]",
                                   sqlite3_bind_parameter_count(statement), params.size(), sql.substr(0, 200)));
    }
    for (std::size_t i = 0; i < params.size(); ++i) bind(statement, static_cast<int>(i + 1), params[i]);
    return statement;
  }

  sqlite3_stmt* cached(std::string_view sql) {
    const std::string key(sql);
    if (auto found = statements_.find(key); found != statements_.end()) {
      recency_.splice(recency_.begin(), recency_, found->second.recency);
      return found->second.handle;
    }
    const auto text = translate_placeholders(sql);
    sqlite3_stmt* handle = nullptr;
    const int code = sqlite3_prepare_v3(db_, text.c_str(), static_cast<int>(text.size()), SQLITE_PREPARE_PERSISTENT,
                                        &handle, nullptr);
    if (code != SQLITE_OK) throw_sqlite_error(db_, code, fmt::format("cannot prepare [{}]", sql.substr(0, 200)));
    if (statements_.size() >= kStatementCacheSize) evict_oldest();
    recency_.push_front(key);
    statements_.emplace(key, CachedStatement{handle, recency_.begin()});
    return handle;
  }

  void evict_oldest() {
    const auto oldest = statements_.find(recency_.back());
    sqlite3_finalize(oldest->second.handle);
    statements_.erase(oldest);
    recency_.pop_back();
  }

  void bind(sqlite3_stmt* statement, int index, const Param& param) {
    int code = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(param)) {
      code = sqlite3_bind_null(statement, index);
    } else if (const auto* number = std::get_if<std::int64_t>(&param)) {
      code = sqlite3_bind_int64(statement, index, *number);
    } else if (const auto* real = std::get_if<double>(&param)) {
      code = sqlite3_bind_double(statement, index, *real);
    } else if (const auto* flag = std::get_if<bool>(&param)) {
      code = sqlite3_bind_int(statement, index, *flag ? 1 : 0);
    } else if (const auto* text = std::get_if<std::string_view>(&param)) {
      code = sqlite3_bind_text64(statement, index, text->data(), text->size(), SQLITE_STATIC, SQLITE_UTF8);
    } else {
      const auto& blob = std::get<Blob>(param);
      code = sqlite3_bind_blob64(statement, index, blob.bytes.data(), blob.bytes.size(), SQLITE_STATIC);
    }
    if (code != SQLITE_OK) throw_sqlite_error(db_, code, "cannot bind parameter");
  }

  static Cell read_cell(sqlite3_stmt* statement, int column) {
    switch (sqlite3_column_type(statement, column)) {
      case SQLITE_NULL:
        return std::monostate{};
      case SQLITE_INTEGER:
        return static_cast<std::int64_t>(sqlite3_column_int64(statement, column));
      case SQLITE_FLOAT:
        return sqlite3_column_double(statement, column);
      default: {
        const auto* data = static_cast<const char*>(sqlite3_column_blob(statement, column));
        const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
        return std::string(data ? data : "", size);
      }
    }
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, CachedStatement> statements_;
  std::list<std::string> recency_;  // most recently used first
};

}  // namespace

std::string translate_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const auto end = sql.find('\n', i);
      const auto stop = end == std::string_view::npos ? sql.size() : end;
      out.append(sql.substr(i, stop - i));
      i = stop - 1;
    } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out += '?';
    } else {
      out += c;
    }
  }
  return out;
}

std::unique_ptr<Database> open_sqlite(const SqliteOptions& options) {
  auto factory = [options]() -> std::unique_ptr<BackendConnection> {
    return std::make_unique<SqliteConnection>(options);
  };
  auto database = std::make_unique<PooledDatabase>(Backend::Sqlite, options.pool, std::move(factory));
  database->with_connection([](Connection&) {});  // open one now: a bad path fails at start-up, not later
  return database;
}

}  // namespace emporium::storage
