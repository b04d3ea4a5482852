#include "http/query.hpp"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse_query.hpp>

#include <algorithm>
#include <charconv>

namespace emporium::http {

std::optional<QueryParams> QueryParams::parse(std::string_view raw_query) {
  QueryParams result;
  if (raw_query.empty()) return result;
  // Boost.URL 1.81's parse_query runs strlen() on its argument: hand it a NUL-terminated copy, never a
  // view into the request (which would read past the query).
  const std::string terminated(raw_query);
  auto parsed = boost::urls::parse_query(terminated);
  if (!parsed) return std::nullopt;
  const boost::urls::encoding_opts plus_is_space(true, false, false);
  for (const auto& param : *parsed) {
    result.params_.emplace_back(param.key.decode(plus_is_space), param.value.decode(plus_is_space));
  }
  return result;
}

std::optional<std::string_view> QueryParams::get(std::string_view key) const {
  for (const auto& [name, value] : params_) {
    if (name == key) return std::string_view(value);
  }
  return std::nullopt;
}

QueryReader::QueryReader(const Request& request) : params_(QueryParams::parse(request.raw_query)) {
  if (!params_) errors_.push_back({"query", "is not a well-formed query string"});
}

std::optional<std::string> QueryReader::text(std::string_view key, std::size_t max_length) {
  seen_.emplace_back(key);
  if (!params_) return std::nullopt;
  const auto value = params_->get(key);
  if (!value) return std::nullopt;
  if (value->size() > max_length) {
    errors_.push_back({std::string(key), "must be at most " + std::to_string(max_length) + " characters"});
    return std::nullopt;
  }
  return std::string(*value);
}

std::optional<std::int64_t> QueryReader::integer(std::string_view key, std::int64_t min, std::int64_t max) {
  const auto value = text(key, 20);
  if (!value) return std::nullopt;
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), number);
  if (error != std::errc() || end != value->data() + value->size() || number < min || number > max) {
    errors_.push_back(
        {std::string(key), "must be an integer from " + std::to_string(min) + " to " + std::to_string(max)});
    return std::nullopt;
  }
  return number;
}

std::optional<bool> QueryReader::boolean(std::string_view key) {
  const auto value = text(key, 5);
  if (!value) return std::nullopt;
  if (*value == "true") return true;
  if (*value == "false") return false;
  errors_.push_back({std::string(key), "must be true or false"});
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> QueryReader::with_prefix(std::string_view prefix) {
  seen_prefixes_.emplace_back(prefix);
  std::vector<std::pair<std::string, std::string>> matches;
  if (!params_) return matches;
  for (const auto& [name, value] : params_->all()) {
    if (name.size() > prefix.size() && name.starts_with(prefix))
      matches.emplace_back(name.substr(prefix.size()), value);
  }
  return matches;
}

void QueryReader::reject_unknown() {
  if (!params_) return;
  for (const auto& [name, value] : params_->all()) {
    const bool known = std::find(seen_.begin(), seen_.end(), name) != seen_.end() ||
                       std::any_of(seen_prefixes_.begin(), seen_prefixes_.end(),
                                   [&](const std::string& prefix) { return name.starts_with(prefix); });
    if (!known) errors_.push_back({name, "is not a known query parameter"});
  }
}

Result<void> QueryReader::finish() {
  if (errors_.empty()) return {};
  return problems::invalid_query(std::move(errors_));
}

PageRequest read_page(QueryReader& reader) {
  PageRequest page;
  page.page = reader.integer("page", 1, 1'000'000).value_or(1);
  page.limit = reader.integer("limit", 1, 100).value_or(20);
  page.cursor = reader.text("cursor", 512);
  return page;
}

boost::json::object pagination_json(const PageRequest& page, std::int64_t total,
                                    const std::optional<std::string>& next_cursor) {
  boost::json::object pagination;
  pagination["page"] = page.page;
  pagination["limit"] = page.limit;
  pagination["total"] = total;
  pagination["totalPages"] = (total + page.limit - 1) / page.limit;
  if (next_cursor) pagination["nextCursor"] = *next_cursor;
  return pagination;
}

}  // namespace emporium::http
