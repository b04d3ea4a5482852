#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace emporium::storage {

// Bytes to bind as a BLOB (SQLite) / bytea (PostgreSQL) parameter.
struct Blob {
  std::string_view bytes;
};

// One bound parameter. Values always reach SQL this way, never spliced into the statement text.
// Text is a view: it must outlive the call that binds it (it does, for the usual `{a, b, c}` argument lists).
using Param = std::variant<std::nullptr_t, std::int64_t, double, bool, std::string_view, Blob>;

template <class T>
Param nullable(const std::optional<T>& value) {
  if (!value) return nullptr;
  if constexpr (std::is_same_v<T, std::string>) {
    return std::string_view(*value);
  } else {
    return *value;
  }
}

// One result cell: NULL, an integer (also booleans), a real, or text/bytes.
using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;

}  // namespace emporium::storage
