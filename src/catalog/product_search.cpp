#include "catalog/product_search.hpp"

#include <algorithm>
#include <charconv>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/product_cursor.hpp"
#include "catalog/search_index.hpp"

namespace emporium::catalog {
namespace {
using storage::Param;

constexpr std::int64_t kMaxLimit = 1000;
constexpr std::string_view kAfterEveryCharacter = "\xF4\x8F\xBF\xBF";  // U+10FFFF: bounds a prefix range

// Per product and query word the best match, then per product the sum over words, kept when every word matched.
constexpr std::string_view kMatches =
    "matches AS (SELECT product_id, CAST(SUM(best) AS BIGINT) AS score FROM ("
    "SELECT t.product_id, e.token, MAX(t.weight * e.factor) AS best "
    "FROM expansions e JOIN search_terms t ON t.term = e.term GROUP BY t.product_id, e.token) per_token "
    "GROUP BY product_id HAVING COUNT(*) = ";
constexpr std::string_view kFromMatches = "FROM products p JOIN matches m ON m.product_id = p.id";
constexpr std::string_view kFromProducts = "FROM products p";

constexpr std::string_view kCategoryFacets =
    "SELECT c.id, c.slug, c.name, COUNT(*) AS n {from} JOIN categories c ON c.id = p.category_id WHERE {where} "
    "GROUP BY c.id, c.slug, c.name ORDER BY n DESC, c.slug LIMIT {categories}";
constexpr std::string_view kPriceFacet = "SELECT MIN(p.price), MAX(p.price) {from} WHERE {where}";
// The attributes most products have, each with its most frequent values.
constexpr std::string_view kAttributeFacets =
    "counts AS (SELECT a.name, a.value, COUNT(*) AS n {from} JOIN product_attributes a ON a.product_id = p.id "
    "WHERE {where} GROUP BY a.name, a.value), "
    "ranked AS (SELECT name, value, n, ROW_NUMBER() OVER (PARTITION BY name ORDER BY n DESC, value) AS value_rank, "
    "SUM(n) OVER (PARTITION BY name) AS products FROM counts), "
    "top_names AS (SELECT name FROM ranked WHERE value_rank = 1 ORDER BY products DESC, name LIMIT {attributes}) "
    "SELECT name, value, n FROM ranked WHERE value_rank <= {values} AND name IN (SELECT name FROM top_names) "
    "ORDER BY name, n DESC, value";

// Statement parameters in order, owning the text they point at (a deque never moves its elements).
class Bindings {
 public:
  std::string add(std::int64_t value) {
    params_.emplace_back(value);
    return placeholder();
  }
  std::string add(std::string_view text) {
    texts_.emplace_back(text);
    params_.emplace_back(std::string_view(texts_.back()));
    return placeholder();
  }
  std::size_t size() const { return params_.size(); }
  std::span<const Param> first(std::size_t count) const { return std::span<const Param>(params_).first(count); }

 private:
  std::string placeholder() const {
    std::string text = "$";  // (not "$" + …: GCC 12 at -O3 warns about that concatenation, wrongly)
    text += std::to_string(params_.size());
    return text;
  }
  std::deque<std::string> texts_;
  std::vector<Param> params_;
};

// The products a query selects, as SQL shared by every statement of a run: `with` + SELECT … + `from` + WHERE
// `where`, with the first `param_count` bindings.
struct FilteredSet {
  Bindings bindings{};
  std::string with{};  // "WITH …, matches AS (…) " or empty
  std::string from{};
  std::string where{};
  std::size_t param_count = 0;
};

struct SortKey {
  std::string_view column{};
  bool descending = true;
  bool text = false;
};

SortKey sort_key(const ProductSort& sort) {
  switch (sort.field) {
    case SortField::CreatedAt:
      return {"p.created_at", sort.descending, false};
    case SortField::Price:
      return {"p.price", sort.descending, false};
    case SortField::Name:
      return {"p.sort_name", sort.descending, true};
    case SortField::Rating:
      return {"p.rating_average_x100", sort.descending, false};
    case SortField::Relevance:
      break;
  }
  return {"m.score", true, false};
}

std::string replace(std::string text, std::string_view name, std::string_view value) {
  for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + value.size()))
    text.replace(at, name.size(), value);
  return text;
}

// ---- The filtered set ---------------------------------------------------------------------------------------

// Statuses are a closed set of our own: written into the SQL, so that plans see the value.
std::string_view status_literal(ProductStatus status) {
  switch (status) {
    case ProductStatus::Draft:
      return "'draft'";
    case ProductStatus::Archived:
      return "'archived'";
    case ProductStatus::Active:
      break;
  }
  return "'active'";
}

