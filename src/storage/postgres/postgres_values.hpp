#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/rows.hpp"
#include "storage/value.hpp"

namespace emporium::storage::postgres {

// The type a parameter is declared with when its statement is prepared; 0 (NULL, text) lets the server infer
// it from how the parameter is used.
Oid type_of(const Param& param);

// Types are fixed when a statement is prepared, so the same text bound with other types is another statement.
std::string cache_key(std::string_view sql, std::span<const Param> params);

// The parameter arrays libpq wants: text format for everything but bytea, which goes as raw bytes.
// Throws QueryError for text holding a NUL byte, which PostgreSQL text cannot hold.
class BoundParams {
 public:
  explicit BoundParams(std::span<const Param> params);
  int size() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return values_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  void bind(const Param& param);
  void add_text(std::string text);
  void add(const char* value, int length, int format);

  std::vector<std::string> text_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

// A text-format result as the Cells SQLite gives: integers, booleans as 0/1, reals, bytea as bytes, the rest
// as text. Throws QueryError for a value it cannot read.
Rows to_rows(const PGresult* result);

// The rows an INSERT, UPDATE or DELETE changed; 0 for other statements.
std::int64_t affected_rows(PGresult* result);

}  // namespace emporium::storage::postgres
