#include "catalog/slug.hpp"

#include <array>
#include <cstdint>
#include <optional>

namespace emporium::catalog {
namespace {

// Latin-1 Supplement and Latin Extended-A letters and what they fold to; code points in no range are
// separators. Ranges are sorted and do not overlap.
struct Fold {
  char32_t first;
  char32_t last;
  std::string_view ascii;
};

constexpr std::array kFolds = {
    Fold{0xC0, 0xC5, "a"},   Fold{0xC6, 0xC6, "ae"},   Fold{0xC7, 0xC7, "c"},   Fold{0xC8, 0xCB, "e"},
    Fold{0xCC, 0xCF, "i"},   Fold{0xD0, 0xD0, "d"},    Fold{0xD1, 0xD1, "n"},   Fold{0xD2, 0xD6, "o"},
    Fold{0xD8, 0xD8, "o"},   Fold{0xD9, 0xDC, "u"},    Fold{0xDD, 0xDD, "y"},   Fold{0xDE, 0xDE, "th"},
    Fold{0xDF, 0xDF, "ss"},  Fold{0xE0, 0xE5, "a"},    Fold{0xE6, 0xE6, "ae"},  Fold{0xE7, 0xE7, "c"},
    Fold{0xE8, 0xEB, "e"},   Fold{0xEC, 0xEF, "i"},    Fold{0xF0, 0xF0, "d"},   Fold{0xF1, 0xF1, "n"},
    Fold{0xF2, 0xF6, "o"},   Fold{0xF8, 0xF8, "o"},    Fold{0xF9, 0xFC, "u"},   Fold{0xFD, 0xFD, "y"},
    Fold{0xFE, 0xFE, "th"},  Fold{0xFF, 0xFF, "y"},    Fold{0x100, 0x105, "a"}, Fold{0x106, 0x10D, "c"},
    Fold{0x10E, 0x111, "d"}, Fold{0x112, 0x11B, "e"},  Fold{0x11C, 0x123, "g"}, Fold{0x124, 0x127, "h"},
    Fold{0x128, 0x131, "i"}, Fold{0x132, 0x133, "ij"}, Fold{0x134, 0x135, "j"}, Fold{0x136, 0x138, "k"},
    Fold{0x139, 0x142, "l"}, Fold{0x143, 0x14B, "n"},  Fold{0x14C, 0x151, "o"}, Fold{0x152, 0x153, "oe"},
    Fold{0x154, 0x159, "r"}, Fold{0x15A, 0x161, "s"},  Fold{0x162, 0x167, "t"}, Fold{0x168, 0x173, "u"},
    Fold{0x174, 0x175, "w"}, Fold{0x176, 0x178, "y"},  Fold{0x179, 0x17E, "z"}, Fold{0x17F, 0x17F, "s"},
};

std::string_view fold(char32_t code_point) {
  for (const auto& f : kFolds) {
    if (code_point < f.first) break;
    if (code_point <= f.last) return f.ascii;
  }
  return {};
}

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Decodes the code point at `at` and moves past it. Nullopt for a malformed sequence (one byte is consumed),
// overlong forms included: they are separators like any other unknown character.
std::optional<char32_t> next_code_point(std::string_view text, std::size_t& at) {
  const auto lead = static_cast<unsigned char>(text[at++]);
  if (lead < 0x80) return lead;
  int extra = 0;
  char32_t value = 0;
  if ((lead & 0xE0) == 0xC0) {
    extra = 1;
    value = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
    value = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3;
    value = lead & 0x07;
  } else {
    return std::nullopt;
  }
  if (at + static_cast<std::size_t>(extra) > text.size()) return std::nullopt;
  for (int i = 0; i < extra; ++i) {
    const auto byte = static_cast<unsigned char>(text[at + static_cast<std::size_t>(i)]);
    if (!is_continuation(byte)) return std::nullopt;
    value = (value << 6) | (byte & 0x3F);
  }
  constexpr std::array<char32_t, 4> kSmallest = {0, 0x80, 0x800, 0x10000};
  if (value < kSmallest[static_cast<std::size_t>(extra)]) return std::nullopt;
  at += static_cast<std::size_t>(extra);
  return value;
}

bool is_slug_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Cuts to at most `max` characters and removes the hyphen a cut may leave at the end.
std::string cut(std::string slug, std::size_t max) {
  if (slug.size() > max) slug.resize(max);
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

}  // namespace

std::string slugify(std::string_view name) {
  std::string slug;
  bool pending_separator = false;
  const auto append = [&](std::string_view part) {
    if (pending_separator && !slug.empty()) slug += '-';
    pending_separator = false;
    slug += part;
  };
  for (std::size_t at = 0; at < name.size() && slug.size() <= kMaxSlugLength;) {
    const auto code_point = next_code_point(name, at);
    if (code_point && *code_point < 0x80) {
      auto c = static_cast<char>(*code_point);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (is_slug_char(c)) {
        append(std::string_view(&c, 1));
        continue;
      }
    } else if (code_point) {
      if (const auto folded = fold(*code_point); !folded.empty()) {
        append(folded);
        continue;
      }
    }
    pending_separator = true;
  }
  slug = cut(std::move(slug), kMaxSlugLength);
  return slug.empty() ? std::string(kFallbackSlug) : slug;
}

bool is_valid_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > kMaxSlugLength) return false;
  if (slug.front() == '-' || slug.back() == '-') return false;
  for (std::size_t i = 0; i < slug.size(); ++i) {
    const char c = slug[i];
    if (c == '-') {
      if (slug[i - 1] == '-') return false;
    } else if (!is_slug_char(c)) {
      return false;
    }
  }
  return true;
}

std::string unique_slug(std::string_view base, const std::function<bool(const std::string&)>& taken) {
  std::string candidate(base);
  for (std::uint64_t n = 2; taken(candidate); ++n) {
    std::string suffix(1, '-');
    suffix.append(std::to_string(n));
    candidate = cut(std::string(base), kMaxSlugLength - suffix.size());
    candidate.append(suffix);
  }
  return candidate;
}

}  // namespace emporium::catalog
