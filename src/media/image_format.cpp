#include "media/image_format.hpp"

#include <algorithm>
#include <vector>

namespace emporium::media {
namespace {
constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);

// ISO base media files (HEIF, AVIF) start with an "ftyp" box: size, "ftyp", a major brand, a minor version,
// then compatible brands up to the box's end.
std::optional<ImageFormat> sniff_heif(std::string_view bytes) {
  if (bytes.size() < 16 || bytes.substr(4, 4) != "ftyp") return std::nullopt;
  const auto size = static_cast<std::size_t>(static_cast<unsigned char>(bytes[0])) << 24 |
                    static_cast<std::size_t>(static_cast<unsigned char>(bytes[1])) << 16 |
                    static_cast<std::size_t>(static_cast<unsigned char>(bytes[2])) << 8 |
                    static_cast<std::size_t>(static_cast<unsigned char>(bytes[3]));
  if (size < 16 || size > bytes.size() || size > 4096) return std::nullopt;
  std::vector<std::string_view> brands{bytes.substr(8, 4)};
  for (std::size_t at = 16; at + 4 <= size; at += 4) brands.push_back(bytes.substr(at, 4));
  const auto has = [&](std::initializer_list<std::string_view> wanted) {
    return std::any_of(brands.begin(), brands.end(), [&](std::string_view brand) {
      return std::find(wanted.begin(), wanted.end(), brand) != wanted.end();
    });
  };
  if (has({"avif", "avis"})) return ImageFormat::Avif;
  if (has({"heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"})) return ImageFormat::Heic;
  return std::nullopt;
}
}  // namespace

std::optional<ImageFormat> sniff_image_format(std::string_view bytes) {
  if (bytes.starts_with("\xff\xd8\xff")) return ImageFormat::Jpeg;
  if (bytes.starts_with(kPngSignature)) return ImageFormat::Png;
  if (bytes.starts_with("GIF87a") || bytes.starts_with("GIF89a")) return ImageFormat::Gif;
  if (bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP") return ImageFormat::WebP;
  return sniff_heif(bytes);
}

std::string_view format_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::Jpeg:
      return "jpeg";
    case ImageFormat::Png:
      return "png";
    case ImageFormat::WebP:
      return "webp";
    case ImageFormat::Gif:
      return "gif";
    case ImageFormat::Avif:
      return "avif";
    case ImageFormat::Heic:
      return "heic";
  }
  return "unknown";
}

}  // namespace emporium::media
