#include "storage/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <fmt/format.h>
#include <poll.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <climits>
#include <unordered_map>
#include <vector>

#include "support/log.hpp"

namespace emporium::storage {
namespace {

// Type OIDs from pg_type (stable across versions; the server headers that name them are not installed).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;
constexpr Oid kInferType = 0;  // the server infers the type from how the parameter is used

constexpr std::size_t kStatementCacheSize = 512;
constexpr std::size_t kSqlExcerpt = 200;
constexpr int kMaxIdleReads = 8;
constexpr const char* kApplicationName = "emporium";

constexpr std::string_view kBegin = "BEGIN";
constexpr std::string_view kCommit = "COMMIT";
constexpr std::string_view kRollback = "ROLLBACK";
constexpr std::string_view kForgetStatements = "DEALLOCATE ALL";
// bytea_output: cells are decoded from the hex format, whatever the server's default is.
constexpr std::string_view kSessionSetup = "SET statement_timeout = {}; SET bytea_output = 'hex'";

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

struct ConnectionCloser {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

// ---- Counting placeholders -------------------------------------------------------------------------
// The server accepts more declared parameter types than a statement uses, so it cannot tell us that a
// caller passed too many; counting the highest $n ourselves (outside literals and comments) can.

bool is_word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

std::size_t skip_quoted(std::string_view sql, std::size_t open, bool backslash_escapes) {
  const char quote = sql[open];
  for (std::size_t i = open + 1; i < sql.size(); ++i) {
    if (backslash_escapes && sql[i] == '\\') {
      ++i;
    } else if (sql[i] == quote) {
      if (i + 1 < sql.size() && sql[i + 1] == quote) {
        ++i;  // a doubled quote stands for itself
      } else {
        return i + 1;
      }
    }
  }
  return sql.size();
}

std::size_t skip_block_comment(std::string_view sql, std::size_t open) {
  int depth = 0;  // PostgreSQL block comments nest
  for (std::size_t i = open; i + 1 < sql.size(); ++i) {
    if (sql.substr(i, 2) == "/*") {
      ++depth;
      ++i;
    } else if (sql.substr(i, 2) == "*/") {
      ++i;
      if (--depth == 0) return i + 1;
    }
  }
  return sql.size();
}

// "$$…$$" or "$tag$…$tag$" starting at `open`: where it ends, or `open` when no dollar quote starts there.
std::size_t skip_dollar_quoted(std::string_view sql, std::size_t open) {
  std::size_t i = open + 1;
  if (i < sql.size() && sql[i] != '$') {
    if (std::isdigit(static_cast<unsigned char>(sql[i]))) return open;
    while (i < sql.size() && is_word_char(sql[i]) && sql[i] != '$') ++i;
  }
  if (i >= sql.size() || sql[i] != '$') return open;
  const auto tag = sql.substr(open, i + 1 - open);
  const auto close = sql.find(tag, i + 1);
  return close == std::string_view::npos ? sql.size() : close + tag.size();
}

int highest_placeholder(std::string_view sql) {
  int highest = 0;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    const bool after_word = i > 0 && is_word_char(sql[i - 1]);
    if (c == '\'') {
      const bool escape_string = after_word && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                                 (i < 2 || !is_word_char(sql[i - 2]));
      i = skip_quoted(sql, i, escape_string);
    } else if (c == '"') {
      i = skip_quoted(sql, i, false);
    } else if (sql.substr(i, 2) == "--") {
      i = std::min(sql.find('\n', i), sql.size());
    } else if (sql.substr(i, 2) == "/*") {
      i = skip_block_comment(sql, i);
    } else if (c == '$' && !after_word && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
      int number = 0;
      const auto [end, error] = std::from_chars(sql.data() + i + 1, sql.data() + sql.size(), number);
      highest = std::max(highest, error == std::errc() ? number : INT_MAX);
      i = static_cast<std::size_t>(end - sql.data());
    } else if (c == '$' && !after_word && skip_dollar_quoted(sql, i) != i) {
      i = skip_dollar_quoted(sql, i);
    } else {
      ++i;
    }
  }
  return highest;
}

// ---- Parameters ------------------------------------------------------------------------------------

Oid type_of(const Param& param) {
  if (std::holds_alternative<std::int64_t>(param)) return kInt8Oid;
  if (std::holds_alternative<bool>(param)) return kBoolOid;
  if (std::holds_alternative<double>(param)) return kFloat8Oid;
  if (std::holds_alternative<Blob>(param)) return kByteaOid;
  return kInferType;
}

// Types are fixed when a statement is prepared, so the same text bound with other types is another statement.
std::string cache_key(std::string_view sql, std::span<const Param> params) {
  std::string key(sql);
  key.push_back('\0');
  for (const auto& param : params) key.push_back(static_cast<char>('0' + param.index()));
  return key;
}

// The parameter arrays libpq wants: text format for everything but bytea, which goes as raw bytes.
class BoundParams {
 public:
  explicit BoundParams(std::span<const Param> params) {
    text_.reserve(params.size());  // never reallocates: values_ points into these strings
    for (const auto& param : params) bind(param);
  }
  int size() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return values_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  void bind(const Param& param) {
    if (std::holds_alternative<std::nullptr_t>(param)) return add(nullptr, 0, 0);
    if (const auto* blob = std::get_if<Blob>(&param)) {
      // A null pointer would mean SQL NULL, so an empty blob points at an empty string.
      return add(blob->bytes.empty() ? "" : blob->bytes.data(), static_cast<int>(blob->bytes.size()), 1);
    }
    add_text(as_text(param));
  }
  static std::string as_text(const Param& param) {
    if (const auto* number = std::get_if<std::int64_t>(&param)) return std::to_string(*number);
    if (const auto* real = std::get_if<double>(&param)) return fmt::format("{}", *real);  // shortest exact form
    if (const auto* flag = std::get_if<bool>(&param)) return *flag ? "t" : "f";
    const auto text = std::get<std::string_view>(param);
    if (text.find('\0') != std::string_view::npos)
      throw QueryError("a text parameter contains a NUL byte, which PostgreSQL text cannot hold (bind a Blob)");
    return std::string(text);
  }
  void add_text(std::string text) {
    text_.push_back(std::move(text));
    add(text_.back().c_str(), static_cast<int>(text_.back().size()), 0);
  }
  void add(const char* value, int length, int format) {
    values_.push_back(value);
    lengths_.push_back(length);
    formats_.push_back(format);
  }

