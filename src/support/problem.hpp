#pragma once

#include <boost/system/result.hpp>

#include <source_location>
#include <string>
#include <utility>
#include <vector>

namespace emporium {

// One wrong field of a request, reported to the client in `errors[]`.
struct FieldError {
  std::string field;
  std::string message;
};

// An expected failure, travelling as a value until one place (http/problem_response) turns it into an
// RFC 9457 application/problem+json response. `detail` is shown to the client: it never carries internals.
struct Problem {
  int status = 500;
  std::string code;    // stable, machine-readable: "validation_failed"
  std::string title;   // the same for every problem with this code
  std::string detail;  // this occurrence, for humans
  std::vector<FieldError> errors;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. Retry-After, Allow

  // A domain's more precise code and wording for a generic problem (same status and title).
  Problem&& with_code(std::string specific_code) &&;
  Problem&& with_detail(std::string specific_detail) &&;
  Problem&& with_header(std::string name, std::string value) &&;
  Problem&& with_errors(std::vector<FieldError> field_errors) &&;
};

// What services and handlers return: a value or the Problem that prevented it.
template <class T>
using Result = boost::system::result<T, Problem>;

// Lets Result<T>::value() throw when misused (a bug: callers test has_value() first).
[[noreturn]] void throw_exception_from_error(const Problem& problem, const boost::source_location& location);

// The problems every part of the server may return. Domains add their own next to their code.
namespace problems {
Problem bad_request(std::string detail);
Problem malformed_json(std::string detail);
Problem invalid_query(std::vector<FieldError> errors);
Problem unauthorized(std::string detail = "Missing or invalid credentials.");
Problem forbidden(std::string detail = "You are not allowed to do this.");
Problem not_found(std::string detail = "The requested resource does not exist.");
Problem method_not_allowed(std::string allow);
Problem conflict(std::string code, std::string detail);
Problem precondition_failed(std::string detail);
Problem payload_too_large(std::size_t limit_bytes);
Problem unsupported_media_type(std::string detail);
Problem validation_failed(std::vector<FieldError> errors);
Problem rate_limited(long retry_after_seconds);
Problem request_timeout();
Problem header_too_large(std::size_t limit_bytes);
Problem service_unavailable(std::string detail);
Problem internal_error();
}  // namespace problems

}  // namespace emporium
