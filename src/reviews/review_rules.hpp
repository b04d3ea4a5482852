#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "reviews/review.hpp"
#include "support/problem.hpp"

namespace emporium::reviews {

inline constexpr std::int64_t kMinRating = 1;
inline constexpr std::int64_t kMaxRating = 5;
inline constexpr std::size_t kMaxTitleLength = 120;  // characters, after trimming
inline constexpr std::size_t kMaxBodyLength = 5000;

// True when `text` holds a control character (C0, DEL or C1); `allow_line_breaks` lets newline and tab pass.
bool has_control_characters(std::string_view text, bool allow_line_breaks);
// The rules a written review must follow beyond types and lengths (no control characters).
std::vector<FieldError> review_errors(const ReviewInput& input);

Problem review_not_found();
// 409 `review_exists`: the customer has a live review of this product already.
Problem review_exists();

}  // namespace emporium::reviews
