#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace emporium::catalog {

// Slugs name categories and products in URLs: lower-case ASCII letters and digits in words joined by single
// hyphens (^[a-z0-9]+(-[a-z0-9]+)*$), at most kMaxSlugLength characters. They hold no '_', so that a slug can
// never look like an id ("cat_…", "prod_…") and a path segment is unambiguous.
inline constexpr std::size_t kMaxSlugLength = 100;

// What slugify returns for a name with no letter or digit at all ("!!!", "日本").
inline constexpr std::string_view kFallbackSlug = "item";

// A valid slug made from a name: ASCII letters lower-cased, common Latin accents folded (é → e, ü → u,
// ß → ss, ø → o, æ → ae, œ → oe, ł → l…), every run of other characters (spaces, punctuation, other
// scripts, invalid UTF-8) turned into one hyphen, hyphens trimmed from both ends, cut to kMaxSlugLength
// without leaving a trailing hyphen. Never empty: kFallbackSlug when nothing usable remains.
std::string slugify(std::string_view name);

bool is_valid_slug(std::string_view slug);

// `base` itself when `taken(base)` is false, otherwise the first of base-2, base-3, … that is free, `base`
// being cut (and any hyphen left at its end removed) so that the result stays within kMaxSlugLength.
// `base` must be a valid slug. `taken` is asked once per candidate, in order.
std::string unique_slug(std::string_view base, const std::function<bool(const std::string&)>& taken);

}  // namespace emporium::catalog
