#include "storage/postgres/postgres_values.hpp"

#include <fmt/format.h>

#include <charconv>
#include <system_error>
#include <utility>
#include <variant>

#include "storage/database.hpp"

namespace emporium::storage::postgres {
namespace {

// Type OIDs from pg_type (stable across versions; the server headers that name them are not installed).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;
constexpr Oid kInferType = 0;  // the server infers the type from how the parameter is used

std::string as_text(const Param& param) {
  if (const auto* number = std::get_if<std::int64_t>(&param)) return std::to_string(*number);
  if (const auto* real = std::get_if<double>(&param)) return fmt::format("{}", *real);  // shortest exact form
  if (const auto* flag = std::get_if<bool>(&param)) return *flag ? "t" : "f";
  const auto text = std::get<std::string_view>(param);
  if (text.find('\0') != std::string_view::npos)
    throw QueryError("a text parameter contains a NUL byte, which PostgreSQL text cannot hold (bind a Blob)");
  return std::string(text);
}

enum class CellKind { Integer, Boolean, Real, Bytes, Text };

CellKind kind_of(Oid type) {
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
      return CellKind::Integer;
    case kBoolOid:
      return CellKind::Boolean;
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
      return CellKind::Real;
    case kByteaOid:
      return CellKind::Bytes;
    default:
      return CellKind::Text;
  }
}

template <class Number>
Number parse_number(std::string_view text) {
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size())
    throw QueryError(fmt::format("cannot read \"{}\" as a number", text.substr(0, 40)));
  return value;
}

std::string decode_bytea(std::string_view hex) {
  if (!hex.starts_with("\\x") || hex.size() % 2 != 0) throw QueryError("bytea value is not in hex format");
  const auto nibble = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw QueryError("bytea value is not in hex format");
  };
  std::string bytes;
  bytes.reserve(hex.size() / 2 - 1);
  for (std::size_t i = 2; i < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
  }
  return bytes;
}

Cell read_cell(std::string_view text, CellKind kind) {
  switch (kind) {
    case CellKind::Integer:
      return parse_number<std::int64_t>(text);
    case CellKind::Boolean:
      return std::int64_t{text == "t" ? 1 : 0};
    case CellKind::Real:
      return parse_number<double>(text);
    case CellKind::Bytes:
      return decode_bytea(text);
    case CellKind::Text:
      break;
  }
  return std::string(text);
}

}  // namespace

// ---- Parameters ------------------------------------------------------------------------------------

Oid type_of(const Param& param) {
  if (std::holds_alternative<std::int64_t>(param)) return kInt8Oid;
  if (std::holds_alternative<bool>(param)) return kBoolOid;
  if (std::holds_alternative<double>(param)) return kFloat8Oid;
  if (std::holds_alternative<Blob>(param)) return kByteaOid;
  return kInferType;
}

std::string cache_key(std::string_view sql, std::span<const Param> params) {
  std::string key(sql);
  key.push_back('\0');
  for (const auto& param : params) key.push_back(static_cast<char>('0' + param.index()));
  return key;
}

BoundParams::BoundParams(std::span<const Param> params) {
  text_.reserve(params.size());  // never reallocates: values_ points into these strings
  for (const auto& param : params) bind(param);
}

void BoundParams::bind(const Param& param) {
  if (std::holds_alternative<std::nullptr_t>(param)) return add(nullptr, 0, 0);
  if (const auto* blob = std::get_if<Blob>(&param)) {
    // A null pointer would mean SQL NULL, so an empty blob points at an empty string.
    return add(blob->bytes.empty() ? "" : blob->bytes.data(), static_cast<int>(blob->bytes.size()), 1);
  }
  add_text(as_text(param));
}

void BoundParams::add_text(std::string text) {
  text_.push_back(std::move(text));
  add(text_.back().c_str(), static_cast<int>(text_.back().size()), 0);
}

void BoundParams::add(const char* value, int length, int format) {
  values_.push_back(value);
  lengths_.push_back(length);
  formats_.push_back(format);
}

// ---- Results ---------------------------------------------------------------------------------------

Rows to_rows(const PGresult* result) {
  const int columns = PQnfields(result);
  std::vector<std::string> names;
  std::vector<CellKind> kinds;
  for (int column = 0; column < columns; ++column) {
    names.emplace_back(PQfname(result, column));
    kinds.push_back(kind_of(PQftype(result, column)));
  }
  Rows rows(std::move(names));
  for (int row = 0; row < PQntuples(result); ++row) {
    for (int column = 0; column < columns; ++column) {
      if (PQgetisnull(result, row, column)) {
        rows.push(std::monostate{});
      } else {
        const std::string_view text(PQgetvalue(result, row, column),
                                    static_cast<std::size_t>(PQgetlength(result, row, column)));
        rows.push(read_cell(text, kinds[static_cast<std::size_t>(column)]));
      }
    }
  }
  return rows;
}

std::int64_t affected_rows(PGresult* result) {
  const std::string_view count = PQcmdTuples(result);
  return count.empty() ? 0 : parse_number<std::int64_t>(count);
}

}  // namespace emporium::storage::postgres
