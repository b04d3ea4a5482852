#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace emporium {

// ASCII case-insensitive comparison (HTTP header names, codes).
bool iequals(std::string_view a, std::string_view b);
std::string to_lower_ascii(std::string_view text);
std::string_view trim(std::string_view text);
// Splits on `separator`, trimming each part and dropping empty ones.
std::vector<std::string_view> split_list(std::string_view text, char separator);
// Number of Unicode code points in valid UTF-8 text.
std::size_t utf8_length(std::string_view text);
bool is_valid_utf8(std::string_view text);
// True when the text holds an ASCII control character (or DEL). Line breaks and tabs count only when
// `allow_line_breaks` is false: they are text in a description.
bool has_control_character(std::string_view text, bool allow_line_breaks = false);

}  // namespace emporium
