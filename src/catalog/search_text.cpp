#include "catalog/search_text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace emporium::catalog::search_text {
namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

// Kept short on purpose: words people do search for ("in", "on", "it") stay searchable.
constexpr std::array<std::string_view, 13> kStopWords = {"an", "and", "are", "at",  "by", "for", "from",
                                                         "is", "of",  "or",  "the", "to", "with"};

struct FoldRange {
  char32_t first;
  char32_t last;
  std::string_view folded;
};

// Latin Extended-A: capitals and small letters alternate, so whole runs fold to one base letter.
constexpr std::array<FoldRange, 22> kLatinExtendedA = {{
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"},  {0x112, 0x11B, "e"},  {0x11C, 0x123, "g"},
    {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"},  {0x136, 0x138, "k"},
    {0x139, 0x142, "l"}, {0x143, 0x14B, "n"}, {0x14C, 0x151, "o"},  {0x152, 0x153, "oe"}, {0x154, 0x159, "r"},
    {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"},  {0x174, 0x175, "w"},  {0x176, 0x178, "y"},
    {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
}};

// U+00C0 … U+00FF; empty for × and ÷, which separate words.
constexpr std::array<std::string_view, 64> kLatin1Letters = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // C0–CF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0–DF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // E0–EF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",   // F0–FF
};

// Blocks of symbols and punctuation that separate words like spaces do.
constexpr std::array<std::pair<char32_t, char32_t>, 13> kSeparatorBlocks = {{
    {0x2000, 0x206F},    // General Punctuation (spaces, dashes, quotes, zero-width characters)
    {0x20A0, 0x20CF},    // currency symbols
    {0x2100, 0x214F},    // letterlike symbols (™, №)
    {0x2190, 0x23FF},    // arrows, mathematical operators, technical symbols
    {0x2500, 0x27BF},    // box drawing, shapes, miscellaneous symbols, dingbats
    {0x2E00, 0x2E7F},    // supplemental punctuation
    {0x3000, 0x303F},    // CJK symbols and punctuation
    {0xFE30, 0xFE4F},    // CJK compatibility forms
    {0xFF00, 0xFF0F},    // fullwidth punctuation …
    {0xFF1A, 0xFF20},    //
    {0xFF3B, 0xFF40},    //
    {0xFF5B, 0xFF65},    // … up to halfwidth CJK punctuation
    {0x1F000, 0x1FAFF},  // emoji and pictographs
}};

// Decodes the code point at `text[i]`, advancing `i`; kInvalid (one byte consumed) for malformed UTF-8.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i++]);
  if (lead < 0x80) return lead;
  std::size_t extra = 0;
  char32_t code = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    extra = 1, code = lead & 0x1Fu, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2, code = lead & 0x0Fu, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3, code = lead & 0x07u, min = 0x10000;
  } else {
    return kInvalid;
  }
  if (i + extra > text.size()) return kInvalid;
  for (std::size_t k = 0; k < extra; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return kInvalid;
    code = (code << 6) | (next & 0x3Fu);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return kInvalid;
  i += extra;
  return code;
}

void append_utf8(char32_t code, std::string& out) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

bool is_separator(char32_t code) {
  if (code == kInvalid || code < 0x30) return true;
  if (code < 0x80)
    return !((code >= '0' && code <= '9') || (code >= 'a' && code <= 'z') || (code >= 'A' && code <= 'Z'));
  if (code < 0xC0) return true;  // Latin-1 punctuation and symbols; the few letters among them are handled first
  return std::any_of(kSeparatorBlocks.begin(), kSeparatorBlocks.end(),
                     [code](const auto& block) { return code >= block.first && code <= block.second; });
}

// Lower-cases letters of the scripts a catalog commonly holds beyond Latin.
char32_t lower_case(char32_t code) {
  if (code >= 'A' && code <= 'Z') return code + 0x20;
  if (code >= 0x391 && code <= 0x3A9 && code != 0x3A2) return code + 0x20;  // Greek
  if (code == 0x3C2) return 0x3C3;                                          // final sigma
  if (code >= 0x410 && code <= 0x42F) return code + 0x20;                   // Cyrillic
  if (code >= 0x400 && code <= 0x40F) return code + 0x50;
  return code;
}

// Appends the folded form of `code` to `word`. Returns false when `code` separates words.
bool append_folded(char32_t code, std::string& word) {
  switch (code) {  // the letters and digits among Latin-1's symbols
    case 0xAA:
      word += 'a';
      return true;
    case 0xBA:
      word += 'o';
      return true;
    case 0xB2:
      word += '2';
      return true;
    case 0xB3:
      word += '3';
      return true;
    case 0xB9:
      word += '1';
      return true;
    case 0xB5:
      append_utf8(0x3BC, word);  // micro sign → Greek mu
      return true;
    default:
      break;
  }
  if (is_separator(code)) return false;
  if (code >= 0x300 && code <= 0x36F) return true;  // a combining accent: the letter before it stays bare
  if (code >= 0xC0 && code <= 0xFF) {
    const auto folded = kLatin1Letters[code - 0xC0];
    word += folded;
    return !folded.empty();
  }
  for (const auto& range : kLatinExtendedA) {
    if (code >= range.first && code <= range.last) {
      word += range.folded;
      return true;
    }
  }
  append_utf8(lower_case(code), word);
  return true;
}

// Cuts a word at kMaxWordBytes without splitting a character, then keeps it when long enough and not a stop word.
void finish_word(std::string& word, std::vector<std::string>& words) {
  if (word.size() > kMaxWordBytes) {
    std::size_t end = kMaxWordBytes;
    while (end > 0 && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80) --end;
    word.resize(end);
  }
  if (word.size() >= kMinWordBytes && !is_stop_word(word)) words.push_back(word);
  word.clear();
}

std::vector<char32_t> code_points(std::string_view word) {
  std::vector<char32_t> codes;
  codes.reserve(word.size());
  for (std::size_t i = 0; i < word.size();) codes.push_back(next_code_point(word, i));
  return codes;
}

}  // namespace

std::vector<std::string> tokens(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i < text.size();) {
    if (!append_folded(next_code_point(text, i), word)) finish_word(word, words);
  }
  finish_word(word, words);
  return words;
}

bool is_stop_word(std::string_view word) { return std::binary_search(kStopWords.begin(), kStopWords.end(), word); }

std::size_t length(std::string_view word) {
  return static_cast<std::size_t>(
      std::count_if(word.begin(), word.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::vector<std::string> trigrams(std::string_view word) {
  const std::string padded = "  " + std::string(word) + " ";
  std::vector<std::size_t> starts;  // byte offset of every code point, and the end
  for (std::size_t i = 0; i < padded.size();) {
    starts.push_back(i);
    next_code_point(padded, i);
  }
  starts.push_back(padded.size());
  std::vector<std::string> result;
  for (std::size_t k = 0; k + 3 < starts.size(); ++k)
    result.push_back(padded.substr(starts[k], starts[k + 3] - starts[k]));
  std::sort(result.begin(), result.end());
  result.erase(std::unique(result.begin(), result.end()), result.end());
  return result;
}

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  const auto x = code_points(a);
  const auto y = code_points(b);
  const std::size_t n = x.size();
  const std::size_t m = y.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    std::size_t row_min = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
      row_min = std::min(row_min, current[j]);
    }
    // Every later row is at least this row's minimum (a transposition reaches back one more row, whose
    // minimum is at most one less): nothing can come back under the limit.
    if (row_min > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], limit + 1);
}

}  // namespace emporium::catalog::search_text