std::string status_in(const std::vector<ProductStatus>& statuses) {
  if (statuses.size() == 1) return "p.status = " + std::string(status_literal(statuses.front()));
  std::string list;
  for (const auto status : statuses) list += (list.empty() ? "" : ", ") + std::string(status_literal(status));
  return "p.status IN (" + list + ")";
}

std::string visibility_condition(const ProductVisibility& visibility, Bindings& bindings) {
  auto statuses = visibility.statuses;
  std::sort(statuses.begin(), statuses.end());
  statuses.erase(std::unique(statuses.begin(), statuses.end()), statuses.end());
  if (statuses.empty()) return "1 = 0";
  if (visibility.all_owners) return status_in(statuses);
  const auto active = std::find(statuses.begin(), statuses.end(), ProductStatus::Active);
  const bool sees_active = active != statuses.end();
  if (sees_active) statuses.erase(active);
  if (!visibility.owner_id || statuses.empty()) return sees_active ? "p.status = 'active'" : "1 = 0";
  const auto own = "(p.vendor_id = " + bindings.add(*visibility.owner_id) + " AND " + status_in(statuses) + ")";
  return sees_active ? "(p.status = 'active' OR " + own + ")" : own;
}

std::vector<std::string> filter_conditions(const ProductQuery& query, Bindings& bindings) {
  std::vector<std::string> conditions = {visibility_condition(query.visibility, bindings)};
  if (query.category_path) {
    // A range rather than LIKE: no wildcard to escape, and byte order on both backends.
    const auto low = bindings.add(*query.category_path);
    const auto high = bindings.add(*query.category_path + std::string(kAfterEveryCharacter));
    conditions.push_back("p.category_id IN (SELECT id FROM categories WHERE path >= " + low + " AND path < " + high +
                         ")");
  }
  if (query.min_price) conditions.push_back("p.price >= " + bindings.add(*query.min_price));
  if (query.max_price) conditions.push_back("p.price <= " + bindings.add(*query.max_price));
  if (query.vendor_id) conditions.push_back("p.vendor_id = " + bindings.add(*query.vendor_id));
  if (query.in_stock_only) conditions.push_back("p.in_stock = TRUE");
  if (query.min_rating_x100) conditions.push_back("p.rating_average_x100 >= " + bindings.add(*query.min_rating_x100));
  for (const auto& [name, value] : query.attributes) {
    const auto name_param = bindings.add(name);
    conditions.push_back("EXISTS (SELECT 1 FROM product_attributes a WHERE a.product_id = p.id AND a.name = " +
                         name_param + " AND a.value = " + bindings.add(value) + ")");
  }
  return conditions;
}

// The query's terms as a table. Padded to a power of two with rows that match nothing ('' is never indexed),
// so that queries of similar size share one prepared statement.
std::string expansion_ctes(const QueryExpansion& expansion, Bindings& bindings) {
  std::size_t rows = 4;
  while (rows < expansion.terms.size()) rows *= 2;
  std::string values;
  for (std::size_t i = 0; i < rows; ++i) {
    const bool real = i < expansion.terms.size();
    const auto term = bindings.add(real ? std::string_view(expansion.terms[i].term) : std::string_view());
    const auto token = bindings.add(real ? expansion.terms[i].token : std::int64_t{0});
    const auto factor = bindings.add(real ? expansion.terms[i].factor : std::int64_t{0});
    values += (i == 0 ? "(" : ", (") + std::string("CAST(") + term + " AS TEXT), CAST(" + token + " AS BIGINT), CAST(" +
              factor + " AS BIGINT))";
  }
  return "WITH expansions (term, token, factor) AS (VALUES " + values + "), " + std::string(kMatches) +
         bindings.add(expansion.token_count) + ")";
}

void build(FilteredSet& set, const ProductQuery& query, const std::optional<QueryExpansion>& expansion) {
  if (expansion) set.with = expansion_ctes(*expansion, set.bindings) + " ";
  set.from = expansion ? kFromMatches : kFromProducts;
  const auto conditions = filter_conditions(query, set.bindings);
  for (const auto& condition : conditions) set.where += (set.where.empty() ? "" : " AND ") + condition;
  set.param_count = set.bindings.size();
}

std::string fill(std::string_view statement, const FilteredSet& set) {
  return replace(replace(std::string(statement), "{from}", set.from), "{where}", set.where);
}

// ---- The page -------------------------------------------------------------------------------------------------

