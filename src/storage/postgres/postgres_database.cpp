// The connection: session setup, reconnecting after a server restart, prepared statements and transactions.
// How values travel is in postgres_values, what errors mean in postgres_errors.
#include "storage/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <fmt/format.h>
#include <poll.h>

#include <algorithm>
#include <array>
#include <unordered_map>
#include <vector>

#include "storage/postgres/postgres_errors.hpp"
#include "storage/postgres/postgres_placeholders.hpp"
#include "storage/postgres/postgres_values.hpp"
#include "support/log.hpp"

namespace emporium::storage::postgres {
namespace {

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

void log_notice(void*, const char* message) { log::debug("postgres notice", {{"message", trimmed(message)}}); }

class PostgresConnection final : public BackendConnection {
 public:
  explicit PostgresConnection(const PostgresOptions& options) : statement_timeout_(options.statement_timeout) {
    connect(options);
    set_up_session();
  }

  Rows query(std::string_view sql, std::span<const Param> params) override { return to_rows(run(sql, params).get()); }

  std::int64_t execute(std::string_view sql, std::span<const Param> params) override {
    const auto result = run(sql, params);
    return affected_rows(result.get());
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
    ResultPtr result(
        PQexecPrepared(conn_.get(), name.c_str(), bound.size(), bound.values(), bound.lengths(), bound.formats(), 0));
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
      throw QueryError(
          fmt::format("statement expects {} parameters, got {} [{}]", expected, given, sql.substr(0, kSqlExcerpt)));
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
    const auto message = fmt::format("{} [{}]", error_text(result, conn_.get()), sql.substr(0, kSqlExcerpt));
    if (PQstatus(conn_.get()) == CONNECTION_BAD || is_connection_loss(sqlstate)) {
      broken_ = true;  // the pool drops this connection and opens another
      throw DatabaseUnavailable(message);
    }
    if (result && PQresultStatus(result) != PGRES_FATAL_ERROR) broken_ = true;  // e.g. stuck in COPY mode
    throw_statement_error(sqlstate, message);
  }

  std::chrono::milliseconds statement_timeout_;
  std::unique_ptr<PGconn, ConnectionCloser> conn_;
  std::unordered_map<std::string, std::string> statements_;  // cache key → prepared statement name
  std::uint64_t statements_prepared_ = 0;
  bool broken_ = false;
};

}  // namespace
}  // namespace emporium::storage::postgres

namespace emporium::storage {

std::unique_ptr<Database> open_postgres(const PostgresOptions& options) {
  // No connection now: the server must start (and answer /ready with 503) while PostgreSQL is down.
  auto factory = [options]() -> std::unique_ptr<BackendConnection> {
    return std::make_unique<postgres::PostgresConnection>(options);
  };
  return std::make_unique<PooledDatabase>(Backend::Postgres, options.pool, std::move(factory));
}

}  // namespace emporium::storage
