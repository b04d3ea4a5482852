#include "http/multipart.hpp"

#include <algorithm>

#include "support/strings.hpp"

namespace emporium::http {
namespace {
constexpr std::string_view kCrlf = "\r\n";
constexpr std::size_t kMaxBoundaryLength = 70;  // RFC 2046 §5.1.1

Problem malformed(std::string detail) {
  return problems::bad_request(std::move(detail)).with_code("malformed_multipart");
}

Problem not_multipart() { return problems::unsupported_media_type("Send the body as multipart/form-data."); }

bool is_tchar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// RFC 2046 bchars: what a boundary may be made of (a space too, but not at the end).
bool is_bchar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

bool valid_boundary(std::string_view boundary) {
  return !boundary.empty() && boundary.size() <= kMaxBoundaryLength && boundary.back() != ' ' &&
         std::all_of(boundary.begin(), boundary.end(), is_bchar);
}

struct Parameter {
  std::string name;  // lower case
  std::string value;
};

void skip_spaces(std::string_view text, std::size_t& at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
}

std::string_view take_token(std::string_view text, std::size_t& at) {
  const auto start = at;
  while (at < text.size() && is_tchar(text[at])) ++at;
  return text.substr(start, at - start);
}

// A quoted-string starting at `at` (on the opening quote). Content-Type follows RFC 9110 (backslash escapes);
// Content-Disposition follows what browsers send (HTML's multipart encoding percent-encodes '"' and keeps '\'
// as is, so a Windows path "C:\x\y.png" must not lose its backslashes).
std::optional<std::string> take_quoted(std::string_view text, std::size_t& at, bool backslash_escapes) {
  std::string value;
  for (++at; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '"') {
      ++at;
      return value;
    }
    if (c == '\r' || c == '\n') return std::nullopt;
    if (c == '\\' && backslash_escapes) {
      if (++at == text.size()) return std::nullopt;
      value += text[at];
    } else {
      value += c;
    }
  }
  return std::nullopt;  // no closing quote
}

// `*( OWS ";" OWS name "=" ( token / quoted-string ) )`, what follows a media type or a disposition type.
std::optional<std::vector<Parameter>> parse_parameters(std::string_view text, bool backslash_escapes) {
  std::vector<Parameter> parameters;
  std::size_t at = 0;
  for (;;) {
    skip_spaces(text, at);
    if (at == text.size()) return parameters;
    if (text[at] != ';') return std::nullopt;
    ++at;
    skip_spaces(text, at);
    if (at == text.size()) return parameters;  // a trailing ';' is common and harmless
    const auto name = take_token(text, at);
    if (name.empty() || at == text.size() || text[at] != '=') return std::nullopt;
    ++at;
    std::optional<std::string> value;
    if (at < text.size() && text[at] == '"') {
      value = take_quoted(text, at, backslash_escapes);
    } else if (const auto token = take_token(text, at); !token.empty()) {
      value = std::string(token);
    }
    if (!value) return std::nullopt;
    parameters.push_back({to_lower_ascii(name), std::move(*value)});
  }
}

// Refuses a parameter given twice: two names or two boundaries would be read differently by different parsers.
Result<std::optional<std::string>> unique_parameter(const std::vector<Parameter>& parameters, std::string_view name) {
  std::optional<std::string> found;
  for (const auto& parameter : parameters) {
    if (parameter.name != name) continue;
    if (found) return malformed("The parameter \"" + std::string(name) + "\" is given twice.");
    found = parameter.value;
  }
  return found;
}

struct PartHeaders {
  std::optional<std::string_view> disposition;
  std::optional<std::string_view> content_type;
};

Result<PartHeaders> read_header_lines(std::string_view block, const MultipartLimits& limits) {
  PartHeaders headers;
  std::size_t lines = 0;
  std::size_t at = 0;
  while (at < block.size()) {
    auto end = block.find(kCrlf, at);
    if (end == std::string_view::npos) end = block.size();
    const auto line = block.substr(at, end - at);
    at = end + kCrlf.size();
    if (++lines > limits.max_header_lines)
      return problems::bad_request("A part has more than " + std::to_string(limits.max_header_lines) + " headers.")
          .with_code("part_header_too_large");
    const auto colon = line.find(':');
    // Folded lines (leading whitespace) are obsolete; bare CR or LF would split the line differently elsewhere.
    if (colon == std::string_view::npos || line.find_first_of("\r\n") != std::string_view::npos)
      return malformed("A part header is not a \"Name: value\" line.");
    const auto name = line.substr(0, colon);
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_tchar))
      return malformed("A part header has an invalid name.");
    const auto value = trim(line.substr(colon + 1));
    auto* slot = iequals(name, "Content-Disposition") ? &headers.disposition
                 : iequals(name, "Content-Type")      ? &headers.content_type
                                                      : nullptr;
    if (!slot) continue;  // RFC 7578 §4.8: other headers are ignored
    if (*slot) return malformed("A part repeats the " + std::string(name) + " header.");
    *slot = value;
  }
  return headers;
}

