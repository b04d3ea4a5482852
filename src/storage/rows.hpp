#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/value.hpp"

namespace emporium::storage {

class Rows;

// A row of a result. Accessors convert the cell and throw std::logic_error on a type mismatch (a bug).
class Row {
 public:
  Row(const Rows& rows, std::size_t index) : rows_(rows), index_(index) {}

  bool is_null(std::size_t column) const;
  std::int64_t integer(std::size_t column) const;
  double real(std::size_t column) const;
  bool boolean(std::size_t column) const;
  std::string text(std::size_t column) const;
  std::string_view text_view(std::size_t column) const;  // valid while the Rows live
  std::optional<std::int64_t> optional_integer(std::size_t column) const;
  std::optional<std::string> optional_text(std::size_t column) const;

 private:
  const Cell& cell(std::size_t column) const;
  const Rows& rows_;
  std::size_t index_;
};

// The rows a query returned, with their column names, held in memory.
class Rows {
 public:
  Rows() = default;
  explicit Rows(std::vector<std::string> columns) : columns_(std::move(columns)) {}

  std::size_t size() const { return columns_.empty() ? 0 : cells_.size() / columns_.size(); }
  bool empty() const { return size() == 0; }
  Row operator[](std::size_t index) const { return Row(*this, index); }
  Row front() const { return Row(*this, 0); }
  const std::vector<std::string>& columns() const { return columns_; }

  // For backends: append one cell (row-major order).
  void push(Cell cell) { cells_.push_back(std::move(cell)); }
  const Cell& cell(std::size_t row, std::size_t column) const { return cells_[row * columns_.size() + column]; }

  class Iterator {
   public:
    Iterator(const Rows& rows, std::size_t index) : rows_(&rows), index_(index) {}
    Row operator*() const { return Row(*rows_, index_); }
    Iterator& operator++() {
      ++index_;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return index_ != other.index_; }

   private:
    const Rows* rows_;
    std::size_t index_;
  };
  Iterator begin() const { return Iterator(*this, 0); }
  Iterator end() const { return Iterator(*this, size()); }

 private:
  std::vector<std::string> columns_;
  std::vector<Cell> cells_;
};

}  // namespace emporium::storage
