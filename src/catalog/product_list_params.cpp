#include "catalog/product_list_params.hpp"

#include <array>
#include <string_view>
#include <utility>

#include "http/query.hpp"
#include "support/strings.hpp"

namespace emporium::catalog {
namespace {

constexpr std::int64_t kMaxPrice = 1'000'000'000'000;
constexpr std::size_t kMaxQueryCharacters = 200;
constexpr std::size_t kMaxAttributeFilters = 10;
constexpr std::size_t kMaxAttributeCharacters = 100;
constexpr std::size_t kMaxIdLength = 100;

constexpr std::array<std::pair<std::string_view, SortField>, 4> kSortFields = {{
    {"createdAt", SortField::CreatedAt},
    {"price", SortField::Price},
    {"name", SortField::Name},
    {"rating", SortField::Rating},
}};
constexpr std::string_view kSortHelp =
    "must be one of createdAt, price, name or rating followed by :asc or :desc, or relevance";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "4.5" → 450: one digit, then at most two decimals, 0 … 5.
std::optional<std::int64_t> parse_rating(std::string_view text) {
  if (text.empty() || !is_digit(text[0])) return std::nullopt;
  std::int64_t value = (text[0] - '0') * 100;
  if (text.size() > 1) {
    if (text[1] != '.' || text.size() < 3 || text.size() > 4) return std::nullopt;
    for (std::size_t i = 2; i < text.size(); ++i) {
      if (!is_digit(text[i])) return std::nullopt;
      value += (text[i] - '0') * (i == 2 ? 10 : 1);
    }
  }
  if (value > 500) return std::nullopt;
  return value;
}

std::optional<ProductSort> parse_sort(std::string_view text) {
  if (text == "relevance" || text == "relevance:desc") return ProductSort{SortField::Relevance, true};
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto field = text.substr(0, colon);
  const auto direction = text.substr(colon + 1);
  if (direction != "asc" && direction != "desc") return std::nullopt;
  for (const auto& [name, value] : kSortFields) {
    if (name == field) return ProductSort{value, direction == "desc"};
  }
  return std::nullopt;
}

// Text that must be UTF-8 of 1 … max_characters characters.
bool check_text(http::QueryReader& reader, const std::string& field, std::string_view value,
                std::size_t max_characters) {
  if (value.empty()) {
    reader.fail(field, "must not be empty");
    return false;
  }
  if (!is_valid_utf8(value) || utf8_length(value) > max_characters) {
    reader.fail(field, "must be at most " + std::to_string(max_characters) + " characters of UTF-8 text");
    return false;
  }
  return true;
}

std::optional<std::string> read_required_text(http::QueryReader& reader, std::string_view key, std::size_t max) {
  auto value = reader.text(key, max * 4);
  if (value && !check_text(reader, std::string(key), *value, max)) return std::nullopt;
  return value;
}

void read_prices(http::QueryReader& reader, ProductQuery& query) {
  query.min_price = reader.integer("minPrice", 0, kMaxPrice);
  query.max_price = reader.integer("maxPrice", 0, kMaxPrice);
  if (query.min_price && query.max_price && *query.min_price > *query.max_price)
    reader.fail("minPrice", "must not be greater than maxPrice");
}

void read_search_text(http::QueryReader& reader, ProductQuery& query) {
  const auto text = reader.text("q", kMaxQueryCharacters * 4);
  if (!text || trim(*text).empty()) return;
  if (check_text(reader, "q", *text, kMaxQueryCharacters)) query.text = *text;
}

void read_rating(http::QueryReader& reader, ProductQuery& query) {
  const auto text = reader.text("minRating", 10);
  if (!text) return;
  query.min_rating_x100 = parse_rating(*text);
  if (!query.min_rating_x100) reader.fail("minRating", "must be a number from 0 to 5 with at most two decimals");
}

void read_attributes(http::QueryReader& reader, ProductQuery& query) {
  auto pairs = reader.with_prefix("attr.");
  if (pairs.size() > kMaxAttributeFilters) {
    reader.fail("attr", "at most " + std::to_string(kMaxAttributeFilters) + " attribute filters are allowed");
    return;
  }
  for (auto& [name, value] : pairs) {
    const bool short_name = name.size() <= kMaxAttributeCharacters * 4;
    const auto field = short_name ? "attr." + name : std::string("attr");
    if (check_text(reader, field, name, kMaxAttributeCharacters) &&
        check_text(reader, field, value, kMaxAttributeCharacters))
      query.attributes.emplace_back(std::move(name), std::move(value));
  }
}

void read_sort(http::QueryReader& reader, ProductQuery& query) {
  const auto text = reader.text("sort", 40);
  if (!text) {
    query.sort = query.text ? ProductSort{SortField::Relevance, true} : ProductSort{SortField::CreatedAt, true};
    return;
  }
  const auto sort = parse_sort(*text);
  if (!sort) {
    reader.fail("sort", std::string(kSortHelp));
  } else if (sort->field == SortField::Relevance && !query.text) {
    reader.fail("sort", "relevance needs a search text (q)");
  } else {
    query.sort = *sort;
  }
}

std::optional<std::string> read_status(http::QueryReader& reader) {
  auto status = reader.text("status", 20);
  if (status && *status != "draft" && *status != "active" && *status != "archived") {
    reader.fail("status", "must be draft, active or archived");
    return std::nullopt;
  }
  return status;
}

}  // namespace

Result<ProductListParams> read_product_list_params(const http::Request& request) {
  http::QueryReader reader(request);
  ProductListParams params;
  auto& query = params.query;
  params.category_ref = read_required_text(reader, "category", kMaxIdLength);
  read_prices(reader, query);
  read_search_text(reader, query);
  query.vendor_id = read_required_text(reader, "vendor", kMaxIdLength);
  query.in_stock_only = reader.boolean("inStock").value_or(false);
  read_rating(reader, query);
  read_attributes(reader, query);
  read_sort(reader, query);
  const auto page = http::read_page(reader);
  query.page = page.page;
  query.limit = page.limit;
  query.cursor = page.cursor;
  query.facets = reader.boolean("facets").value_or(false);
  params.status_filter = read_status(reader);
  reader.reject_unknown();
  if (auto finished = reader.finish(); !finished) return finished.error();
  return params;
}

}  // namespace emporium::catalog
