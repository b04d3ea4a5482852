// The search index tables and query expansion on SQLite and PostgreSQL (EMPORIUM_TEST_POSTGRES_URL; run under
// scripts/with-services).
#include "catalog/search_index.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "catalog/product_search.hpp"
#include "storage/testing/test_database.hpp"

namespace emporium::catalog {
namespace {
using storage::Backend;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

using Pairs = std::vector<std::pair<std::string, std::int64_t>>;

Pairs pairs_of(const std::vector<WeightedTerm>& terms) {
  Pairs out;
  for (const auto& term : terms) out.emplace_back(term.term, term.weight);
  return out;
}

TEST(SearchDocumentTerms, WeighsEachWordByItsMostImportantField) {
  const SearchDocument document{.product_id = "p",
                                .name = "Red Running Shoes",
                                .keywords = {"red", "Sport", "SKU-42"},
                                .description = "Shoes for running on sport tracks, red and light."};
  EXPECT_EQ(pairs_of(SearchIndex::terms_of(document)), (Pairs{{"42", 2},
                                                              {"light", 1},
                                                              {"on", 1},
                                                              {"red", 3},
                                                              {"running", 3},
                                                              {"shoes", 3},
                                                              {"sku", 2},
                                                              {"sport", 2},
                                                              {"tracks", 1}}));
}

TEST(SearchDocumentTerms, KeepsTheMostImportantWordsUpToTheCap) {
  SearchDocument document{.product_id = "p", .name = "Zebra", .keywords = {}, .description = ""};
  for (int i = 0; i < 300; ++i) document.description += "w" + std::to_string(1000 + i) + " ";
  const auto terms = SearchIndex::terms_of(document);
  ASSERT_EQ(terms.size(), SearchIndex::kMaxTermsPerProduct);
  EXPECT_EQ(terms.back().term, "zebra");
  EXPECT_EQ(terms.back().weight, 3);
  EXPECT_EQ(terms[terms.size() - 2].term, "w1198");  // the description's first 199 words
}

class SearchIndexTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    execute(
        "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
        "VALUES ('usr_v', 'v@example.com', 'V', 'vendor', 'unused', 0, 0)");
  }

  void add_product(std::string_view id) {
    execute(
        "INSERT INTO products (id, vendor_id, slug, name, sort_name, status, currency, price, in_stock, created_at, "
        "updated_at) VALUES ($1, 'usr_v', $1, 'x', 'x', 'active', 'USD', 0, TRUE, 0, 0)",
        {id});
  }

  void index(const SearchDocument& document) {
    test_db_.database().transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
      SearchIndex::index(connection, document);
      return true;
    });
  }

  std::vector<std::string> column(std::string_view sql, std::initializer_list<storage::Param> params = {}) {
    std::vector<std::string> values;
    test_db_.database().with_connection([&](storage::Connection& connection) {
      for (const auto row : connection.query(sql, params)) values.push_back(row.text(0));
    });
    return values;
  }

  std::vector<std::string> terms_of(std::string_view product_id) {
    return column("SELECT term || ':' || CAST(weight AS TEXT) FROM search_terms WHERE product_id = $1 ORDER BY term",
                  {product_id});
  }

  QueryExpansion expand(std::string_view text) {
    return storage::with_connection(
        test_db_.database(), [&](storage::Connection& connection) { return SearchIndex::expand(connection, text); });
  }

  void execute(const std::string& sql, std::initializer_list<storage::Param> params = {}) {
    test_db_.database().with_connection([&](storage::Connection& connection) { connection.execute(sql, params); });
  }

  storage::TestDatabase test_db_{GetParam()};
};

std::vector<std::string> describe(const QueryExpansion& expansion) {
  std::vector<std::string> out;
  for (const auto& term : expansion.terms)
    out.push_back(std::to_string(term.token) + ":" + term.term + ":" + std::to_string(term.factor));
  return out;
}

TEST_P(SearchIndexTest, WritesTermsVocabularyAndTrigrams) {
  add_product("p1");
  index({.product_id = "p1", .name = "Blue Mug", .keywords = {"ceramic"}, .description = "A blue mug."});
  EXPECT_THAT(terms_of("p1"), ElementsAre("blue:3", "ceramic:2", "mug:3"));
  EXPECT_THAT(column("SELECT term FROM search_vocabulary ORDER BY term"), ElementsAre("blue", "ceramic", "mug"));
  EXPECT_THAT(column("SELECT trigram FROM search_vocabulary_trigrams WHERE term = 'mug' ORDER BY trigram"),
              ElementsAre("  m", " mu", "mug", "ug "));
}

TEST_P(SearchIndexTest, ReplacesAProductsTermsAndKeepsTheVocabulary) {
  add_product("p1");
  add_product("p2");
  index({.product_id = "p1", .name = "Blue Mug", .keywords = {}, .description = ""});
  index({.product_id = "p2", .name = "Blue Plate", .keywords = {}, .description = ""});
  index({.product_id = "p1", .name = "Green Mug", .keywords = {}, .description = "blue inside"});
  EXPECT_THAT(terms_of("p1"), ElementsAre("blue:1", "green:3", "inside:1", "mug:3"));
  EXPECT_THAT(terms_of("p2"), ElementsAre("blue:3", "plate:3"));
  test_db_.database().with_connection([](storage::Connection& connection) { SearchIndex::remove(connection, "p1"); });
  EXPECT_THAT(terms_of("p1"), IsEmpty());
  EXPECT_THAT(terms_of("p2"), ElementsAre("blue:3", "plate:3"));
  EXPECT_THAT(column("SELECT term FROM search_vocabulary ORDER BY term"),
              ElementsAre("blue", "green", "inside", "mug", "plate"));
}

