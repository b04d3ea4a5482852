#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace emporium::media {

// What a Range header asks of a file of a known size (RFC 9110 §14.2), for a server that answers one range
// at most: no header, another unit, several ranges or an invalid one → the whole file (a server may ignore
// Range); a single satisfiable range → those bytes (clamped to the file); otherwise → unsatisfiable (416).
struct RangeRequest {
  enum class Kind { Whole, Partial, Unsatisfiable };
  Kind kind = Kind::Whole;
  std::uint64_t first = 0;   // Partial: first byte
  std::uint64_t length = 0;  // Partial: number of bytes, at least 1
};

RangeRequest evaluate_range(std::optional<std::string_view> range_header, std::uint64_t size);

// If-None-Match (RFC 9110 §13.1.2): true when the list is "*" or names `etag` (weak comparison, so W/"x"
// matches "x"). `etag` is quoted: "\"abc\"".
bool etag_list_matches(std::string_view if_none_match, std::string_view etag);

// If-Range (RFC 9110 §13.1.5): a range is served only when the validator is exactly our strong ETag (we send
// no Last-Modified, so a date never matches and the whole file is sent).
bool if_range_matches(std::string_view if_range, std::string_view etag);

}  // namespace emporium::media