// Rows after the cursor's (key, id) in the order key (asc|desc), id asc. The first comparison is implied by the
// second; it is there so that an index on the key can start at the cursor.
std::string keyset_condition(const SortKey& key, const ProductCursor& after, Bindings& bindings) {
  std::string value;
  if (key.text) {
    value = bindings.add(std::string_view(after.sort_key));
  } else {
    std::int64_t number = 0;
    std::from_chars(after.sort_key.data(), after.sort_key.data() + after.sort_key.size(), number);
    value = bindings.add(number);
  }
  const std::string column(key.column);
  const auto id = bindings.add(std::string_view(after.id));
  return column + (key.descending ? " <= " : " >= ") + value + " AND (" + column + (key.descending ? " < " : " > ") +
         value + " OR p.id > " + id + ")";
}

void read_page(storage::Connection& connection, FilteredSet& set, const ProductQuery& query,
               const std::optional<ProductCursor>& after, ProductPage& page) {
  const auto key = sort_key(query.sort);
  const auto limit = std::clamp<std::int64_t>(query.limit, 1, kMaxLimit);
  const std::int64_t offset = after ? 0 : (std::clamp<std::int64_t>(query.page, 1, 1'000'000'000) - 1) * limit;
  std::string sql = set.with + "SELECT p.id, " + std::string(key.column) + " " + set.from + " WHERE " + set.where;
  if (after) sql += " AND " + keyset_condition(key, *after, set.bindings);
  sql += " ORDER BY " + std::string(key.column) + (key.descending ? " DESC" : " ASC") + ", p.id ASC LIMIT " +
         set.bindings.add(limit + 1);
  if (!after) sql += " OFFSET " + set.bindings.add(offset);

  const auto rows = connection.query(sql, set.bindings.first(set.bindings.size()));
  const auto shown = std::min<std::size_t>(rows.size(), static_cast<std::size_t>(limit));
  for (std::size_t i = 0; i < shown; ++i) page.ids.push_back(rows[i].text(0));
  if (rows.size() > shown) {
    const auto last = rows[shown - 1];
    const ProductCursor position{.sort_key = key.text ? last.text(1) : std::to_string(last.integer(1)),
                                 .id = last.text(0)};
    page.next_cursor = encode_product_cursor(query, position);
  }
  // A short page at an offset it reached tells the total without counting.
  if (!after && rows.size() <= static_cast<std::size_t>(limit) && (offset == 0 || !rows.empty())) {
    page.total = offset + static_cast<std::int64_t>(rows.size());
  } else {
    const auto count = connection.query(set.with + "SELECT COUNT(*) " + set.from + " WHERE " + set.where,
                                        set.bindings.first(set.param_count));
    page.total = count.front().integer(0);
  }
}

// ---- Facets ---------------------------------------------------------------------------------------------------

ProductFacets read_facets(storage::Connection& connection, const FilteredSet& set) {
  const auto params = set.bindings.first(set.param_count);
  ProductFacets facets;
  const auto categories =
      replace(fill(kCategoryFacets, set), "{categories}", std::to_string(ProductSearch::kMaxFacetCategories));
  for (const auto row : connection.query(set.with + categories, params)) {
    facets.categories.push_back(
        CategoryFacet{.id = row.text(0), .slug = row.text(1), .name = row.text(2), .count = row.integer(3)});
  }
  const auto prices = connection.query(set.with + fill(kPriceFacet, set), params);
  facets.price_min = prices.front().optional_integer(0);
  facets.price_max = prices.front().optional_integer(1);

  auto attributes =
      replace(fill(kAttributeFacets, set), "{attributes}", std::to_string(ProductSearch::kMaxFacetAttributes));
  attributes = replace(std::move(attributes), "{values}", std::to_string(ProductSearch::kMaxFacetValues));
  const auto with = set.with.empty() ? std::string("WITH ") : set.with.substr(0, set.with.size() - 1) + ", ";
  for (const auto row : connection.query(with + attributes, params)) {
    facets.attributes[row.text(0)].push_back(AttributeValueCount{.value = row.text(1), .count = row.integer(2)});
  }
  return facets;
}

}  // namespace

Result<ProductPage> ProductSearch::run(storage::Connection& connection, const ProductQuery& query) {
  if (query.sort.field == SortField::Relevance && !query.text)
    return problems::invalid_query({{"sort", "relevance needs a search text (q)"}});
  std::optional<ProductCursor> after;
  if (query.cursor) {
    auto decoded = decode_product_cursor(query, *query.cursor);
    if (!decoded) return decoded.error();
    after = std::move(*decoded);
  }
  ProductPage page;
  std::optional<QueryExpansion> expansion;
  if (query.text) {
    expansion = SearchIndex::expand(connection, *query.text);
    if (expansion->matches_nothing) {
      if (query.facets) page.facets = ProductFacets{};
      return page;
    }
  }
  FilteredSet set;
  build(set, query, expansion);
  read_page(connection, set, query, after, page);
  if (query.facets) page.facets = read_facets(connection, set);
  return page;
}

}  // namespace emporium::catalog
