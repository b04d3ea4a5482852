#include "media/media_key.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "support/crypto.hpp"

namespace emporium::media {
namespace {
// 160 bits of SHA-256: collisions stay out of reach, names stay short.
constexpr std::size_t kHashLength = 40;

struct KnownExtension {
  std::string_view extension;
  std::string_view format;
  std::string_view content_type;
};

constexpr std::array<KnownExtension, 4> kExtensions = {{
    {"webp", "webp", "image/webp"},
    {"avif", "avif", "image/avif"},
    {"jpg", "jpeg", "image/jpeg"},
    {"png", "png", "image/png"},
}};

const KnownExtension* find_extension(std::string_view extension) {
  const auto found =
      std::find_if(kExtensions.begin(), kExtensions.end(), [&](const auto& e) { return e.extension == extension; });
  return found == kExtensions.end() ? nullptr : &*found;
}

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
}  // namespace

bool is_media_extension(std::string_view extension) { return find_extension(extension) != nullptr; }

std::string media_key(std::string_view bytes, std::string_view extension) {
  if (!is_media_extension(extension)) throw std::invalid_argument("unknown media extension: " + std::string(extension));
  return sha256_hex(bytes).substr(0, kHashLength) + "." + std::string(extension);
}

bool is_valid_media_key(std::string_view key) {
  if (key.size() <= kHashLength + 1 || key[kHashLength] != '.') return false;
  const auto hash = key.substr(0, kHashLength);
  return std::all_of(hash.begin(), hash.end(), is_lower_hex) && is_media_extension(key.substr(kHashLength + 1));
}

std::optional<std::string_view> media_key_hash(std::string_view key) {
  if (!is_valid_media_key(key)) return std::nullopt;
  return key.substr(0, kHashLength);
}

std::optional<std::string_view> media_content_type(std::string_view key) {
  if (!is_valid_media_key(key)) return std::nullopt;
  return find_extension(key.substr(kHashLength + 1))->content_type;
}

std::optional<std::string_view> extension_for_format(std::string_view format) {
  const auto found =
      std::find_if(kExtensions.begin(), kExtensions.end(), [&](const auto& e) { return e.format == format; });
  if (found == kExtensions.end()) return std::nullopt;
  return found->extension;
}

}  // namespace emporium::media
