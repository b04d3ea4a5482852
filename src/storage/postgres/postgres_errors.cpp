#include "storage/postgres/postgres_errors.hpp"

#include <fmt/format.h>

#include <cctype>

#include "storage/database.hpp"

namespace emporium::storage::postgres {
namespace {

ConstraintViolation::Kind constraint_kind(std::string_view sqlstate) {
  if (sqlstate == "23505") return ConstraintViolation::Kind::Unique;
  if (sqlstate == "23503") return ConstraintViolation::Kind::ForeignKey;
  if (sqlstate == "23514") return ConstraintViolation::Kind::Check;
  if (sqlstate == "23502") return ConstraintViolation::Kind::NotNull;
  return ConstraintViolation::Kind::Other;
}

}  // namespace

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

std::string_view sqlstate_of(const PGresult* result) {
  const char* field = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  return field ? field : "";
}

bool succeeded(const PGresult* result) {
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

bool is_connection_loss(std::string_view sqlstate) {
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

bool invalidates_statement(std::string_view sqlstate) { return sqlstate == "26000" || sqlstate == "0A000"; }

std::string error_text(const PGresult* result, const PGconn* connection) {
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  if (primary) return fmt::format("{} (sqlstate {})", primary, sqlstate_of(result));
  const char* client_side = result ? PQresultErrorMessage(result) : "";
  return trimmed(*client_side ? client_side : PQerrorMessage(connection));
}

void throw_statement_error(std::string_view sqlstate, const std::string& message) {
  if (sqlstate == "57014") throw QueryError("statement timeout: " + message);
  if (sqlstate == "40001" || sqlstate == "40P01") throw RetryableConflict(message);
  if (sqlstate.starts_with("23")) throw ConstraintViolation(constraint_kind(sqlstate), message);
  throw QueryError(message);
}

}  // namespace emporium::storage::postgres
