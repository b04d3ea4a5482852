#include "catalog/product_input.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "http/json_body.hpp"
#include "support/currency.hpp"
#include "support/strings.hpp"

namespace emporium::catalog {
namespace {
using http::IntRule;
using http::ObjectReader;
using http::StringRule;

const StringRule kNameRule{.min_length = 1, .max_length = 200};
const StringRule kSlugRule{.min_length = 1, .max_length = 100};
const StringRule kDescriptionRule{.min_length = 0, .max_length = 10'000};
const StringRule kIdRule{.min_length = 1, .max_length = 64};
const StringRule kCurrencyRule{.min_length = 3, .max_length = 3};
const StringRule kStatusRule{.min_length = 1, .max_length = 20, .trim = true, .one_of = {"draft", "active"}};
const StringRule kSkuRule{.min_length = 1, .max_length = 64};
const StringRule kKeyRule{.min_length = 1, .max_length = 40};
const StringRule kAttributeValueRule{.min_length = 1, .max_length = 100};
const StringRule kOptionValueRule{.min_length = 1, .max_length = 50};
const IntRule kPriceRule{.min = 0, .max = CatalogLimits::kMaxPrice};
const IntRule kStockRule{.min = 0, .max = CatalogLimits::kMaxStock};
const IntRule kPositionRule{.min = 0, .max = 1'000'000};

bool is_key_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }
bool is_sku_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == '/';
}

// Attribute and option names appear in query strings (attr.color=red): lower-case letters, digits, - and _.
void check_keys(ObjectReader& reader, std::string_view field, const std::optional<StringMap>& map) {
  if (!map) return;
  for (const auto& [key, value] : *map)
    if (!std::all_of(key.begin(), key.end(), is_key_char))
      reader.fail(field, "names may only hold a-z, 0-9, '-' and '_' (\"" + key + "\" does not)");
}

void check_sku(ObjectReader& reader, std::string_view field, const std::optional<std::string>& sku) {
  if (sku && !std::all_of(sku->begin(), sku->end(), is_sku_char))
    reader.fail(field, "may only hold letters, digits, '-', '_', '.' and '/'");
}

// Names and values are single lines of text; a description may hold line breaks and tabs.
void check_text(ObjectReader& reader, std::string_view field, const std::optional<std::string>& text,
                bool allow_line_breaks = false) {
  if (text && has_control_character(*text, allow_line_breaks))
    reader.fail(field, "must not contain control characters");
}

void check_map_text(ObjectReader& reader, std::string_view field, const std::optional<StringMap>& map) {
  if (!map) return;
  for (const auto& [key, value] : *map)
    if (has_control_character(value)) reader.fail(field, "values must not contain control characters");
}

void read_variant(ObjectReader& reader, VariantFields& out, WriteMode mode, bool product_level) {
  const bool required = mode != WriteMode::Patch && !product_level;
  if (required) {
    std::string sku;
    reader.required("sku", sku, kSkuRule);
    if (!sku.empty()) out.sku = std::move(sku);
  } else {
    reader.optional("sku", out.sku, kSkuRule);
  }
  check_sku(reader, "sku", out.sku);
  if (!product_level) {
    reader.string_map("options", out.options, CatalogLimits::kMaxOptions, kKeyRule, kOptionValueRule);
    check_keys(reader, "options", out.options);
    check_map_text(reader, "options", out.options);
    reader.optional("position", out.position, kPositionRule);
  }
  reader.optional("price", out.price, kPriceRule);
  reader.optional("stock", out.stock, kStockRule);
  reader.optional("lowStockThreshold", out.low_stock_threshold, kStockRule);
}

void read_status(ObjectReader& reader, ProductFields& out) {
  std::optional<std::string> status;
  reader.optional("status", status, kStatusRule);
  if (status) out.status = product_status_from_string(*status);
}

void read_product(ObjectReader& reader, ProductFields& out, WriteMode mode) {
  if (mode == WriteMode::Patch) {
    reader.optional("name", out.name, kNameRule);
    reader.optional("currency", out.currency, kCurrencyRule);
  } else {
    std::string name, currency;
    reader.required("name", name, kNameRule);
    reader.required("currency", currency, kCurrencyRule);
    if (!name.empty()) out.name = std::move(name);
    if (!currency.empty()) out.currency = std::move(currency);
  }
  if (out.currency) {
    std::transform(out.currency->begin(), out.currency->end(), out.currency->begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
    if (!is_currency_code(*out.currency)) reader.fail("currency", "must be an ISO 4217 currency code, e.g. USD");
  }
  check_text(reader, "name", out.name);
  reader.optional("slug", out.slug, kSlugRule);
  reader.optional("description", out.description, kDescriptionRule);
  check_text(reader, "description", out.description, true);
  reader.optional("categoryId", out.category_id, kIdRule);
  out.clear_category = reader.is_null("categoryId");
  read_status(reader, out);
  reader.string_map("attributes", out.attributes, CatalogLimits::kMaxAttributes, kKeyRule, kAttributeValueRule);
  check_keys(reader, "attributes", out.attributes);
  check_map_text(reader, "attributes", out.attributes);
  read_variant(reader, out.single, mode, true);
  if (mode != WriteMode::Create) return;
  std::vector<VariantFields> variants;
  bool present = false;
  reader.objects("variants", false, CatalogLimits::kMaxVariants, [&](ObjectReader& nested, std::size_t) {
    present = true;
    read_variant(nested, variants.emplace_back(), WriteMode::Create, false);
  });
  if (present) out.variants = std::move(variants);
}

}  // namespace

Result<ProductFields> read_product_fields(const http::Request& request, WriteMode mode) {
  return http::read_json_body<ProductFields>(
      request, [&](ObjectReader& reader, ProductFields& out) { read_product(reader, out, mode); });
}

Result<VariantFields> read_variant_fields(const http::Request& request, WriteMode mode) {
  return http::read_json_body<VariantFields>(
      request, [&](ObjectReader& reader, VariantFields& out) { read_variant(reader, out, mode, false); });
}

Result<std::optional<std::int64_t>> read_if_match(const http::Request& request) {
  const auto header = request.header("If-Match");
  if (!header) return std::optional<std::int64_t>();
  auto text = trim(*header);
  if (text == "*") return std::optional<std::int64_t>();  // "any current representation": no version check
  if (text.starts_with("W/")) text.remove_prefix(2);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  std::int64_t version = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (error != std::errc() || end != text.data() + text.size() || version < 1)
    return problems::bad_request("If-Match must be a product or variant version, e.g. \"3\".")
        .with_code("invalid_if_match");
  return std::optional<std::int64_t>(version);
}

}  // namespace emporium::catalog
