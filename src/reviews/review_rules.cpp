#include "reviews/review_rules.hpp"

namespace emporium::reviews {

bool has_control_characters(std::string_view text, bool allow_line_breaks) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n' || byte == '\t') {
      if (!allow_line_breaks) return true;
      continue;
    }
    if (byte < 0x20 || byte == 0x7F) return true;
    // C1 controls (U+0080..U+009F) are 0xC2 0x80..0x9F in UTF-8.
    if (byte == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

std::vector<FieldError> review_errors(const ReviewInput& input) {
  std::vector<FieldError> errors;
  if (has_control_characters(input.title, false)) errors.push_back({"title", "must not contain control characters"});
  if (has_control_characters(input.body, true))
    errors.push_back({"body", "must not contain control characters other than newline and tab"});
  return errors;
}

Problem review_not_found() { return problems::not_found("No such review.").with_code("review_not_found"); }

Problem review_exists() {
  return problems::conflict("review_exists",
                            "You have reviewed this product already: edit your review (PUT /api/reviews/{id}).");
}

}  // namespace emporium::reviews
