#pragma once

// The product search index: our own tables (search_terms, search_vocabulary, search_vocabulary_trigrams in
// migrations/*/0003_catalog.sql), the same on SQLite and PostgreSQL, so that matching and ranking are computed
// by the same integer arithmetic on both backends.
//
// Writers call index() in the transaction that writes the product (and remove() when it is deleted for good;
// an archived product may stay indexed, the search hides it by status). Readers call expand() to turn a query
// into the vocabulary terms it may match; ProductSearch joins them to search_terms.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.hpp"

namespace emporium::catalog {

// What a product is found by.
struct SearchDocument {
  std::string product_id{};
  std::string name{};                   // weight 3
  std::vector<std::string> keywords{};  // weight 2: attribute values, variant option values, category name, SKUs
  std::string description{};            // weight 1
};

// A distinct word of a document with the weight of the most important field it appears in.
struct WeightedTerm {
  std::string term{};
  std::int64_t weight = 0;
};

// One vocabulary term a query word may match, and what a match on it is worth: weight × factor.
struct TermExpansion {
  std::string term{};
  std::int64_t token = 0;   // which query word (0-based) it stands for
  std::int64_t factor = 0;  // kExactFactor, kPrefixFactor or kTypoFactor
};

// A query as vocabulary terms. A product matches when it holds, for every query word, at least one of that
// word's terms (AND across words); its score is the sum over words of its best weight × factor.
struct QueryExpansion {
  std::int64_t token_count = 0;        // distinct query words used (at most kMaxQueryTokens)
  std::vector<TermExpansion> terms{};  // sorted by (token, term); one entry per (token, term), the best factor
  bool matches_nothing = true;         // no usable word, or some word has no term at all
};

class SearchIndex {
 public:
  static constexpr std::int64_t kNameWeight = 3;
  static constexpr std::int64_t kKeywordWeight = 2;
  static constexpr std::int64_t kDescriptionWeight = 1;
  static constexpr std::size_t kMaxTermsPerProduct = 200;  // the name's words first, then keywords, description

  static constexpr std::int64_t kExactFactor = 4;
  static constexpr std::int64_t kPrefixFactor = 3;
  static constexpr std::int64_t kTypoFactor = 2;
  static constexpr std::size_t kMaxQueryTokens = 8;
  static constexpr std::size_t kMaxPrefixTerms = 20;  // per query word, the first ones bytewise
  static constexpr std::size_t kMaxTypoTerms = 10;    // per query word, the closest ones, then bytewise
  static constexpr std::size_t kMinTypoLength = 4;    // characters; shorter words are not corrected
  static constexpr std::size_t kTwoTyposLength = 8;   // from this length, two edits are forgiven

  // Replaces the product's rows in the index. Words are written in byte order, so that concurrent writers
  // take PostgreSQL's row locks in one order.
  static void index(storage::Connection& connection, const SearchDocument& document);
  // The same for many products at once (the seeder): multi-row statements, each new word written once. Each
  // product at most once per call.
  static void index(storage::Connection& connection, std::span<const SearchDocument> documents);
  static void remove(storage::Connection& connection, std::string_view product_id);

  // The words a document is indexed under, sorted bytewise (no I/O).
  static std::vector<WeightedTerm> terms_of(const SearchDocument& document);

  // Looks the words of `text` up in the vocabulary: each word exactly (if indexed), by prefix, and — when it
  // has at least kMinTypoLength characters, no digit and no exact match — by edit distance (1, or 2 from
  // kTwoTyposLength characters) among the terms sharing trigrams with it. Words with digits (SKUs, model
  // numbers) are neither corrected nor given trigrams: they grow with the catalog, and a near miss is
  // another model, not a typo.
  static QueryExpansion expand(storage::Connection& connection, std::string_view text);
};

}  // namespace emporium::catalog