Result<MultipartPart> part_from_headers(const PartHeaders& headers) {
  if (!headers.disposition) return malformed("A part has no Content-Disposition header.");
  const auto disposition = *headers.disposition;
  const auto type_end = std::min(disposition.find(';'), disposition.size());
  if (!iequals(trim(disposition.substr(0, type_end)), "form-data"))
    return malformed("A part's Content-Disposition is not form-data.");
  const auto parameters = parse_parameters(disposition.substr(type_end), false);
  if (!parameters) return malformed("A part's Content-Disposition is malformed.");
  auto name = unique_parameter(*parameters, "name");
  if (!name) return name.error();
  if (!*name || (*name)->empty()) return malformed("A part has no name.");
  auto filename = unique_parameter(*parameters, "filename");
  if (!filename) return filename.error();
  MultipartPart part;
  part.name = std::move(**name);
  part.filename = std::move(*filename);
  if (headers.content_type) {
    if (headers.content_type->empty()) return malformed("A part has an empty Content-Type.");
    part.content_type = std::string(*headers.content_type);
  }
  return part;
}

// Reads one part starting right after its boundary line; `at` moves to the CRLF before the next boundary.
Result<MultipartPart> read_part(std::string_view body, std::string_view delimiter, std::size_t& at,
                                const MultipartLimits& limits) {
  std::string_view block;
  if (body.substr(at).starts_with(kCrlf)) {
    at += kCrlf.size();  // no headers at all: reported below as a missing Content-Disposition
  } else {
    const auto window = body.substr(at, limits.max_header_bytes);
    const auto end = window.find("\r\n\r\n");
    if (end == std::string_view::npos) {
      if (window.size() == limits.max_header_bytes)
        return problems::bad_request("A part's headers exceed " + std::to_string(limits.max_header_bytes) + " bytes.")
            .with_code("part_header_too_large");
      return malformed("A part's headers are not terminated by an empty line.");
    }
    block = window.substr(0, end);
    at += end + 4;
  }
  const auto headers = read_header_lines(block, limits);
  if (!headers) return headers.error();
  auto part = part_from_headers(*headers);
  if (!part) return part.error();
  const auto next = body.find(std::string(kCrlf) + std::string(delimiter), at);
  if (next == std::string_view::npos) return malformed("The body ends without its final boundary.");
  part->body = body.substr(at, next - at);
  at = next;
  return part;
}

// The first delimiter: at the very start, or at the start of a line after a preamble.
std::optional<std::size_t> first_delimiter(std::string_view body, std::string_view delimiter) {
  if (body.starts_with(delimiter)) return 0;
  const auto found = body.find(std::string(kCrlf) + std::string(delimiter));
  if (found == std::string_view::npos) return std::nullopt;
  return found + kCrlf.size();
}

enum class AfterDelimiter { Part, End, Invalid };

// After "--boundary": "--" closes the body; otherwise optional padding then CRLF must follow (else the
// boundary text occurred inside the content, which RFC 2046 forbids and parsers would split differently).
AfterDelimiter after_delimiter(std::string_view body, std::size_t& at) {
  if (body.substr(at).starts_with("--")) return AfterDelimiter::End;
  skip_spaces(body, at);
  if (!body.substr(at).starts_with(kCrlf)) return AfterDelimiter::Invalid;
  at += kCrlf.size();
  return AfterDelimiter::Part;
}
}  // namespace

Result<std::string> multipart_boundary(std::string_view content_type) {
  const auto type_end = std::min(content_type.find(';'), content_type.size());
  if (!iequals(trim(content_type.substr(0, type_end)), "multipart/form-data")) return not_multipart();
  const auto parameters = parse_parameters(content_type.substr(type_end), true);
  if (!parameters) return malformed("The Content-Type parameters are malformed.");
  auto boundary = unique_parameter(*parameters, "boundary");
  if (!boundary) return boundary.error();
  if (!*boundary) return malformed("The Content-Type has no boundary.");
  if (!valid_boundary(**boundary)) return malformed("The multipart boundary is invalid.");
  return std::move(**boundary);
}

Result<std::vector<MultipartPart>> parse_multipart(std::string_view content_type, std::string_view body,
                                                   const MultipartLimits& limits) {
  const auto boundary = multipart_boundary(content_type);
  if (!boundary) return boundary.error();
  const auto delimiter = "--" + *boundary;
  const auto start = first_delimiter(body, delimiter);
  if (!start) return malformed("The body does not contain the boundary.");
  std::vector<MultipartPart> parts;
  std::size_t at = *start;
  for (;;) {
    at += delimiter.size();
    const auto next = after_delimiter(body, at);
    if (next == AfterDelimiter::End) return parts;  // anything after the close delimiter is an epilogue
    if (next == AfterDelimiter::Invalid) return malformed("A boundary line is malformed.");
    if (parts.size() == limits.max_parts)
      return problems::bad_request("The body has more than " + std::to_string(limits.max_parts) + " parts.")
          .with_code("too_many_parts");
    auto part = read_part(body, delimiter, at, limits);
    if (!part) return part.error();
    parts.push_back(std::move(*part));
    at += kCrlf.size();
  }
}

Result<std::vector<MultipartPart>> parse_multipart(const Request& request, const MultipartLimits& limits) {
  const auto content_type = request.header("Content-Type");
  if (!content_type) return not_multipart();
  return parse_multipart(*content_type, request.body, limits);
}

const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name) {
  const auto found = std::find_if(parts.begin(), parts.end(), [&](const auto& part) { return part.name == name; });
  return found == parts.end() ? nullptr : &*found;
}

}  // namespace emporium::http
