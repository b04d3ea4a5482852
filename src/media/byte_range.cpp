#include "media/byte_range.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

#include "support/strings.hpp"

namespace emporium::media {
namespace {
constexpr RangeRequest kWhole{};
constexpr RangeRequest kUnsatisfiable{.kind = RangeRequest::Kind::Unsatisfiable, .first = 0, .length = 0};

// A byte position: digits only. Positions beyond 2^64 - 1 saturate: they are past the end of any file anyway.
std::optional<std::uint64_t> parse_position(std::string_view digits) {
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error == std::errc::result_out_of_range) return std::numeric_limits<std::uint64_t>::max();
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

// "-n": the last n bytes (all of them when the file is shorter).
RangeRequest suffix_range(std::string_view digits, std::uint64_t size) {
  const auto suffix = parse_position(digits);
  if (!suffix) return kWhole;
  if (*suffix == 0 || size == 0) return kUnsatisfiable;
  const auto length = std::min(*suffix, size);
  return {.kind = RangeRequest::Kind::Partial, .first = size - length, .length = length};
}

// "a-b" or "a-": from a to b (or the end), clamped to the file.
RangeRequest bounded_range(std::string_view first_text, std::string_view last_text, std::uint64_t size) {
  const auto first = parse_position(first_text);
  if (!first) return kWhole;
  std::optional<std::uint64_t> last;
  if (!last_text.empty()) {
    last = parse_position(last_text);
    if (!last || *last < *first) return kWhole;  // an invalid range-spec: the header is ignored
  }
  if (*first >= size) return kUnsatisfiable;
  const auto end = last ? std::min(*last, size - 1) : size - 1;
  return {.kind = RangeRequest::Kind::Partial, .first = *first, .length = end - *first + 1};
}

std::string_view without_weak_prefix(std::string_view tag) { return tag.starts_with("W/") ? tag.substr(2) : tag; }
}  // namespace

RangeRequest evaluate_range(std::optional<std::string_view> range_header, std::uint64_t size) {
  if (!range_header) return kWhole;
  const auto text = trim(*range_header);
  const auto equals = text.find('=');
  if (equals == std::string_view::npos || !iequals(trim(text.substr(0, equals)), "bytes")) return kWhole;
  const auto spec = trim(text.substr(equals + 1));
  // Several ranges would need a multipart/byteranges answer; the whole file is a valid answer too.
  if (spec.find(',') != std::string_view::npos) return kWhole;
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos) return kWhole;
  const auto first = spec.substr(0, dash);
  const auto last = spec.substr(dash + 1);
  return first.empty() ? suffix_range(last, size) : bounded_range(first, last, size);
}

bool etag_list_matches(std::string_view if_none_match, std::string_view etag) {
  const auto tags = split_list(if_none_match, ',');
  return std::any_of(tags.begin(), tags.end(),
                     [&](std::string_view tag) { return tag == "*" || without_weak_prefix(tag) == etag; });
}

bool if_range_matches(std::string_view if_range, std::string_view etag) { return trim(if_range) == etag; }

}  // namespace emporium::media
