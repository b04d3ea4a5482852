#pragma once

#include <string_view>

namespace emporium {

// A file compiled into the binary (see cmake/Embed.cmake): migrations, the OpenAPI document, web assets.
struct EmbeddedFile {
  std::string_view path;
  std::string_view content;
};

}  // namespace emporium
