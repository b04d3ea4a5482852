#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "support/problem.hpp"

namespace emporium::http {

// One part of a multipart/form-data body (RFC 7578). `body` is a view into the request body it was parsed
// from: it lives as long as that body. `filename` is exactly what the client sent (it may hold a path, "..",
// anything): use it for display at most, never as a file name.
struct MultipartPart {
  std::string name;
  std::optional<std::string> filename;
  std::string content_type = "text/plain";  // RFC 7578 §4.4: the default when a part declares none
  std::string_view body;
};

struct MultipartLimits {
  std::size_t max_parts = 16;
  std::size_t max_header_bytes = 4096;  // one part's header block, its blank line included
  std::size_t max_header_lines = 8;     // per part
};

// Parses `body` as multipart/form-data with the boundary named in `content_type` (the request's
// Content-Type header). Problems: 415 `unsupported_media_type` when the type is not multipart/form-data;
// 400 `malformed_multipart` for a missing or invalid boundary, a missing final boundary, a part without
// `Content-Disposition: form-data; name=…`, or headers that are not CRLF-terminated "Name: value" lines;
// 400 `too_many_parts` / `part_header_too_large` past the limits. A preamble and an epilogue are ignored.
Result<std::vector<MultipartPart>> parse_multipart(std::string_view content_type, std::string_view body,
                                                   const MultipartLimits& limits = {});
// The same for a request: its Content-Type header and its body (the parts view `request.body`).
Result<std::vector<MultipartPart>> parse_multipart(const Request& request, const MultipartLimits& limits = {});

// The boundary of a multipart/form-data Content-Type (quoted or not, 1 to 70 characters of RFC 2046's
// bchars, not ending in a space). 415 when the type is something else, 400 `malformed_multipart` when the
// boundary is missing, given twice or invalid.
Result<std::string> multipart_boundary(std::string_view content_type);

// The first part with this name, or null.
const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace emporium::http