TEST_P(SearchIndexTest, IndexesManyDocumentsAsOneByOne) {
  std::vector<SearchDocument> documents;
  for (int i = 0; i < 150; ++i) {
    const auto id = "p" + std::to_string(i);
    add_product(id);
    documents.push_back({.product_id = id,
                         .name = "item" + std::to_string(i % 17) + " shared",
                         .keywords = {"k" + std::to_string(i % 5)},
                         .description = "word" + std::to_string(i) + " shared other" + std::to_string(i % 3)});
  }
  test_db_.database().transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
    SearchIndex::index(connection, documents);
    return true;
  });
  const auto bulk = column(
      "SELECT product_id || ' ' || term || ':' || CAST(weight AS TEXT) FROM search_terms "
      "ORDER BY product_id, term");
  const auto vocabulary = column("SELECT term FROM search_vocabulary ORDER BY term");
  const auto trigrams = column("SELECT trigram || '|' || term FROM search_vocabulary_trigrams ORDER BY 1");
  execute("DELETE FROM search_terms");
  execute("DELETE FROM search_vocabulary_trigrams");
  execute("DELETE FROM search_vocabulary");
  for (const auto& document : documents) index(document);
  EXPECT_EQ(column("SELECT product_id || ' ' || term || ':' || CAST(weight AS TEXT) FROM search_terms "
                   "ORDER BY product_id, term"),
            bulk);
  EXPECT_EQ(column("SELECT term FROM search_vocabulary ORDER BY term"), vocabulary);
  EXPECT_EQ(column("SELECT trigram || '|' || term FROM search_vocabulary_trigrams ORDER BY 1"), trigrams);
  EXPECT_EQ(bulk.size(), 150u * 5u);
}

TEST_P(SearchIndexTest, ExpandsExactPrefixAndTypos) {
  add_product("p1");
  index({.product_id = "p1",
         .name = "Wireless Headphones",
         .keywords = {"head", "headset"},
         .description = "wired and wirefree"});
  EXPECT_THAT(describe(expand("head")), ElementsAre("0:head:4", "0:headphones:3", "0:headset:3"));
  EXPECT_THAT(describe(expand("headphone")), ElementsAre("0:headphones:3"));
  EXPECT_THAT(describe(expand("hedphones")), ElementsAre("0:headphones:2"));
  EXPECT_THAT(describe(expand("wirelss")), ElementsAre("0:wireless:2"));
  EXPECT_THAT(describe(expand("wire")), ElementsAre("0:wired:3", "0:wirefree:3", "0:wireless:3"));
  const auto two = expand("Head WIRED head");
  EXPECT_EQ(two.token_count, 2);
  EXPECT_FALSE(two.matches_nothing);
  EXPECT_THAT(describe(two), ElementsAre("0:head:4", "0:headphones:3", "0:headset:3", "1:wired:4"));
}

TEST_P(SearchIndexTest, FindsModelNumbersByPrefixButNeverCorrectsThem) {
  add_product("p1");
  index({.product_id = "p1", .name = "Headphones", .keywords = {"WH-1000XM4"}, .description = ""});
  EXPECT_THAT(column("SELECT DISTINCT term FROM search_vocabulary_trigrams WHERE term = '1000xm4'"), IsEmpty());
  EXPECT_THAT(describe(expand("1000xm")), ElementsAre("0:1000xm4:3"));
  EXPECT_TRUE(expand("1000xm5").matches_nothing);
}

TEST_P(SearchIndexTest, MatchesNothingWhenAWordIsUnknown) {
  add_product("p1");
  index({.product_id = "p1", .name = "Wireless Headphones", .keywords = {}, .description = ""});
  EXPECT_TRUE(expand("headphones zzzzzz").matches_nothing);
  EXPECT_TRUE(expand("hed").matches_nothing);  // too short to correct, and no prefix of anything
  EXPECT_TRUE(expand("").matches_nothing);
  EXPECT_TRUE(expand("the and !!").matches_nothing);
  EXPECT_FALSE(expand("headphones").matches_nothing);
}

TEST_P(SearchIndexTest, UsesAtMostEightWords) {
  add_product("p1");
  index({.product_id = "p1", .name = "aa bb cc dd ee ff gg hh", .keywords = {}, .description = ""});
  const auto expansion = expand("aa bb cc dd ee ff gg hh zzzz");
  EXPECT_EQ(expansion.token_count, 8);
  EXPECT_FALSE(expansion.matches_nothing);
}

TEST_P(SearchIndexTest, BoundsPrefixAndTypoCandidates) {
  add_product("p1");
  std::string many;
  for (int i = 0; i < 30; ++i)
    many += "lamp" + std::string(1, static_cast<char>('a' + i % 26)) + std::to_string(i) + " ";
  index({.product_id = "p1", .name = many, .keywords = {}, .description = ""});
  const auto expansion = expand("lamp");
  EXPECT_EQ(expansion.terms.size(), SearchIndex::kMaxPrefixTerms);
  EXPECT_EQ(expansion.terms.front().term, "lampa0");  // bytewise first
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchIndexTest, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::catalog
