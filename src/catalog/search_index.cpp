#include "catalog/search_index.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "catalog/search_text.hpp"
#include "storage/sql_lists.hpp"

namespace emporium::catalog {
namespace {
using storage::Param;

constexpr std::string_view kDeleteTerms = "DELETE FROM search_terms WHERE product_id IN (";
constexpr std::string_view kInsertTerms = "INSERT INTO search_terms (term, product_id, weight) VALUES ";
constexpr std::string_view kInsertWords = "INSERT INTO search_vocabulary (term) VALUES ";
constexpr std::string_view kInsertWordsTail = " ON CONFLICT DO NOTHING RETURNING term";
constexpr std::string_view kInsertTrigrams = "INSERT INTO search_vocabulary_trigrams (trigram, term) VALUES ";
constexpr std::string_view kInsertTrigramsTail = " ON CONFLICT DO NOTHING";
// The exact word sorts first among the terms that start with it; the bound above is the word followed by the
// highest code point, valid UTF-8 on both backends.
constexpr std::string_view kPrefixTerms =
    "SELECT term FROM search_vocabulary WHERE term >= $1 AND term < $2 ORDER BY term LIMIT $3";
constexpr std::string_view kAfterEveryCharacter = "\xF4\x8F\xBF\xBF";  // U+10FFFF
constexpr std::string_view kTypoCandidates =
    "SELECT term FROM search_vocabulary_trigrams WHERE LENGTH(term) BETWEEN $1 AND $2 AND trigram IN ({}) "
    "GROUP BY term HAVING COUNT(*) >= $3 ORDER BY COUNT(*) DESC, term LIMIT 200";

// Rows per multi-row statement at most. Chunks are powers of two, so that few distinct statements are prepared.
constexpr std::size_t kMaxChunkRows = 256;

std::size_t chunk_rows(std::size_t remaining) {
  std::size_t rows = kMaxChunkRows;
  while (rows > remaining) rows /= 2;
  return rows;
}

std::string multi_row_sql(std::string_view head, std::size_t rows, std::size_t columns, std::string_view tail) {
  std::string sql(head);
  for (std::size_t row = 0; row < rows; ++row) {
    if (row > 0) sql += ", ";
    sql += '(' + storage::placeholders(columns, row * columns + 1) + ')';
  }
  sql += tail;
  return sql;
}

// Writes `values` (`columns` per row) in chunks; returns the rows the statements gave back (RETURNING).
std::vector<std::string> insert_rows(storage::Connection& connection, std::string_view head, std::size_t columns,
                                     std::span<const Param> values, std::string_view tail) {
  std::vector<std::string> returned;
  std::size_t done = 0;
  const std::size_t total = values.size() / columns;
  while (done < total) {
    const std::size_t rows = chunk_rows(total - done);
    const auto chunk = values.subspan(done * columns, rows * columns);
    const auto sql = multi_row_sql(head, rows, columns, tail);
    if (tail.find("RETURNING") == std::string_view::npos) {
      connection.execute(sql, chunk);
    } else {
      for (const auto row : connection.query(sql, chunk)) returned.push_back(row.text(0));
    }
    done += rows;
  }
  return returned;
}

bool has_digit(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void delete_terms(storage::Connection& connection, std::span<const Param> product_ids) {
  for (std::size_t done = 0; done < product_ids.size();) {
    const std::size_t rows = chunk_rows(product_ids.size() - done);
    connection.execute(std::string(kDeleteTerms) + storage::placeholders(rows) + ")", product_ids.subspan(done, rows));
    done += rows;
  }
}

// Adds the words of `text` not seen yet (until the cap) with `weight`; fields come most important first.
void add_words(std::map<std::string, std::int64_t>& words, std::string_view text, std::int64_t weight) {
  for (auto& word : search_text::tokens(text)) {
    if (words.size() >= SearchIndex::kMaxTermsPerProduct) return;
    words.emplace(std::move(word), weight);
  }
}

// Inserts the words the vocabulary lacks, and their trigrams.
void add_to_vocabulary(storage::Connection& connection, const std::set<std::string>& words) {
  std::vector<Param> values;
  values.reserve(words.size());
  for (const auto& word : words) values.emplace_back(std::string_view(word));
  // Known words (and a word another writer adds meanwhile) conflict and are skipped: RETURNING names the new.
  const auto added = insert_rows(connection, kInsertWords, 1, values, kInsertWordsTail);
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& word : added) {
    if (has_digit(word)) continue;  // SKUs and model numbers: never corrected, so no trigrams
    for (auto& trigram : search_text::trigrams(word)) pairs.emplace(std::move(trigram), word);
  }
  std::vector<Param> trigram_values;
  trigram_values.reserve(pairs.size() * 2);
  for (const auto& [trigram, term] : pairs) {
    trigram_values.emplace_back(std::string_view(trigram));
    trigram_values.emplace_back(std::string_view(term));
  }
  insert_rows(connection, kInsertTrigrams, 2, trigram_values, kInsertTrigramsTail);
}

// ---- Query expansion ------------------------------------------------------------------------------------------

// The first kMaxQueryTokens distinct words of the query.
std::vector<std::string> query_words(std::string_view text) {
  std::vector<std::string> words;
  for (auto& word : search_text::tokens(text)) {
    if (words.size() == SearchIndex::kMaxQueryTokens) break;
    if (std::find(words.begin(), words.end(), word) == words.end()) words.push_back(std::move(word));
  }
  return words;
}

std::vector<std::string> typo_terms(storage::Connection& connection, const std::string& word) {
  const auto length = search_text::length(word);
  const std::size_t edits = length >= SearchIndex::kTwoTyposLength ? 2 : 1;
  auto grams = search_text::trigrams(word);
  // An edit changes at most four trigrams (a transposition), so a close term shares at least this many.
  const auto least_shared = std::max<std::int64_t>(1, std::ssize(grams) - 4 * static_cast<std::int64_t>(edits));
  std::size_t slots = 8;
  while (slots < grams.size()) slots *= 2;
  std::vector<Param> params = {static_cast<std::int64_t>(length - edits), static_cast<std::int64_t>(length + edits),
                               least_shared};
  for (std::size_t i = 0; i < slots; ++i) params.emplace_back(std::string_view(grams[std::min(i, grams.size() - 1)]));
  std::string sql(kTypoCandidates);
  sql.replace(sql.find("{}"), 2, storage::placeholders(slots, 4));

  std::vector<std::pair<std::size_t, std::string>> close;
  for (const auto row : connection.query(sql, params)) {
    auto term = row.text(0);
    const auto distance = search_text::edit_distance(word, term, edits);
    if (distance <= edits) close.emplace_back(distance, std::move(term));
  }
  std::sort(close.begin(), close.end());
  if (close.size() > SearchIndex::kMaxTypoTerms) close.resize(SearchIndex::kMaxTypoTerms);
  std::vector<std::string> terms;
  for (auto& [distance, term] : close) terms.push_back(std::move(term));
  return terms;
}

// The terms one query word stands for; empty when it matches nothing indexed.
std::vector<TermExpansion> expand_word(storage::Connection& connection, const std::string& word, std::int64_t token) {
  const std::string upper = word + std::string(kAfterEveryCharacter);
  const auto limit = static_cast<std::int64_t>(SearchIndex::kMaxPrefixTerms + 1);
  const auto rows = connection.query(kPrefixTerms, {std::string_view(word), std::string_view(upper), limit});
  std::vector<TermExpansion> terms;
  const bool exact = !rows.empty() && rows.front().text_view(0) == word;
  if (exact) terms.push_back({word, token, SearchIndex::kExactFactor});
  if (search_text::length(word) >= 2) {
    for (const auto row : rows) {
      if (terms.size() == SearchIndex::kMaxPrefixTerms + (exact ? 1 : 0)) break;
      if (row.text_view(0) != word) terms.push_back({row.text(0), token, SearchIndex::kPrefixFactor});
    }
  }
  if (!exact && search_text::length(word) >= SearchIndex::kMinTypoLength && !has_digit(word)) {
    for (auto& term : typo_terms(connection, word)) terms.push_back({std::move(term), token, SearchIndex::kTypoFactor});
  }
  return terms;
}

}  // namespace

std::vector<WeightedTerm> SearchIndex::terms_of(const SearchDocument& document) {
  std::map<std::string, std::int64_t> words;
  add_words(words, document.name, kNameWeight);
  for (const auto& keyword : document.keywords) add_words(words, keyword, kKeywordWeight);
  add_words(words, document.description, kDescriptionWeight);
  std::vector<WeightedTerm> terms;
  terms.reserve(words.size());
  for (auto& [term, weight] : words) terms.push_back({term, weight});
  return terms;
}

void SearchIndex::index(storage::Connection& connection, const SearchDocument& document) {
  index(connection, std::span<const SearchDocument>(&document, 1));
}

void SearchIndex::index(storage::Connection& connection, std::span<const SearchDocument> documents) {
  std::vector<std::tuple<std::string, std::string_view, std::int64_t>> rows;  // term, product, weight
  std::set<std::string> words;
  std::vector<Param> product_ids;
  for (const auto& document : documents) {
    product_ids.emplace_back(std::string_view(document.product_id));
    for (auto& [term, weight] : terms_of(document)) {
      words.insert(term);
      rows.emplace_back(std::move(term), document.product_id, weight);
    }
  }
  delete_terms(connection, product_ids);
  add_to_vocabulary(connection, words);
  std::sort(rows.begin(), rows.end());
  std::vector<Param> values;
  values.reserve(rows.size() * 3);
  for (const auto& [term, product_id, weight] : rows) {
    values.emplace_back(std::string_view(term));
    values.emplace_back(product_id);
    values.emplace_back(weight);
  }
  insert_rows(connection, kInsertTerms, 3, values, "");
}

void SearchIndex::remove(storage::Connection& connection, std::string_view product_id) {
  const Param id = product_id;
  delete_terms(connection, std::span<const Param>(&id, 1));
}

QueryExpansion SearchIndex::expand(storage::Connection& connection, std::string_view text) {
  QueryExpansion expansion;
  const auto words = query_words(text);
  expansion.token_count = std::ssize(words);
  if (words.empty()) return expansion;
  for (std::size_t i = 0; i < words.size(); ++i) {
    auto terms = expand_word(connection, words[i], static_cast<std::int64_t>(i));
    if (terms.empty())
      return QueryExpansion{.token_count = expansion.token_count, .terms = {}, .matches_nothing = true};
    std::move(terms.begin(), terms.end(), std::back_inserter(expansion.terms));
  }
  // One entry per (token, term), the best factor first, then the rest dropped.
  auto& terms = expansion.terms;
  std::sort(terms.begin(), terms.end(), [](const TermExpansion& a, const TermExpansion& b) {
    return std::tie(a.token, a.term, b.factor) < std::tie(b.token, b.term, a.factor);
  });
  terms.erase(std::unique(terms.begin(), terms.end(),
                          [](const TermExpansion& a, const TermExpansion& b) {
                            return a.token == b.token && a.term == b.term;
                          }),
              terms.end());
  expansion.matches_nothing = false;
  return expansion;
}

}  // namespace emporium::catalog
