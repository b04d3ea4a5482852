#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>

namespace emporium::storage::postgres {

// `text` without trailing whitespace (libpq's messages end in a newline).
std::string trimmed(std::string_view text);

// The result's SQLSTATE; empty when there is none (no result, or a client-side error).
std::string_view sqlstate_of(const PGresult* result);
// True for a command or query that worked (a null result, out of memory, did not).
bool succeeded(const PGresult* result);

// SQLSTATEs meaning the session is gone: connection exceptions (class 08) and server shutdown/restart.
bool is_connection_loss(std::string_view sqlstate);
// The server forgot the statement (DEALLOCATE, DISCARD) or it can no longer run it (its result type
// changed with the schema): prepare it afresh next time.
bool invalidates_statement(std::string_view sqlstate);

// The server's primary message and SQLSTATE, which name the constraint or object; not its DETAIL, which
// quotes row values (a customer's email address) that do not belong in logs. Without one, libpq's own text.
std::string error_text(const PGresult* result, const PGconn* connection);

// Throws what a failed statement that left the session usable means to callers: QueryError (a statement
// timeout says so), RetryableConflict (deadlock, serialization failure) or ConstraintViolation (class 23).
[[noreturn]] void throw_statement_error(std::string_view sqlstate, const std::string& message);

}  // namespace emporium::storage::postgres
