#include "http/json_body.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>

#include <algorithm>

#include "support/strings.hpp"

namespace emporium::http {
namespace {
constexpr unsigned kMaxDepth = 32;

bool is_json_content_type(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  const auto media = trim(content_type.substr(0, semicolon));
  return iequals(media, "application/json") || (media.size() > 5 && iequals(media.substr(media.size() - 5), "+json"));
}

std::string length_message(const StringRule& rule) {
  if (rule.min_length > 0 && rule.max_length != std::numeric_limits<std::size_t>::max())
    return "must be " + std::to_string(rule.min_length) + " to " + std::to_string(rule.max_length) + " characters";
  if (rule.min_length > 0) return "must be at least " + std::to_string(rule.min_length) + " characters";
  return "must be at most " + std::to_string(rule.max_length) + " characters";
}
}  // namespace

Result<boost::json::value> parse_json_body(const Request& request) {
  const auto content_type = request.header("Content-Type");
  if (!content_type || !is_json_content_type(*content_type))
    return problems::unsupported_media_type("Send the body as application/json.");
  if (request.body.empty()) return problems::malformed_json("The request body is empty.");
  boost::json::parse_options options;
  options.max_depth = kMaxDepth;
  boost::system::error_code error;
  auto value = boost::json::parse(request.body, error, {}, options);
  if (error) return problems::malformed_json("The body is not valid JSON: " + error.message() + ".");
  return value;
}

ObjectReader::ObjectReader(const boost::json::value& value, std::vector<FieldError>& errors, std::string path)
    : object_(value.if_object()), errors_(errors), path_(std::move(path)) {
  if (!object_) errors_.push_back({path_.empty() ? "body" : path_, "must be a JSON object"});
}

std::string ObjectReader::field(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

bool ObjectReader::is_null(std::string_view key) const {
  if (!object_) return false;
  const auto* value = object_->if_contains(key);
  return value && value->is_null();
}

void ObjectReader::fail(std::string_view key, std::string message) {
  errors_.push_back({field(key), std::move(message)});
}

const boost::json::value* ObjectReader::find(std::string_view key, bool required) {
  if (!object_) return nullptr;
  seen_.push_back(key);
  const auto* value = object_->if_contains(key);
  if (value && value->is_null() && !required) return nullptr;  // null means absent for optional fields
  if (!value || value->is_null()) {
    if (required) fail(key, "is required");
    return nullptr;
  }
  return value;
}

std::optional<std::string> ObjectReader::read_string(const boost::json::value& value, const std::string& name,
                                                     const StringRule& rule) {
  const auto* text = value.if_string();
  if (!text) {
    errors_.push_back({name, "must be a string"});
    return std::nullopt;
  }
  std::string_view view(*text);
  if (rule.trim) view = trim(view);
  const auto length = utf8_length(view);
  if (length < rule.min_length || length > rule.max_length) {
    errors_.push_back({name, rule.min_length == 1 && length == 0 ? "must not be empty" : length_message(rule)});
    return std::nullopt;
  }
  if (!rule.one_of.empty() && std::find(rule.one_of.begin(), rule.one_of.end(), view) == rule.one_of.end()) {
    std::string allowed;
    for (const auto option : rule.one_of) allowed += (allowed.empty() ? "" : ", ") + std::string(option);
    errors_.push_back({name, "must be one of: " + allowed});
    return std::nullopt;
  }
  return std::string(view);
}

std::optional<std::int64_t> ObjectReader::read_int(const boost::json::value& value, const std::string& name,
                                                   const IntRule& rule) {
  std::int64_t number = 0;
  if (const auto* signed_number = value.if_int64()) {
    number = *signed_number;
  } else if (const auto* unsigned_number = value.if_uint64()) {
    if (*unsigned_number > static_cast<std::uint64_t>(rule.max)) {
      errors_.push_back({name, "must be at most " + std::to_string(rule.max)});
      return std::nullopt;
    }
    number = static_cast<std::int64_t>(*unsigned_number);
  } else {
    errors_.push_back({name, "must be an integer"});
    return std::nullopt;
  }
  if (number < rule.min) {
    errors_.push_back({name, "must be at least " + std::to_string(rule.min)});
    return std::nullopt;
  }
  if (number > rule.max) {
    errors_.push_back({name, "must be at most " + std::to_string(rule.max)});
    return std::nullopt;
  }
  return number;
}

void ObjectReader::required(std::string_view key, std::string& out, const StringRule& rule) {
  if (const auto* value = find(key, true)) {
    if (auto text = read_string(*value, field(key), rule)) out = std::move(*text);
  }
}

void ObjectReader::optional(std::string_view key, std::optional<std::string>& out, const StringRule& rule) {
  if (const auto* value = find(key, false)) out = read_string(*value, field(key), rule);
}

void ObjectReader::required(std::string_view key, std::int64_t& out, const IntRule& rule) {
  if (const auto* value = find(key, true)) {
    if (auto number = read_int(*value, field(key), rule)) out = *number;
  }
}

void ObjectReader::optional(std::string_view key, std::optional<std::int64_t>& out, const IntRule& rule) {
  if (const auto* value = find(key, false)) out = read_int(*value, field(key), rule);
}

void ObjectReader::required(std::string_view key, bool& out) {
  if (const auto* value = find(key, true)) {
    if (const auto* flag = value->if_bool()) {
      out = *flag;
    } else {
      fail(key, "must be true or false");
    }
  }
}

void ObjectReader::optional(std::string_view key, std::optional<bool>& out) {
  if (const auto* value = find(key, false)) {
    if (const auto* flag = value->if_bool()) {
      out = *flag;
    } else {
      fail(key, "must be true or false");
    }
  }
}

void ObjectReader::object(std::string_view key, bool required, const std::function<void(ObjectReader&)>& read) {
  if (const auto* value = find(key, required)) {
    ObjectReader nested(*value, errors_, field(key));
    if (nested.is_object()) {
      read(nested);
      nested.reject_unknown();
    }
  }
}

void ObjectReader::objects(std::string_view key, bool required, std::size_t max_items,
                           const std::function<void(ObjectReader&, std::size_t)>& read) {
  const auto* value = find(key, required);
  if (!value) return;
  const auto* items = value->if_array();
  if (!items) return fail(key, "must be an array");
  if (items->size() > max_items) return fail(key, "must have at most " + std::to_string(max_items) + " items");
  for (std::size_t i = 0; i < items->size(); ++i) {
    ObjectReader nested((*items)[i], errors_, field(key) + "[" + std::to_string(i) + "]");
    if (!nested.is_object()) continue;
    read(nested, i);
    nested.reject_unknown();
  }
}

void ObjectReader::string_map(std::string_view key, std::optional<std::map<std::string, std::string>>& out,
                              std::size_t max_entries, const StringRule& key_rule, const StringRule& value_rule) {
  const auto* value = find(key, false);
  if (!value) return;
  const auto* entries = value->if_object();
  if (!entries) return fail(key, "must be an object of strings");
  if (entries->size() > max_entries) return fail(key, "must have at most " + std::to_string(max_entries) + " entries");
  std::map<std::string, std::string> result;
  bool ok = true;
  for (const auto& entry : *entries) {
    const auto name = field(key) + "." + std::string(entry.key());
    auto entry_key = read_string(boost::json::value(entry.key()), name, key_rule);
    auto entry_value = read_string(entry.value(), name, value_rule);
    ok = ok && entry_key && entry_value;
    if (entry_key && entry_value) result.emplace(std::move(*entry_key), std::move(*entry_value));
  }
  if (ok) out = std::move(result);
}

void ObjectReader::reject_unknown() {
  if (!object_) return;
  for (const auto& entry : *object_) {
    if (std::find(seen_.begin(), seen_.end(), entry.key()) == seen_.end()) fail(entry.key(), "is not a known field");
  }
}

void merge_field_errors(std::vector<FieldError>& into, std::vector<FieldError> more) {
  for (auto& error : more) {
    const auto reported = [&](const FieldError& e) { return e.field == error.field; };
    if (std::none_of(into.begin(), into.end(), reported)) into.push_back(std::move(error));
  }
}

}  // namespace emporium::http