  std::vector<std::string> text_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

// ---- Results ---------------------------------------------------------------------------------------

enum class CellKind { Integer, Boolean, Real, Bytes, Text };

CellKind kind_of(Oid type) {
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: return CellKind::Integer;
    case kBoolOid: return CellKind::Boolean;
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: return CellKind::Real;
    case kByteaOid: return CellKind::Bytes;
    default: return CellKind::Text;
  }
}

template <class Number>
Number parse_number(std::string_view text) {
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size())
    throw QueryError(fmt::format("cannot read \"{}\" as a number", text.substr(0, 40)));
  return value;
}

std::string decode_bytea(std::string_view hex) {
  if (!hex.starts_with("\\x") || hex.size() % 2 != 0) throw QueryError("bytea value is not in hex format");
  const auto nibble = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw QueryError("bytea value is not in hex format");
  };
  std::string bytes;
  bytes.reserve(hex.size() / 2 - 1);
  for (std::size_t i = 2; i < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
  }
  return bytes;
}

Cell read_cell(std::string_view text, CellKind kind) {
  switch (kind) {
    case CellKind::Integer: return parse_number<std::int64_t>(text);
    case CellKind::Boolean: return std::int64_t{text == "t" ? 1 : 0};
    case CellKind::Real: return parse_number<double>(text);
    case CellKind::Bytes: return decode_bytea(text);
    case CellKind::Text: break;
  }
  return std::string(text);
}

Rows to_rows(const PGresult* result) {
  const int columns = PQnfields(result);
  std::vector<std::string> names;
  std::vector<CellKind> kinds;
  for (int column = 0; column < columns; ++column) {
    names.emplace_back(PQfname(result, column));
    kinds.push_back(kind_of(PQftype(result, column)));
  }
  Rows rows(std::move(names));
  for (int row = 0; row < PQntuples(result); ++row) {
    for (int column = 0; column < columns; ++column) {
      if (PQgetisnull(result, row, column)) {
        rows.push(std::monostate{});
      } else {
        const std::string_view text(PQgetvalue(result, row, column),
                                    static_cast<std::size_t>(PQgetlength(result, row, column)));
        rows.push(read_cell(text, kinds[static_cast<std::size_t>(column)]));
      }
    }
  }
  return rows;
}

// ---- Errors ----------------------------------------------------------------------------------------

std::string_view sqlstate_of(const PGresult* result) {
  const char* field = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  return field ? field : "";
}

