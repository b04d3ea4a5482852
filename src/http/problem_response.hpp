#pragma once

#include <string_view>

#include "http/response.hpp"
#include "support/problem.hpp"

namespace emporium::http {

// The one place a Problem becomes an RFC 9457 application/problem+json response.
Response problem_response(const Problem& problem, std::string_view request_id);

// "validation_failed" → "/problems/validation-failed": the problem's `type`, relative to the server.
std::string problem_type(std::string_view code);

}  // namespace emporium::http
