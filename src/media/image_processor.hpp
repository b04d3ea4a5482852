#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "support/problem.hpp"

namespace emporium::media {

struct ImageLimits {
  std::size_t max_bytes = 20 * 1024 * 1024;
  // Pixels decoded per upload (width × height of the one frame we decode). Checked from the header before
  // any pixel is decoded: a few hundred bytes may claim billions of pixels (a decompression bomb).
  std::size_t max_pixels = 40'000'000;
};

// One encoded image: a rendition or the sanitised original.
struct Rendition {
  std::string name;          // "thumb", "small", "medium", "large" or "original"
  std::string format;        // "webp", "avif", "jpeg" or "png"
  std::string content_type;  // "image/webp", …
  std::string bytes;
  int width = 0;
  int height = 0;
};

struct ProcessedImage {
  int width = 0;  // of the original after rotation by its EXIF orientation
  int height = 0;
  std::string source_format;  // "jpeg", "png", "webp", "gif", "avif", "heic"
  std::vector<Rendition> renditions;
};

// Turns untrusted upload bytes into images safe to publish:
//  - accepts JPEG, PNG, WebP, GIF, AVIF and HEIC by signature (415 `unsupported_media_type` otherwise; 413
//    `payload_too_large` above max_bytes); refuses more than max_pixels from the header alone (422
//    `image_too_large`) and images that do not decode completely, e.g. truncated (422 `image_unreadable`);
//  - rotates by the EXIF orientation, converts to 8-bit sRGB (through the embedded ICC profile when there is
//    one) and drops every metadata field (EXIF with GPS, XMP, IPTC, ICC, comments);
//  - renditions "thumb", "small", "medium", "large" fit 160, 320, 640 and 1280 pixel squares, never upscaled,
//    as WebP, and as AVIF too when avif_available(); alpha is kept;
//  - "original": full size, re-encoded JPEG → JPEG, PNG → PNG, WebP → WebP, GIF → PNG, HEIC/AVIF → JPEG
//    (PNG when it has alpha). Animated GIF and WebP keep their first frame only: product pictures are stills,
//    and decoding one frame keeps the cost of an upload bounded by max_pixels.
// Stateless and thread-safe; costs CPU for up to a few seconds: run it on the CPU pool.
class ImageProcessor {
 public:
  explicit ImageProcessor(ImageLimits limits = {});

  Result<ProcessedImage> process(std::string_view bytes) const;
  bool avif_available() const;
  const ImageLimits& limits() const { return limits_; }

 private:
  ImageLimits limits_;
};

}  // namespace emporium::media