bool succeeded(const PGresult* result) {
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

// SQLSTATEs meaning the session is gone: connection exceptions (class 08) and server shutdown/restart.
bool is_connection_loss(std::string_view sqlstate) {
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

ConstraintViolation::Kind constraint_kind(std::string_view sqlstate) {
  if (sqlstate == "23505") return ConstraintViolation::Kind::Unique;
  if (sqlstate == "23503") return ConstraintViolation::Kind::ForeignKey;
  if (sqlstate == "23514") return ConstraintViolation::Kind::Check;
  if (sqlstate == "23502") return ConstraintViolation::Kind::NotNull;
  return ConstraintViolation::Kind::Other;
}

// The server forgot the statement (DEALLOCATE, DISCARD) or it can no longer run it (its result type
// changed with the schema): prepare it afresh next time.
bool invalidates_statement(std::string_view sqlstate) { return sqlstate == "26000" || sqlstate == "0A000"; }

void log_notice(void*, const char* message) { log::debug("postgres notice", {{"message", trimmed(message)}}); }

// ---- The connection --------------------------------------------------------------------------------

class PostgresConnection final : public BackendConnection {
 public:
  explicit PostgresConnection(const PostgresOptions& options) : statement_timeout_(options.statement_timeout) {
    connect(options);
    set_up_session();
  }

  Rows query(std::string_view sql, std::span<const Param> params) override { return to_rows(run(sql, params).get()); }

  std::int64_t execute(std::string_view sql, std::span<const Param> params) override {
    const auto result = run(sql, params);
    const std::string_view count = PQcmdTuples(result.get());
    return count.empty() ? 0 : parse_number<std::int64_t>(count);
  }

  void execute_script(std::string_view sql) override {
    reconnect_if_dropped();
    exec(sql);
  }

  // Plain BEGIN (READ COMMITTED) for reads too: READ ONLY would refuse reads that call functions that write.
  void begin(TxMode) override {
    reconnect_if_dropped();
    exec(kBegin);
  }

  void commit() override {
    // After a failed statement PostgreSQL answers COMMIT with a silent ROLLBACK, where SQLite would have
    // committed the statements that worked. Report it rather than pretend the commit happened.
    if (PQtransactionStatus(conn_.get()) == PQTRANS_INERROR) {
      exec(kRollback);
      throw QueryError("transaction rolled back instead of committed: a statement in it had failed");
    }
    exec(kCommit);
  }

  void rollback() override {
    const auto status = PQtransactionStatus(conn_.get());
    if (status == PQTRANS_INTRANS || status == PQTRANS_INERROR) exec(kRollback);
  }

  bool healthy() const override { return !broken_ && PQstatus(conn_.get()) == CONNECTION_OK; }

 private:
  void connect(const PostgresOptions& options) {
    const auto seconds = std::max<std::int64_t>(1, (options.connect_timeout.count() + 999) / 1000);
    const auto timeout = std::to_string(seconds);
    // Keywords before dbname yield to the URL's own (?connect_timeout=…); the encoding after it does not:
    // text goes both ways as UTF-8 whatever the URL says.
    const std::array<const char*, 5> keywords{"connect_timeout", "application_name", "dbname", "client_encoding",
                                              nullptr};
    const std::array<const char*, 5> values{timeout.c_str(), kApplicationName, options.url.c_str(), "UTF8", nullptr};
    conn_.reset(PQconnectdbParams(keywords.data(), values.data(), 1));
    if (!conn_) throw DatabaseUnavailable("cannot connect to PostgreSQL: out of memory");
    // libpq's message names the host and the reason, never the password.
    if (PQstatus(conn_.get()) != CONNECTION_OK)
      throw DatabaseUnavailable("cannot connect to PostgreSQL: " + trimmed(PQerrorMessage(conn_.get())));
    PQsetNoticeProcessor(conn_.get(), log_notice, nullptr);
  }

  void set_up_session() { exec(fmt::format(kSessionSetup, statement_timeout_.count())); }

  // A server restart closes idle connections, and libpq notices only when it next reads. Reading what is
  // pending now finds out before a statement is sent, so that outside a transaction a fresh session runs
  // it instead of the request failing.
  void reconnect_if_dropped() {
    if (PQtransactionStatus(conn_.get()) != PQTRANS_IDLE || !closed_by_server()) return;
    log::info("reconnecting to PostgreSQL", {{"reason", trimmed(PQerrorMessage(conn_.get()))}});
    statements_.clear();
    PQreset(conn_.get());
    if (PQstatus(conn_.get()) != CONNECTION_OK) {
      broken_ = true;
      throw DatabaseUnavailable("cannot reconnect to PostgreSQL: " + trimmed(PQerrorMessage(conn_.get())));
    }
    set_up_session();
  }

  // An idle session expects nothing from the server, so anything readable is looked at: a server shutting
  // down first sends why (a FATAL error, taken as a notice here), then closes, which a further read sees.
  bool closed_by_server() {
    for (int reads = 0; reads < kMaxIdleReads; ++reads) {
      pollfd socket{.fd = PQsocket(conn_.get()), .events = POLLIN, .revents = 0};
      if (poll(&socket, 1, 0) <= 0) return false;
      if (PQconsumeInput(conn_.get()) == 0 || PQstatus(conn_.get()) != CONNECTION_OK) return true;
      PQisBusy(conn_.get());  // parses what arrived
    }
    return false;
  }

  ResultPtr run(std::string_view sql, std::span<const Param> params) {
    reconnect_if_dropped();
    const BoundParams bound(params);
    const auto key = cache_key(sql, params);
    const auto& name = prepared(key, sql, params);
    ResultPtr result(PQexecPrepared(conn_.get(), name.c_str(), bound.size(), bound.values(), bound.lengths(),
                                    bound.formats(), 0));
    if (!succeeded(result.get())) {
      if (invalidates_statement(sqlstate_of(result.get()))) statements_.erase(key);
      fail(result.get(), sql);
    }
    return result;
  }

  // The name of the statement prepared for `key`, preparing it on first use.
  const std::string& prepared(const std::string& key, std::string_view sql, std::span<const Param> params) {
    if (const auto found = statements_.find(key); found != statements_.end()) return found->second;
    const auto count = static_cast<int>(params.size());
    check_parameter_count(highest_placeholder(sql), count, sql);
    if (statements_.size() >= kStatementCacheSize) forget_statements();
    auto name = fmt::format("s{}", ++statements_prepared_);
    std::vector<Oid> types;
    for (const auto& param : params) types.push_back(type_of(param));
    const std::string text(sql);
    const ResultPtr preparation(PQprepare(conn_.get(), name.c_str(), text.c_str(), count, types.data()));
    if (!succeeded(preparation.get())) fail(preparation.get(), sql);
    // The server's count catches placeholders our scan missed: executing with too few would break the session.
    const ResultPtr description(PQdescribePrepared(conn_.get(), name.c_str()));
    if (!succeeded(description.get())) fail(description.get(), sql);
    check_parameter_count(PQnparams(description.get()), count, sql);
    return statements_.emplace(key, std::move(name)).first->second;
  }

  static void check_parameter_count(int expected, int given, std::string_view sql) {
    if (expected != given)
      throw QueryError(fmt::format("statement expects {} parameters, got {} [{}]", expected, given,
                                   sql.substr(0, kSqlExcerpt)));
  }

  // Bounds the server-side memory that statements built at run time (IN lists of any length) could take.
  void forget_statements() {
    exec(kForgetStatements);
    statements_.clear();
  }

  ResultPtr exec(std::string_view sql) {
    const std::string text(sql);
    ResultPtr result(PQexec(conn_.get(), text.c_str()));
    if (!succeeded(result.get())) fail(result.get(), sql);
    return result;
  }

  [[noreturn]] void fail(const PGresult* result, std::string_view sql) {
    const auto sqlstate = sqlstate_of(result);
    const auto message = fmt::format("{} [{}]", error_text(result), sql.substr(0, kSqlExcerpt));
    if (PQstatus(conn_.get()) == CONNECTION_BAD || is_connection_loss(sqlstate)) {
      broken_ = true;  // the pool drops this connection and opens another
      throw DatabaseUnavailable(message);
    }
    if (result && PQresultStatus(result) != PGRES_FATAL_ERROR) broken_ = true;  // e.g. stuck in COPY mode
    if (sqlstate == "57014") throw QueryError("statement timeout: " + message);
    if (sqlstate == "40001" || sqlstate == "40P01") throw RetryableConflict(message);
    if (sqlstate.starts_with("23")) throw ConstraintViolation(constraint_kind(sqlstate), message);
    throw QueryError(message);
  }

  // The server's primary message, which names the constraint or object; not its DETAIL, which quotes row
  // values (a customer's email address) that do not belong in logs.
  std::string error_text(const PGresult* result) const {
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    if (primary) return fmt::format("{} (sqlstate {})", primary, sqlstate_of(result));
    const char* client_side = result ? PQresultErrorMessage(result) : "";
    return trimmed(*client_side ? client_side : PQerrorMessage(conn_.get()));
  }

  std::chrono::milliseconds statement_timeout_;
  std::unique_ptr<PGconn, ConnectionCloser> conn_;
  std::unordered_map<std::string, std::string> statements_;  // cache key → prepared statement name
  std::uint64_t statements_prepared_ = 0;
  bool broken_ = false;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const PostgresOptions& options) {
  // No connection now: the server must start (and answer /ready with 503) while PostgreSQL is down.
  auto factory = [options]() -> std::unique_ptr<BackendConnection> {
    return std::make_unique<PostgresConnection>(options);
  };
  return std::make_unique<PooledDatabase>(Backend::Postgres, options.pool, std::move(factory));
}

}  // namespace emporium::storage
