#pragma once

// The text rules of product search, shared by indexing and querying so that both see the same words. Pure
// functions, no I/O.
//
// A word is a run of letters and digits. Text is read as UTF-8 (an invalid byte separates words), lower-cased,
// and common Latin accents are folded (é → e, ü → u, ß → ss, æ → ae, œ → oe: all of Latin-1 Supplement and
// Latin Extended-A); combining accents (U+0300–U+036F) are dropped; Greek and Cyrillic capitals are
// lower-cased; other scripts pass unchanged. ASCII punctuation, Latin-1 symbols, General Punctuation, currency
// symbols and CJK punctuation separate words; every other code point counts as a letter. Words shorter than
// kMinWordBytes are dropped, longer ones cut at kMaxWordBytes (on a character boundary), and a few English
// stop words ("the", "and", …) are never indexed nor searched.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace emporium::catalog::search_text {

inline constexpr std::size_t kMinWordBytes = 2;
inline constexpr std::size_t kMaxWordBytes = 40;

// The normalised words of `text`, in order of appearance, repeats included.
std::vector<std::string> tokens(std::string_view text);

bool is_stop_word(std::string_view word);

// Number of code points of a normalised word.
std::size_t length(std::string_view word);

// The distinct trigrams of a normalised word, sorted bytewise. The word is padded as pg_trgm does — two spaces
// before, one after ("  ab " → "  a", " ab", "ab ") — and cut into runs of three code points, so a word of n
// characters has at most n + 1 trigrams, and one edit changes at most three of them (four for a transposition).
std::vector<std::string> trigrams(std::string_view word);

// The optimal-string-alignment distance (Levenshtein plus transposition of adjacent characters) between two
// normalised words, counted in code points. Gives up early: any distance above `limit` is returned as limit + 1.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

}  // namespace emporium::catalog::search_text
