#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/request.hpp"
#include "support/problem.hpp"

namespace emporium::http {

// The decoded query parameters of a request ("+" and %20 are spaces), in order.
class QueryParams {
 public:
  // Nullopt when the query string is not well-formed (bad percent-encoding).
  static std::optional<QueryParams> parse(std::string_view raw_query);

  std::optional<std::string_view> get(std::string_view key) const;  // the first value for key
  const std::vector<std::pair<std::string, std::string>>& all() const { return params_; }

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

// Reads typed query parameters, collecting every error for one 400 `invalid_query` answer.
class QueryReader {
 public:
  explicit QueryReader(const Request& request);

  std::optional<std::string> text(std::string_view key, std::size_t max_length = 200);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(std::string_view key);
  // The parameters whose names start with `prefix` ("attr." → {"color", "red"}).
  std::vector<std::pair<std::string, std::string>> with_prefix(std::string_view prefix);
  // Adds an error for a rule that types alone cannot express.
  void fail(std::string_view key, std::string message) { errors_.push_back({std::string(key), std::move(message)}); }
  // Reports parameters nobody asked for.
  void reject_unknown();
  // Ok, or the 400 Problem listing every bad parameter.
  Result<void> finish();

 private:
  std::optional<QueryParams> params_;
  std::vector<FieldError> errors_;
  std::vector<std::string> seen_;
  std::vector<std::string> seen_prefixes_;
};

// ?page=&limit=&cursor= per the API conventions (limit 1..100, default 20).
struct PageRequest {
  std::int64_t page = 1;
  std::int64_t limit = 20;
  std::optional<std::string> cursor;
  std::int64_t offset() const { return (page - 1) * limit; }
};
PageRequest read_page(QueryReader& reader);

// {"page", "limit", "total", "totalPages", "nextCursor"?}
boost::json::object pagination_json(const PageRequest& page, std::int64_t total,
                                    const std::optional<std::string>& next_cursor = std::nullopt);

}  // namespace emporium::http
