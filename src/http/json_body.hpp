#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/request.hpp"
#include "support/problem.hpp"

namespace emporium::http {

struct StringRule {
  std::size_t min_length = 0;  // in characters (code points), after trimming
  std::size_t max_length = 1000;
  bool trim = true;
  std::vector<std::string_view> one_of = {};  // when not empty, the only accepted values
};

struct IntRule {
  std::int64_t min = std::numeric_limits<std::int64_t>::min();
  std::int64_t max = std::numeric_limits<std::int64_t>::max();
};

// Parses a request body as JSON: 415 unless the Content-Type is JSON, 400 when it is not valid JSON (or
// nests deeper than 32 levels, or is not valid UTF-8).
Result<boost::json::value> parse_json_body(const Request& request);

// Reads the fields of one JSON object into C++ values, collecting every problem instead of stopping at the
// first: wrong types, missing required fields, broken rules, and (reject_unknown) fields nobody read.
// Field names in errors are paths: "variants[2].sku".
class ObjectReader {
 public:
  ObjectReader(const boost::json::value& value, std::vector<FieldError>& errors, std::string path = "");

  bool is_object() const { return object_ != nullptr; }

  void required(std::string_view key, std::string& out, const StringRule& rule = {});
  void optional(std::string_view key, std::optional<std::string>& out, const StringRule& rule = {});
  void required(std::string_view key, std::int64_t& out, const IntRule& rule = {});
  void optional(std::string_view key, std::optional<std::int64_t>& out, const IntRule& rule = {});
  void required(std::string_view key, bool& out);
  void optional(std::string_view key, std::optional<bool>& out);
  // A nested object; `read` runs only when it is present (and an error is reported when required and absent).
  void object(std::string_view key, bool required, const std::function<void(ObjectReader&)>& read);
  // An array of objects, each read by `read(reader, index)`.
  void objects(std::string_view key, bool required, std::size_t max_items,
               const std::function<void(ObjectReader&, std::size_t)>& read);
  // {"name": "value", …} with string values.
  void string_map(std::string_view key, std::optional<std::map<std::string, std::string>>& out, std::size_t max_entries,
                  const StringRule& key_rule, const StringRule& value_rule);

  // True when the field is present with the value null (PATCH: "clear this"); optional() treats it as absent.
  bool is_null(std::string_view key) const;
  // Adds an error for a rule that types alone cannot express.
  void fail(std::string_view key, std::string message);
  // Reports every field of the object that no read above asked for (no mass assignment).
  void reject_unknown();
  std::string field(std::string_view key) const;

 private:
  const boost::json::value* find(std::string_view key, bool required);
  std::optional<std::string> read_string(const boost::json::value& value, const std::string& name,
                                         const StringRule& rule);
  std::optional<std::int64_t> read_int(const boost::json::value& value, const std::string& name, const IntRule& rule);

  const boost::json::object* object_ = nullptr;
  std::vector<FieldError>& errors_;
  std::string path_;
  std::vector<std::string_view> seen_;
};

// The whole job of a handler's body parsing: parse, read with `fill(reader, out)`, reject unknown fields,
// and answer 400/415/422 with every error at once.
template <class T, class Fill>
Result<T> read_json_body(const Request& request, Fill&& fill);

// Adds the errors of `more` whose field has no error yet in `into`: one message per field, the reader's first.
void merge_field_errors(std::vector<FieldError>& into, std::vector<FieldError> more);

// read_json_body, plus the rules a service checks on the whole value (`rules(const T&)` returns their errors)
// in the same answer: a client sees a missing field, a wrong type and a broken rule at once.
template <class T, class Fill, class Rules>
Result<T> read_json_body(const Request& request, Fill&& fill, Rules&& rules) {
  auto parsed = parse_json_body(request);
  if (!parsed) return parsed.error();
  T out{};
  std::vector<FieldError> errors;
  ObjectReader reader(*parsed, errors);
  if (reader.is_object()) {
    fill(reader, out);
    reader.reject_unknown();
    merge_field_errors(errors, rules(out));
  }
  if (!errors.empty()) return problems::validation_failed(std::move(errors));
  return out;
}

template <class T, class Fill>
Result<T> read_json_body(const Request& request, Fill&& fill) {
  return read_json_body<T>(request, std::forward<Fill>(fill), [](const T&) { return std::vector<FieldError>{}; });
}

}  // namespace emporium::http
