#include "catalog/product_cursor.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <vector>

#include "support/crypto.hpp"

namespace emporium::catalog {
namespace {

constexpr std::string_view kVersion = "1";
constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto n = (std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16) |
                   (std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8) |
                   std::uint32_t{static_cast<unsigned char>(bytes[i + 2])};
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(n >> shift) & 0x3F];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t n = std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16;
    if (rest == 2) n |= std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8;
    out += kAlphabet[(n >> 18) & 0x3F];
    out += kAlphabet[(n >> 12) & 0x3F];
    if (rest == 2) out += kAlphabet[(n >> 6) & 0x3F];
  }
  return out;
}

// Nullopt for anything but canonical unpadded base64url.
std::optional<std::string> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const auto digit = kAlphabet.find(c);
    if (digit == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(digit);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  if ((buffer & ((1u << bits) - 1)) != 0) return std::nullopt;  // leftover bits must be zero
  return out;
}

// One field of the fingerprint's input, length-prefixed so that no two filter sets write the same text.
void put(std::string& out, std::string_view name, const std::optional<std::string>& value) {
  out += name;
  if (!value) {
    out += "-;";
    return;
  }
  out += ':' + std::to_string(value->size()) + ':' + *value + ';';
}

std::optional<std::string> number(const std::optional<std::int64_t>& value) {
  if (!value) return std::nullopt;
  return std::to_string(*value);
}

bool is_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && error == std::errc() && end == text.data() + text.size();
}

// Splits "a\nb\nc\nd\nrest" into four fields and the rest (which may hold newlines).
std::optional<std::array<std::string_view, 5>> split_fields(std::string_view text) {
  std::array<std::string_view, 5> fields;
  for (std::size_t i = 0; i < 4; ++i) {
    const auto end = text.find('\n');
    if (end == std::string_view::npos) return std::nullopt;
    fields[i] = text.substr(0, end);
    text.remove_prefix(end + 1);
  }
  fields[4] = text;
  return fields;
}

// Binds the position to the filters, and catches a cursor cut short or altered.
std::string check_of(const ProductQuery& query, std::string_view id, std::string_view key) {
  std::string text = filter_fingerprint(query);
  text += '\n';
  text += id;
  text += '\n';
  text += key;
  return sha256_hex(text).substr(0, 16);
}
}  // namespace

std::string to_string(const ProductSort& sort) {
  const std::string_view direction = sort.descending ? ":desc" : ":asc";
  switch (sort.field) {
    case SortField::CreatedAt:
      return "createdAt" + std::string(direction);
    case SortField::Price:
      return "price" + std::string(direction);
    case SortField::Name:
      return "name" + std::string(direction);
    case SortField::Rating:
      return "rating" + std::string(direction);
    case SortField::Relevance:
      break;
  }
  return "relevance";
}

std::string filter_fingerprint(const ProductQuery& query) {
  std::string text;
  put(text, "category", query.category_path);
  put(text, "minPrice", number(query.min_price));
  put(text, "maxPrice", number(query.max_price));
  put(text, "vendor", query.vendor_id);
  put(text, "inStock", query.in_stock_only ? std::optional<std::string>("1") : std::nullopt);
  put(text, "minRating", number(query.min_rating_x100));
  auto attributes = query.attributes;
  std::sort(attributes.begin(), attributes.end());
  for (const auto& [name, value] : attributes) {
    put(text, "attr", name);
    put(text, "=", value);
  }
  put(text, "q", query.text);
  return sha256_hex(text).substr(0, 16);
}

std::string encode_product_cursor(const ProductQuery& query, const ProductCursor& position) {
  std::string text(kVersion);
  text += '\n' + to_string(query.sort) + '\n' + check_of(query, position.id, position.sort_key) + '\n' + position.id +
          '\n' + position.sort_key;
  return base64url_encode(text);
}

Result<ProductCursor> decode_product_cursor(const ProductQuery& query, std::string_view text) {
  const auto decoded = base64url_decode(text);
  if (!decoded) return invalid_cursor();
  const auto fields = split_fields(*decoded);
  if (!fields) return invalid_cursor();
  const auto& [version, sort, check, id, key] = *fields;
  if (version != kVersion || sort != to_string(query.sort) || id.empty() || check != check_of(query, id, key))
    return invalid_cursor();
  if (query.sort.field != SortField::Name && !is_integer(key)) return invalid_cursor();
  return ProductCursor{.sort_key = std::string(key), .id = std::string(id)};
}

Problem invalid_cursor() {
  return problems::bad_request("The cursor is not valid for this list: start again from the first page.")
      .with_code("invalid_cursor");
}

}  // namespace emporium::catalog
