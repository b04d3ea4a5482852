#include "support/problem.hpp"

#include <stdexcept>
#include <string>

namespace emporium {

Problem&& Problem::with_code(std::string specific_code) && {
  code = std::move(specific_code);
  return std::move(*this);
}

Problem&& Problem::with_detail(std::string specific_detail) && {
  detail = std::move(specific_detail);
  return std::move(*this);
}

Problem&& Problem::with_header(std::string name, std::string value) && {
  headers.emplace_back(std::move(name), std::move(value));
  return std::move(*this);
}

Problem&& Problem::with_errors(std::vector<FieldError> field_errors) && {
  errors = std::move(field_errors);
  return std::move(*this);
}

void throw_exception_from_error(const Problem& problem, const boost::source_location&) {
  throw std::logic_error("Result accessed without a value: " + problem.code);
}

namespace problems {
namespace {
Problem make(int status, std::string code, std::string title, std::string detail) {
  return Problem{.status = status,
                 .code = std::move(code),
                 .title = std::move(title),
                 .detail = std::move(detail),
                 .errors = {},
                 .headers = {}};
}
}  // namespace

Problem bad_request(std::string detail) { return make(400, "bad_request", "Bad request", std::move(detail)); }

Problem malformed_json(std::string detail) { return make(400, "malformed_json", "Malformed JSON", std::move(detail)); }

Problem invalid_query(std::vector<FieldError> errors) {
  return make(400, "invalid_query", "Invalid query parameters", "One or more query parameters are invalid.")
      .with_errors(std::move(errors));
}

Problem unauthorized(std::string detail) {
  return make(401, "unauthorized", "Unauthorized", std::move(detail)).with_header("WWW-Authenticate", "Bearer");
}

Problem forbidden(std::string detail) { return make(403, "forbidden", "Forbidden", std::move(detail)); }

Problem not_found(std::string detail) { return make(404, "not_found", "Not found", std::move(detail)); }

Problem method_not_allowed(std::string allow) {
  return make(405, "method_not_allowed", "Method not allowed",
              "This resource does not support the method. Allowed: " + allow + ".")
      .with_header("Allow", std::move(allow));
}

Problem conflict(std::string code, std::string detail) {
  return make(409, std::move(code), "Conflict", std::move(detail));
}

Problem precondition_failed(std::string detail) {
  return make(412, "precondition_failed", "Precondition failed", std::move(detail));
}

Problem payload_too_large(std::size_t limit_bytes) {
  return make(413, "payload_too_large", "Payload too large",
              "The request body exceeds the limit of " + std::to_string(limit_bytes) + " bytes for this route.");
}

Problem unsupported_media_type(std::string detail) {
  return make(415, "unsupported_media_type", "Unsupported media type", std::move(detail));
}

Problem validation_failed(std::vector<FieldError> errors) {
  return make(422, "validation_failed", "Validation failed", "One or more fields are invalid.")
      .with_errors(std::move(errors));
}

Problem rate_limited(long retry_after_seconds) {
  return make(429, "rate_limited", "Too many requests",
              "Rate limit exceeded. Retry after " + std::to_string(retry_after_seconds) + " seconds.")
      .with_header("Retry-After", std::to_string(retry_after_seconds));
}

Problem request_timeout() {
  return make(408, "request_timeout", "Request timeout", "The request was not received in time.");
}

Problem header_too_large(std::size_t limit_bytes) {
  return make(431, "header_too_large", "Request header fields too large",
              "The request header exceeds " + std::to_string(limit_bytes) + " bytes.");
}

Problem service_unavailable(std::string detail) {
  return make(503, "service_unavailable", "Service unavailable", std::move(detail)).with_header("Retry-After", "1");
}

Problem internal_error() {
  return make(500, "internal_error", "Internal server error",
              "Something went wrong on our side. Quote the request id when you contact support.");
}

}  // namespace problems
}  // namespace emporium
