#include "storage/rows.hpp"

#include <stdexcept>

namespace emporium::storage {

const Cell& Row::cell(std::size_t column) const {
  if (column >= rows_.columns().size()) throw std::logic_error("column index out of range");
  return rows_.cell(index_, column);
}

bool Row::is_null(std::size_t column) const { return std::holds_alternative<std::monostate>(cell(column)); }

std::int64_t Row::integer(std::size_t column) const {
  const auto& value = cell(column);
  if (const auto* number = std::get_if<std::int64_t>(&value)) return *number;
  throw std::logic_error("column " + rows_.columns()[column] + " is not an integer");
}

double Row::real(std::size_t column) const {
  const auto& value = cell(column);
  if (const auto* number = std::get_if<double>(&value)) return *number;
  if (const auto* number = std::get_if<std::int64_t>(&value)) return static_cast<double>(*number);
  throw std::logic_error("column " + rows_.columns()[column] + " is not a number");
}

bool Row::boolean(std::size_t column) const { return integer(column) != 0; }

std::string_view Row::text_view(std::size_t column) const {
  const auto& value = cell(column);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  throw std::logic_error("column " + rows_.columns()[column] + " is not text");
}

std::string Row::text(std::size_t column) const { return std::string(text_view(column)); }

std::optional<std::int64_t> Row::optional_integer(std::size_t column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

std::optional<std::string> Row::optional_text(std::size_t column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

}  // namespace emporium::storage
