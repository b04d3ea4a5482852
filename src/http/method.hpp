#pragma once

#include <string_view>

namespace emporium::http {

enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };

std::string_view to_string(Method method);
Method method_from_string(std::string_view text);

}  // namespace emporium::http
