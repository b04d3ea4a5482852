#include "storage/postgres/postgres_placeholders.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <cstddef>
#include <system_error>

namespace emporium::storage::postgres {
namespace {

bool is_word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

std::size_t skip_quoted(std::string_view sql, std::size_t open, bool backslash_escapes) {
  const char quote = sql[open];
  for (std::size_t i = open + 1; i < sql.size(); ++i) {
    if (backslash_escapes && sql[i] == '\\') {
      ++i;
    } else if (sql[i] == quote) {
      if (i + 1 < sql.size() && sql[i + 1] == quote) {
        ++i;  // a doubled quote stands for itself
      } else {
        return i + 1;
      }
    }
  }
  return sql.size();
}

std::size_t skip_block_comment(std::string_view sql, std::size_t open) {
  int depth = 0;  // PostgreSQL block comments nest
  for (std::size_t i = open; i + 1 < sql.size(); ++i) {
    if (sql.substr(i, 2) == "/*") {
      ++depth;
      ++i;
    } else if (sql.substr(i, 2) == "*/") {
      ++i;
      if (--depth == 0) return i + 1;
    }
  }
  return sql.size();
}

// "$$…$$" or "$tag$…$tag$" starting at `open`: where it ends, or `open` when no dollar quote starts there.
std::size_t skip_dollar_quoted(std::string_view sql, std::size_t open) {
  std::size_t i = open + 1;
  if (i < sql.size() && sql[i] != '$') {
    if (std::isdigit(static_cast<unsigned char>(sql[i]))) return open;
    while (i < sql.size() && is_word_char(sql[i]) && sql[i] != '$') ++i;
  }
  if (i >= sql.size() || sql[i] != '$') return open;
  const auto tag = sql.substr(open, i + 1 - open);
  const auto close = sql.find(tag, i + 1);
  return close == std::string_view::npos ? sql.size() : close + tag.size();
}

}  // namespace

int highest_placeholder(std::string_view sql) {
  int highest = 0;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    const bool after_word = i > 0 && is_word_char(sql[i - 1]);
    if (c == '\'') {
      const bool escape_string =
          after_word && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !is_word_char(sql[i - 2]));
      i = skip_quoted(sql, i, escape_string);
    } else if (c == '"') {
      i = skip_quoted(sql, i, false);
    } else if (sql.substr(i, 2) == "--") {
      i = std::min(sql.find('\n', i), sql.size());
    } else if (sql.substr(i, 2) == "/*") {
      i = skip_block_comment(sql, i);
    } else if (c == '$' && !after_word && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
      int number = 0;
      const auto [end, error] = std::from_chars(sql.data() + i + 1, sql.data() + sql.size(), number);
      highest = std::max(highest, error == std::errc() ? number : INT_MAX);
      i = static_cast<std::size_t>(end - sql.data());
    } else if (c == '$' && !after_word && skip_dollar_quoted(sql, i) != i) {
      i = skip_dollar_quoted(sql, i);
    } else {
      ++i;
    }
  }
  return highest;
}

}  // namespace emporium::storage::postgres
