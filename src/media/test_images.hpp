#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Images made by the tests themselves (libvips, or bytes crafted by hand), so the repository holds no binary
// fixtures and every property a test relies on is visible in the code that makes it.
namespace emporium::media::testing {

// A JPEG with EXIF orientation `orientation`, camera make, artist and GPS position, plus XMP and an ICC
// profile: everything an upload must not leak.
std::string jpeg_with_metadata(int width, int height, int orientation);
// A plain JPEG with detail everywhere (a stand-in for a photo).
std::string photo_jpeg(int width, int height);
// An RGBA PNG whose alpha runs from transparent (left) to opaque (right).
std::string png_with_alpha(int width, int height);
// A 16-bit greyscale PNG.
std::string grey16_png(int width, int height);
// An animated GIF of `frames` frames, each of a different colour.
std::string animated_gif(int width, int height, int frames);
std::string webp_image(int width, int height);
// AVIF or HEIC (HEVC) made by libheif; nullopt when this libheif has no encoder for it.
std::optional<std::string> heif_image(int width, int height, bool avif);
// A valid PNG header claiming width × height RGBA pixels, then a few bytes of image data: a decompression bomb.
std::string png_bomb(std::uint32_t width, std::uint32_t height);

struct Decoded {
  std::string loader;  // libvips' loader, e.g. "webpload_buffer"
  int width = 0;
  int height = 0;
  int bands = 0;
  bool has_alpha = false;
  std::vector<std::string> fields;  // every metadata field libvips reads back
};
// Reads encoded bytes back with libvips (any loader it has).
Decoded decode(std::string_view bytes);

}  // namespace emporium::media::testing
